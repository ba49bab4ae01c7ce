import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import type { ReportRejectReason, ReportSummaryResponse } from '@xjy/shared/report';
import { REPORT_REJECT_REASONS, REPORT_REJECT_REASON_LABELS, REPORT_STATUS_LABELS } from '@xjy/shared/report';
import { formatChinaDateTime } from '@xjy/shared/china-time';
import Button from '../../../../components/button';
import StateView from '../../../../components/state-view';
import { useAuth } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { useReshow } from '../../../../hooks/use-reshow';
import { errorMessage } from '../../../../services/http';
import { acceptReport, listCategories, rejectReport, staffReports, type ReportQueueFilter } from '../../../../services/reports';
import { ROUTES } from '../../../../utils/routes';
import DataTable from '../../components/data-table';
import type { DataColumn } from '../../components/data-table/types';
import { keyboardActivatable } from '../../components/focusable';
import SearchSelect from '../../components/search-select';
import type { SelectOption } from '../../components/search-select/types';
import { useAreaOptions } from '../../hooks/use-area-options';
import { bulkSelectable, commonPointsRange, deadlineSortable, deadlineSortValue, runBulk, runningDeadline, type BulkResult } from './queue-rules';
import './console-queue.scss';

/** Pages loaded at first and by each 载入更多; the table pages through what is loaded, at most QUEUE_LOAD_MAX_PAGES. */
export const QUEUE_LOAD_STEP_PAGES = 5;
export const QUEUE_LOAD_MAX_PAGES = 25;

const STATUS_OPTIONS: Array<SelectOption<string>> = [
  { value: 'submitted', label: '待审核' },
  { value: 'open', label: '处理中' },
  { value: 'fixed', label: '已办结' },
  { value: 'closed', label: '已关闭' },
];
const REASON_OPTIONS: Array<SelectOption<ReportRejectReason>> = REPORT_REJECT_REASONS.map((r) => ({ value: r, label: REPORT_REJECT_REASON_LABELS[r] }));

/**
 * The first `pages` pages of the queue. Open statuses come from the server by running deadline, so what is loaded is
 * always the most urgent part of the queue; finished ones by priority (the table sorts what is loaded).
 */
