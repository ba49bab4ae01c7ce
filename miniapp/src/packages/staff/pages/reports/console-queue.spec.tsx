import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReportCategoryResponse, ReportSummaryResponse } from '@xjy/shared/report';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { callsTo, serve } from '../../../../../test/helpers';
import * as Taro from '../../../../../test/taro-mock';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import StaffReportsPage from './index';

const HOUR = 3600_000;
const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
function summary(id: number, over: Partial<ReportSummaryResponse> = {}): ReportSummaryResponse {
  return {
    id,
    category: 'traffic',
    categoryLabel: '交通',
    description: `问题 ${id}`,
    status: 'submitted',
    statusGroup: 'open',
    lat: 38.34,
    lng: 114.68,
    areaId: 17,
    areaName: '新华社区第一网格',
    priority: 0,
    witnessCount: 0,
    pointsAwarded: 0,
    overdue: false,
    flagged: false,
    thumbUrl: null,
    createdAt: at(-3),
    acceptDueAt: at(21),
    resolveDueAt: at(165),
    stageDeadlineAt: null,
    escalationLevel: 0,
    ...over,
  };
}
const category = (key: string, label: string, pointsMin: number, pointsMax: number): ReportCategoryResponse => ({ id: key.length, key, label, pointsMin, pointsMax, acceptHours: 24, resolveHours: 168, signHours: 4, verifyHours: 24, sortOrder: 0, active: true });
const CATEGORIES = [category('traffic', '交通', 5, 10), category('hazard', '安全隐患', 6, 8), category('civility', '文明', 9, 10)];

function setWidth(wide: boolean) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({ matches: wide, media: query, addEventListener: () => {}, removeEventListener: () => {} }),
  });
}

function serveQueue(items: ReportSummaryResponse[], actions: (url: string, data: unknown) => ReturnType<typeof ok> = () => ok({})) {
  serve((url, method, data) => {
    if (url.startsWith('/api/reports?')) return ok({ items, nextCursor: null });
    if (url === '/api/report-categories') return ok({ items: CATEGORIES, subscribeTemplateId: null });
    if (url === '/api/areas') return ok({ items: [] });
    if (method === 'POST') return actions(url, data);
    return fail(404, 'not_found', '');
  });
}

const idsShown = () => screen.getAllByTestId('staff-report-item').map((tr) => within(tr).getAllByRole('cell')[1].textContent);

