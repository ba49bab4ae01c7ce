import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import type { ReportStatus, ReportStatusGroup, ReportSummaryResponse } from '@xjy/shared/report';
import { REPORT_STATUS_LABELS } from '@xjy/shared/report';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useReshow } from '../../../../hooks/use-reshow';
import { errorMessage } from '../../../../services/http';
import { listCategories, ReportQueueFilter, staffReports } from '../../../../services/reports';
import ReportRow from '../../../../components/report-row';
import { ROUTES } from '../../../../utils/routes';
import { formatWhen } from '../../../../utils/time';
import SearchSelect from '../../components/search-select';
import StaffOnly from '../../components/staff-only';
import { useWideScreen } from '../../hooks/use-wide-screen';
import ConsoleQueue from './console-queue';
import { deadlineSortable } from './queue-rules';
import './index.scss';

const STATUS_FILTERS: Array<{ value: ReportStatus | ReportStatusGroup | undefined; label: string }> = [
  { value: 'submitted', label: '待审核' },
  { value: 'open', label: '处理中' },
  { value: 'fixed', label: '已办结' },
  { value: 'closed', label: '已关闭' },
  { value: undefined, label: '全部' },
];

function ReportQueue() {
  const [status, setStatus] = useState<ReportQueueFilter['status']>('submitted');
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [flagged, setFlagged] = useState(false);
  // Open cases come most urgent first (running deadline), finished ones by priority.
  const filter: ReportQueueFilter = { status, category, overdue: overdue || undefined, flagged: flagged || undefined, sort: deadlineSortable(status ?? null) ? 'deadline' : undefined };
  const key = JSON.stringify(filter);
  const page = useRequest(() => staffReports(filter), key);
  const categories = useRequest(listCategories, 'categories');
  const [more, setMore] = useState<{ key: string; items: ReportSummaryResponse[]; cursor: string | null } | null>(null);
  useReshow(() => {
    setMore(null);
    void page.reload();
  });

  const extra = more?.key === key ? more : null;
  const items = [...(page.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (page.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const next = await staffReports({ ...filter, cursor });
      setMore({ key, items: [...(extra?.items ?? []), ...next.items], cursor: next.nextCursor });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  const cats = categories.data?.items ?? [];

  return (
    <View className='page staff-reports' data-testid='staff-reports'>
      <View className='staff-reports__filters'>
        {STATUS_FILTERS.map((f) => (
          <Text key={f.label} className={`chip ${status === f.value ? 'chip--on' : ''}`} onClick={() => setStatus(f.value)}>
            {f.label}
          </Text>
        ))}
      </View>
      <View className='staff-reports__filters'>
        <View className='staff-reports__category'>
          <SearchSelect label='类别' options={cats.map((c) => ({ value: c.key, label: c.label }))} value={category ?? null} onChange={(v) => setCategory(v ?? undefined)} clearLabel='全部类别' testId='phone-filter-category' />
        </View>
        <Text className={`chip ${overdue ? 'staff-reports__chip--warn' : ''}`} onClick={() => setOverdue(!overdue)} data-testid='filter-overdue'>
          只看超时
        </Text>
        <Text className={`chip ${flagged ? 'staff-reports__chip--warn' : ''}`} onClick={() => setFlagged(!flagged)}>
          待复核内容
        </Text>
        <Text className='chip' onClick={() => void Taro.navigateTo({ url: ROUTES.staffReportDashboard })}>
          统计 ›
        </Text>
      </View>
      {page.loading && !page.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {page.error ? <StateView kind='error' title='没有加载出来' description={page.error.message} actionText='重试' onAction={() => void page.reload()} /> : null}
      {page.data && items.length === 0 ? <StateView kind='empty' title='没有符合条件的随手拍' description='换个筛选条件看看。' /> : null}
      {items.map((r) => (
        <ReportRow
          key={r.id}
          report={r}
          block='staff-reports'
          url={`${ROUTES.staffReport}?id=${r.id}`}
          testId='staff-report-item'
          aside={<Text className='staff-reports__status'>{REPORT_STATUS_LABELS[r.status]}</Text>}
        >
            <View className='staff-reports__line'>
              <Text className='muted'>
                {r.areaName} · {formatWhen(r.createdAt)}
              </Text>
              <View>
                {r.overdue ? (
                  <Text className='staff-reports__badge staff-reports__badge--overdue' data-testid='overdue-mark'>
                    超时
                  </Text>
                ) : null}
                {r.flagged ? <Text className='staff-reports__badge'>待复核</Text> : null}
                {r.witnessCount ? <Text className='staff-reports__badge staff-reports__badge--info'>+{r.witnessCount} 人看到</Text> : null}
              </View>
            </View>
        </ReportRow>
      ))}
      {cursor ? (
        <Button className='btn btn--plain' onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

/** A phone gets the card list; a desktop (H5, ≥ 1024 px) gets the console table with filters and bulk actions. */
function ReportQueueForScreen() {
  return useWideScreen() ? <ConsoleQueue /> : <ReportQueue />;
}

export default function StaffReportsPage() {
  return (
    <StaffOnly>
      <ReportQueueForScreen />
    </StaffOnly>
  );
}