async function loadQueue(filter: ReportQueueFilter, pages: number): Promise<{ items: ReportSummaryResponse[]; capped: boolean }> {
  const items: ReportSummaryResponse[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page = await staffReports({ ...filter, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { items, capped: Boolean(cursor) };
}

const COLUMNS: Array<DataColumn<ReportSummaryResponse>> = [
  { key: 'id', title: '编号', render: (r) => `#${r.id}`, sortValue: (r) => r.id, nowrap: true },
  {
    key: 'due',
    title: '截止时间',
    nowrap: true,
    sortValue: deadlineSortValue,
    render: (r) => {
      const due = runningDeadline(r);
      return (
        <span>
          {due ? formatChinaDateTime(Date.parse(due)) : '—'}
          {r.overdue ? (
            <span className='console-queue__badge console-queue__badge--overdue' data-testid='overdue-mark'>
              超时
            </span>
          ) : null}
        </span>
      );
    },
  },
  { key: 'category', title: '类别', render: (r) => r.categoryLabel, sortValue: (r) => r.categoryLabel, nowrap: true },
  {
    key: 'description',
    title: '描述',
    render: (r) => (
      <span>
        {r.description}
        {r.flagged ? <span className='console-queue__badge'>待复核</span> : null}
        {r.witnessCount ? <span className='console-queue__badge console-queue__badge--info'>+{r.witnessCount} 人看到</span> : null}
      </span>
    ),
  },
  { key: 'area', title: '区域', render: (r) => r.areaName, sortValue: (r) => r.areaName, nowrap: true },
  { key: 'status', title: '状态', render: (r) => REPORT_STATUS_LABELS[r.status], sortValue: (r) => r.status, nowrap: true },
  { key: 'created', title: '提交时间', render: (r) => formatChinaDateTime(Date.parse(r.createdAt)), sortValue: (r) => Date.parse(r.createdAt), nowrap: true },
];

/** The staff queue at ≥ 1024 px: one table sorted by deadline, filters in a row, bulk accept and reject. */
export default function ConsoleQueue() {
  const { user } = useAuth();
  const [status, setStatus] = useState<string | null>('submitted');
  const [category, setCategory] = useState<string | null>(null);
  const [areaId, setAreaId] = useState<number | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [flagged, setFlagged] = useState(false);
  const filter: ReportQueueFilter = {
    status: (status ?? undefined) as ReportQueueFilter['status'],
    category: category ?? undefined,
    areaId: areaId ?? undefined,
    overdue: overdue || undefined,
    flagged: flagged || undefined,
    sort: deadlineSortable(status) ? 'deadline' : undefined,
  };
  const filterKey = JSON.stringify(filter);
  // How many pages are loaded, for the filter they were asked for: a new filter starts from its first pages.
  const [loaded, setLoaded] = useState({ key: filterKey, pages: QUEUE_LOAD_STEP_PAGES });
  const pages = loaded.key === filterKey ? loaded.pages : QUEUE_LOAD_STEP_PAGES;
  const setPages = (n: number) => setLoaded({ key: filterKey, pages: n });
  const queue = useRequest(() => loadQueue(filter, pages), `${filterKey}|${pages}`);
  const categories = useRequest(listCategories, 'categories');
  const areas = useAreaOptions(user, 'community');
  useReshow(() => void queue.reload());

  const [selected, setSelected] = useState<Set<string | number>>(new Set());
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState<ReportRejectReason | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<{ action: string; items: BulkResult[] } | null>(null);

  const rows = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const chosen = useMemo(() => rows.filter((r) => selected.has(r.id) && bulkSelectable(r)), [rows, selected]);
  const cats = categories.data?.items ?? [];
  const range = commonPointsRange(chosen, cats);
  const pointsValue = Number(points);
  const pointsOk = range !== null && points.trim() !== '' && Number.isInteger(pointsValue) && pointsValue >= range.min && pointsValue <= range.max;

  const bulk = async (action: 'accept' | 'reject') => {
    const ids = chosen.map((r) => r.id);
    if (!ids.length) return;
    setBusy(true);
    const items =
      action === 'accept'
        ? await runBulk(ids, (id) => acceptReport(id, { points: pointsValue }), errorMessage, `已采纳，积分 ${pointsValue}`)
        : await runBulk(ids, (id) => rejectReport(id, { reason: reason!, ...(note.trim() ? { note: note.trim() } : {}) }), errorMessage, '已不采纳');
    setResults({ action: action === 'accept' ? '批量采纳' : '批量不采纳', items });
    setSelected(new Set(items.filter((i) => !i.ok).map((i) => i.id)));
    setBusy(false);
    await queue.reload();
  };

  const open = (r: ReportSummaryResponse) => void Taro.navigateTo({ url: `${ROUTES.staffReport}?id=${r.id}` });
  const catOptions = cats.map((c) => ({ value: c.key, label: c.label }));
  const areaOptions = (areas.data ?? []).map((a) => ({ value: a.value, label: a.label, hint: a.hint }));

  return (
    <div className='console console-queue' data-testid='staff-reports'>
      <div className='console__head'>
        <h1 className='console__title'>随手拍审核</h1>
        <Button className='btn btn--secondary console__btn' onClick={() => void Taro.navigateTo({ url: ROUTES.staffReportDashboard })} {...keyboardActivatable(() => void Taro.navigateTo({ url: ROUTES.staffReportDashboard }))}>
          统计
        </Button>
      </div>
      <div className='console__filters' role='group' aria-label='筛选'>
        <label className='console__field'>
          <span className='console__label'>状态</span>
          <SearchSelect label='状态' options={STATUS_OPTIONS} value={status} onChange={setStatus} clearLabel='全部状态' testId='filter-status' />
        </label>
        <label className='console__field'>
          <span className='console__label'>类别</span>
          <SearchSelect label='类别' options={catOptions} value={category} onChange={setCategory} clearLabel='全部类别' testId='filter-category' />
        </label>
        <label className='console__field console__field--wide'>
          <span className='console__label'>区域</span>
          <SearchSelect label='区域' options={areaOptions} value={areaId} onChange={setAreaId} clearLabel='全部区域' testId='filter-area' />
        </label>
        <label className='console__check'>
          <input type='checkbox' checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid='filter-overdue' />
          只看超时
        </label>
        <label className='console__check'>
          <input type='checkbox' checked={flagged} onChange={(e) => setFlagged(e.target.checked)} />
          待复核内容
        </label>
      </div>

      {chosen.length ? (
        <div className='console-queue__bulk' role='group' aria-label='批量处理' data-testid='bulk-bar'>
          <span className='console-queue__bulk-count'>已选 {chosen.length} 条待审核</span>
          <label className='console__field'>
            <span className='console__label'>{range ? `积分（${range.min}–${range.max}）` : '积分'}</span>
            <input
              className='console__input console__input--short'
              type='number'
              inputMode='numeric'
              min={range?.min}
              max={range?.max}
              value={points}
              disabled={!range}
              onChange={(e) => setPoints(e.target.value)}
              data-testid='bulk-points'
            />
          </label>
          <Button className='btn btn--primary console__btn' disabled={!pointsOk || busy} onClick={() => void bulk('accept')} {...keyboardActivatable(() => pointsOk && !busy && void bulk('accept'))} data-testid='bulk-accept'>
            采纳所选 {chosen.length} 条
          </Button>
          <label className='console__field'>
            <span className='console__label'>不采纳原因</span>
            <SearchSelect label='不采纳原因' options={REASON_OPTIONS} value={reason} onChange={setReason} testId='bulk-reason' />
          </label>
          <label className='console__field'>
            <span className='console__label'>说明（选填）</span>
            <input className='console__input' value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          </label>
          <Button className='btn btn--secondary console__btn' disabled={!reason || busy} onClick={() => void bulk('reject')} {...keyboardActivatable(() => reason && !busy && void bulk('reject'))} data-testid='bulk-reject'>
            不采纳所选 {chosen.length} 条
          </Button>
          <p className='console-queue__hint' data-testid='bulk-hint'>
            {range
              ? pointsOk
                ? `将为每条记 ${pointsValue} 分。`
                : `批量采纳需填写 ${range.min}–${range.max} 之间的整数积分（所选各类别都允许的范围）。`
              : '所选随手拍的类别积分范围没有共同部分，请逐条打开采纳；批量不采纳不受影响。'}
          </p>
        </div>
      ) : null}

      {results ? (
        <div className='console-queue__results' role='status' data-testid='bulk-results'>
          <p className='console-queue__results-title'>
            {results.action}：成功 {results.items.filter((i) => i.ok).length} 条，未完成 {results.items.filter((i) => !i.ok).length} 条
          </p>
          <ul>
            {results.items.map((i) => (
              <li key={i.id} className={i.ok ? 'console-queue__ok' : 'console-queue__fail'}>
                #{i.id} {i.ok ? i.message : `未完成：${i.message}`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {queue.loading && !queue.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {queue.error ? <StateView kind='error' title='没有加载出来' description={queue.error.message} actionText='重试' onAction={() => void queue.reload()} /> : null}
      {queue.data ? (
        <DataTable
          caption='随手拍列表'
          columns={COLUMNS}
          rows={rows}
          rowKey={(r) => r.id}
          initialSort={{ key: 'due', direction: 'asc' }}
          pageSize={20}
          onOpen={open}
          selectable={bulkSelectable}
          selected={selected}
          onSelectedChange={setSelected}
          emptyText='没有符合条件的随手拍，换个筛选条件看看。'
          testId='queue-table'
          rowTestId='staff-report-item'
        />
      ) : null}
      {queue.data?.capped ? (
        <div className='console-queue__more' data-testid='queue-more'>
          <p className='console-queue__hint'>
            {filter.sort === 'deadline' ? `已载入截止时间最近的 ${rows.length} 条。` : `已载入前 ${rows.length} 条。`}
            {pages < QUEUE_LOAD_MAX_PAGES ? '' : '请用筛选缩小范围。'}
          </p>
          {pages < QUEUE_LOAD_MAX_PAGES ? (
            <Button
              className='btn btn--secondary console__btn'
              disabled={queue.loading}
              onClick={() => setPages(pages + QUEUE_LOAD_STEP_PAGES)}
              {...keyboardActivatable(() => !queue.loading && setPages(pages + QUEUE_LOAD_STEP_PAGES))}
              data-testid='queue-load-more'
            >
              {queue.loading ? '正在载入…' : '载入更多'}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
