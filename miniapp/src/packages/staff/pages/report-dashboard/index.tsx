import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import { REPORT_STATUS_LABELS } from '@xjy/shared/report';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { errorMessage } from '../../../../services/http';
import { reportDashboard } from '../../../../services/reports';
import { downloadWithSession } from '../../../../services/download';
import StaffOnly from '../../components/staff-only';
import './index.scss';

const RANGES = [
  { days: 7, label: '近 7 天' },
  { days: 30, label: '近 30 天' },
  { days: 90, label: '近 90 天' },
];
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const dur = (minutes: number | null) => (minutes === null ? '—' : minutes < 120 ? `${Math.round(minutes)} 分钟` : `${Math.round((minutes / 60) * 10) / 10} 小时`);

function Dashboard() {
  const [days, setDays] = useState(30);
  // Whole hours, so the key (and the request) stays the same while the page is open.
  const from = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - days * 24 * 3600_000).toISOString();
  const figures = useRequest(() => reportDashboard({ from }), from);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadWithSession(`/api/reports/export.xlsx?from=${encodeURIComponent(from)}`, `随手拍-${from.slice(0, 10)}.xlsx`);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  const f = figures.data;
  return (
    <View className='page report-dash' data-testid='report-dashboard'>
      <View className='report-dash__ranges'>
        {RANGES.map((r) => (
          <Text key={r.days} className={`chip ${days === r.days ? 'chip--on' : ''}`} onClick={() => setDays(r.days)}>
            {r.label}
          </Text>
        ))}
      </View>
      {figures.loading && !f ? <StateView kind='loading' title='正在统计…' /> : null}
      {figures.error ? <StateView kind='error' title='没有统计出来' description={figures.error.message} actionText='重试' onAction={() => void figures.reload()} /> : null}
      {f ? (
        <>
          <View className='report-dash__tiles'>
            <View className='report-dash__tile report-dash__tile--main'>
              <Text className='report-dash__value' data-testid='handling-rate'>
                {pct(f.handlingRate)}
              </Text>
              <Text className='report-dash__label'>处理率（办结 {f.closed} / 收到 {f.received}）</Text>
            </View>
            <View className='report-dash__tile'>
              <Text className='report-dash__value'>{pct(f.onTimeRate)}</Text>
              <Text className='report-dash__label'>按时办结率</Text>
            </View>
            <View className='report-dash__tile'>
              <Text className='report-dash__value'>{f.overdue}</Text>
              <Text className='report-dash__label'>超时未办</Text>
            </View>
            <View className='report-dash__tile'>
              <Text className='report-dash__value'>{dur(f.medianAcceptMinutes)}</Text>
              <Text className='report-dash__label'>采纳用时（中位数）</Text>
            </View>
            <View className='report-dash__tile'>
              <Text className='report-dash__value'>{dur(f.medianResolveMinutes)}</Text>
              <Text className='report-dash__label'>办结用时（中位数）</Text>
            </View>
          </View>
          <View className='card'>
            <Text className='card__title'>按状态</Text>
            {f.byStatus.map((s) => (
              <View key={s.status} className='row'>
                <Text className='row__label'>{REPORT_STATUS_LABELS[s.status]}</Text>
                <Text className='row__value'>{s.count}</Text>
              </View>
            ))}
          </View>
          <View className='card'>
            <Text className='card__title'>按类别</Text>
            {f.byCategory.length === 0 ? <Text className='muted'>这段时间没有上报</Text> : null}
            {f.byCategory.map((c) => (
              <View key={c.category} className='row'>
                <Text className='row__label'>{c.label}</Text>
                <Text className='row__value'>{c.count}</Text>
              </View>
            ))}
          </View>
          <View className='card'>
            <Text className='card__title'>按区域</Text>
            {f.byArea.map((a) => (
              <View key={a.areaId} className='row'>
                <Text className='row__label'>{a.name}</Text>
                <Text className='row__value'>
                  {a.closed}/{a.received}
                </Text>
              </View>
            ))}
          </View>
          <Button className='btn btn--secondary' loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
        </>
      ) : null}
    </View>
  );
}

export default function ReportDashboardPage() {
  return (
    <StaffOnly>
      <Dashboard />
    </StaffOnly>
  );
}