describe('StaffReportsPage console (≥ 1024 px)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    setWidth(true);
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'admin' }) })));
  });

  it('shows the queue as a table sorted by the running deadline: overdue first, finished last', async () => {
    serveQueue([
      summary(1, { acceptDueAt: at(2) }),
      summary(2, { acceptDueAt: at(-1), overdue: true }),
      summary(3, { status: 'accepted', statusGroup: 'open', acceptDueAt: at(-50), resolveDueAt: at(1) }),
      summary(4, { status: 'resolved', statusGroup: 'fixed', acceptDueAt: at(-80) }),
    ]);
    render(<StaffReportsPage />);
    await screen.findByTestId('queue-table');
    expect(idsShown()).toEqual(['#2', '#3', '#1', '#4']);
    expect(within(screen.getAllByTestId('staff-report-item')[0]).getByTestId('overdue-mark')).toHaveTextContent('超时');
  });

  it('asks the server again when a filter changes', async () => {
    serveQueue([summary(1)]);
    render(<StaffReportsPage />);
    await screen.findByTestId('queue-table');
    fireEvent.click(screen.getByTestId('filter-overdue'));
    await waitFor(() => expect(callsTo('/api/reports?status=submitted&overdue=true&sort=deadline')).toHaveLength(1));
    fireEvent.focus(within(screen.getByTestId('filter-category')).getByRole('combobox'));
    fireEvent.click(screen.getByRole('option', { name: '安全隐患' }));
    await waitFor(() => expect(callsTo('/api/reports?status=submitted&category=hazard&overdue=true&sort=deadline')).toHaveLength(1));
  });

  it('asks the server for the most urgent pages first and loads more on request; finished ones are not sorted by deadline', async () => {
    const served: string[] = [];
    serve((url) => {
      if (url.startsWith('/api/reports?')) {
        served.push(url);
        const page = Number(/cursor=p(\d+)/.exec(url)?.[1] ?? 0);
        return ok({ items: [summary(1000 + page, { acceptDueAt: at(page) })], nextCursor: `p${page + 1}` });
      }
      if (url === '/api/report-categories') return ok({ items: CATEGORIES, subscribeTemplateId: null });
      if (url === '/api/areas') return ok({ items: [] });
      return fail(404, 'not_found', '');
    });
    render(<StaffReportsPage />);
    await screen.findByTestId('queue-table');
    expect(served).toHaveLength(5);
    expect(served.every((u) => u.includes('sort=deadline'))).toBe(true);
    expect(screen.getByTestId('queue-more')).toHaveTextContent('已载入截止时间最近的 5 条');
    fireEvent.click(screen.getByTestId('queue-load-more'));
    await waitFor(() => expect(screen.getByTestId('queue-more')).toHaveTextContent('已载入截止时间最近的 10 条'));
    expect(idsShown().slice(0, 3)).toEqual(['#1000', '#1001', '#1002']);
    served.length = 0;
    fireEvent.focus(within(screen.getByTestId('filter-status')).getByRole('combobox'));
    fireEvent.click(screen.getByRole('option', { name: '已办结' }));
    await waitFor(() => expect(served.length).toBe(5));
    expect(served.some((u) => u.includes('sort='))).toBe(false);
    expect(screen.getByTestId('queue-more')).toHaveTextContent('已载入前 5 条');
  });

  it('bulk-accepts only with points inside every selected category range and shows each report’s result', async () => {
    const accepted: Array<{ url: string; data: unknown }> = [];
    serveQueue([summary(1), summary(5, { category: 'hazard', categoryLabel: '安全隐患' })], (url, data) => {
      accepted.push({ url, data });
      return url === '/api/reports/5/accept' ? fail(409, 'report_not_open', 'Report is not open') : ok(summary(1, { status: 'accepted' }));
    });
    render(<StaffReportsPage />);
    await screen.findByTestId('queue-table');
    fireEvent.click(screen.getByLabelText('选择本页全部可选项'));
    expect(screen.getByTestId('bulk-bar')).toHaveTextContent('已选 2 条待审核');
    fireEvent.change(screen.getByTestId('bulk-points'), { target: { value: '9' } });
    expect(screen.getByTestId('bulk-hint')).toHaveTextContent('6–8');
    fireEvent.click(screen.getByTestId('bulk-accept'));
    expect(accepted).toHaveLength(0);
    fireEvent.change(screen.getByTestId('bulk-points'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('bulk-accept'));
    const results = await screen.findByTestId('bulk-results');
    expect(accepted.map((a) => [a.url, a.data])).toEqual([
      ['/api/reports/1/accept', { points: 7 }],
      ['/api/reports/5/accept', { points: 7 }],
    ]);
    expect(results).toHaveTextContent('成功 1 条，未完成 1 条');
    expect(results).toHaveTextContent('#1 已采纳，积分 7');
    expect(results).toHaveTextContent('#5 未完成：这个问题已经处理完了');
  });

  it('refuses a bulk accept when the selected categories share no points, but still allows a bulk reject with a reason', async () => {
    const posted: Array<{ url: string; data: unknown }> = [];
    serveQueue([summary(5, { category: 'hazard' }), summary(6, { category: 'civility' })], (url, data) => {
      posted.push({ url, data });
      return ok({});
    });
    render(<StaffReportsPage />);
    await screen.findByTestId('queue-table');
    fireEvent.click(screen.getByLabelText('选择本页全部可选项'));
    expect(screen.getByTestId('bulk-hint')).toHaveTextContent('没有共同部分');
    expect(screen.getByTestId('bulk-points')).toBeDisabled();
    fireEvent.click(screen.getByTestId('bulk-reject'));
    expect(posted).toHaveLength(0);
    fireEvent.focus(within(screen.getByTestId('bulk-reason')).getByRole('combobox'));
    fireEvent.click(screen.getByRole('option', { name: '信息不全' }));
    fireEvent.click(screen.getByTestId('bulk-reject'));
    await screen.findByTestId('bulk-results');
    expect(posted.map((p) => p.url)).toEqual(['/api/reports/5/reject', '/api/reports/6/reject']);
    expect(posted[0].data).toEqual({ reason: 'insufficient_info' });
  });

  it('opens a report from the table with Enter', async () => {
    serveQueue([summary(8)]);
    render(<StaffReportsPage />);
    await screen.findByTestId('queue-table');
    fireEvent.keyDown(screen.getAllByTestId('staff-report-item')[0], { key: 'Enter' });
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/report/index?id=8' });
  });

  it('lets a phone pick the category by typing instead of a scroll wheel', async () => {
    setWidth(false);
    serveQueue([summary(1)]);
    render(<StaffReportsPage />);
    await screen.findByTestId('staff-report-item');
    const box = within(screen.getByTestId('phone-filter-category')).getByRole('combobox');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: '文明' } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['文明']);
    fireEvent.click(screen.getByRole('option', { name: '文明' }));
    await waitFor(() => expect(callsTo('/api/reports?status=submitted&category=civility&sort=deadline')).toHaveLength(1));
  });

  it('keeps the phone list below 1024 px', async () => {
    setWidth(false);
    serveQueue([summary(1)]);
    render(<StaffReportsPage />);
    expect(await screen.findByTestId('staff-report-item')).toBeInTheDocument();
    expect(screen.queryByTestId('queue-table')).toBeNull();
  });
});
