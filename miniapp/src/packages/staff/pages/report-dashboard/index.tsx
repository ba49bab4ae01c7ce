import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REPORT_STATUS_LABELS, type ReportStatus } from '@xjy/shared/report';
import {
  REPORT_FIGURE_KEYS,
  REPORT_FIGURE_STAGE_DEFINITIONS,
  REPORT_FIGURES,
  type FigureValue,
  type ReportDashboardResponse,
  type ReportFigureBreakdown,
  type ReportFigureKey,
} from '@xjy/shared/report-figures';
import Button from '../../../../components/button';
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
/** The figures a breakdown table shows, in this order. */
const TABLE_FIGURES: ReportFigureKey[] = ['closureRate', 'onTimeClosureRate', 'handlingRate', 'satisfactionRate'];

export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const hours = (h: number | null) => (h === null ? '—' : `${h} 小时`);

function FigureTile({ k, v }: { k: ReportFigureKey; v: FigureValue }) {
  const def = REPORT_FIGURES[k];
  return (
    <View className='report-dash__tile' data-testid={`figure-${k}`}>
      <Text className='report-dash__name'>{def.name}</Text>
      <Text className='report-dash__value'>{pct(v.value)}</Text>
      <Text className='report-dash__ratio'>
        {v.numerator} / {v.denominator}
      </Text>
      <Text className='report-dash__formula'>{def.formula}</Text>
    </View>
  );
}

function BreakdownTable({ title, rows, testId }: { title: string; rows: Array<{ key: string; label: string; b: ReportFigureBreakdown }>; testId: string }) {
  return (
    <View className='card report-dash__table' data-testid={testId}>
      <Text className='card__title'>{title}</Text>
      {rows.length === 0 ? <Text className='muted'>这段时间没有上报</Text> : null}
      {rows.length ? (
        <View className='report-dash__tr report-dash__tr--head'>
          <Text className='report-dash__td report-dash__td--label'>名称</Text>
          <Text className='report-dash__td'>受理</Text>
          <Text className='report-dash__td'>超时</Text>
          {TABLE_FIGURES.map((k) => (
            <Text key={k} className='report-dash__td'>
              {REPORT_FIGURES[k].name}
            </Text>
          ))}
        </View>
      ) : null}
      {rows.map((r) => (
        <View key={r.key} className='report-dash__tr'>
          <Text className='report-dash__td report-dash__td--label'>{r.label}</Text>
          <Text className='report-dash__td'>{r.b.received}</Text>
          <Text className='report-dash__td'>{r.b.overdue}</Text>
          {TABLE_FIGURES.map((k) => (
            <Text key={k} className='report-dash__td'>
              {pct(r.b.figures[k].value)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export function DashboardFigures({ f }: { f: ReportDashboardResponse }) {
  const [showDefs, setShowDefs] = useState(false);
  return (
    <>
      <View className='report-dash__summary'>
        <Text>
          受理 {f.received} 件，立案 {f.counts.filed} 件，结案（已解决）{f.counts.closedFixed} 件，未解决结案 {f.counts.closedNotFixed} 件，缓办 {f.counts.deferred} 件，
        </Text>
        <Text data-testid='overdue'>当前超时未办 {f.overdue} 件</Text>
      </View>
      <View className='report-dash__tiles'>
        {REPORT_FIGURE_KEYS.map((k) => (
          <FigureTile key={k} k={k} v={f[k]} />
        ))}
      </View>
      <View className='card'>
        <View className='report-dash__defs-head'>
          <Text className='card__title'>指标口径</Text>
          <Button className='btn btn--plain' onClick={() => setShowDefs(!showDefs)}>
            {showDefs ? '收起' : '展开'}
          </Button>
        </View>
        {showDefs
          ? REPORT_FIGURE_KEYS.map((k) => (
              <View key={k} className='report-dash__def' data-testid={`definition-${k}`}>
                <Text className='report-dash__def-name'>
                  {REPORT_FIGURES[k].name} = {REPORT_FIGURES[k].formula}
                </Text>
                <Text className='muted'>{REPORT_FIGURES[k].definition}</Text>
              </View>
            ))
          : null}
      </View>
      <View className='card' data-testid='stage-medians'>
        <Text className='card__title'>各环节用时（中位数）</Text>
        {f.medianHours.map((m) => (
          <View key={m.stage} className='row'>
            <Text className='row__label'>
              {m.name}（{REPORT_FIGURE_STAGE_DEFINITIONS[m.stage].from} → {REPORT_FIGURE_STAGE_DEFINITIONS[m.stage].to}）
            </Text>
            <Text className='row__value'>{hours(m.hours)}</Text>
          </View>
        ))}
        <Text className='muted'>按 {f.medianSampleSize} 件已立案案件计算</Text>
      </View>
      <View className='card'>
        <Text className='card__title'>按状态</Text>
        {f.byStatus.map((s) => (
          <View key={s.status} className='row'>
            <Text className='row__label'>{REPORT_STATUS_LABELS[s.status as ReportStatus] ?? s.status}</Text>
            <Text className='row__value'>{s.count}</Text>
          </View>
        ))}
      </View>
      <BreakdownTable title='按区域' testId='by-area' rows={f.byArea.map((a) => ({ key: String(a.areaId), label: a.name, b: a }))} />
      <BreakdownTable title='按类别' testId='by-category' rows={f.byCategory.map((c) => ({ key: c.category, label: c.label, b: c }))} />
      <BreakdownTable title='按部门' testId='by-department' rows={f.byDepartment.map((d) => ({ key: String(d.departmentId), label: d.name, b: d }))} />
      <BreakdownTable title='按周' testId='by-week' rows={f.byWeek.map((w) => ({ key: w.week, label: `${w.week} 起`, b: w }))} />
    </>
  );
}

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
          <DashboardFigures f={f} />
          <Button className='btn btn--secondary' loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel（含指标与分组统计）
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
