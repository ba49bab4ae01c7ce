import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { computeFigures, EMPTY_FIGURE_COUNTS, type ReportDashboardResponse, type ReportFigureCounts } from '@xjy/shared/report-figures';
import { fail, loginFactory, ok, userFactory } from '../../../../../test/factories';
import { serve } from '../../../../../test/helpers';
import { configureHttp } from '../../../../services/http';
import { saveLogin } from '../../../../utils/session';
import ReportDashboardPage from './index';

const counts: ReportFigureCounts = { ...EMPTY_FIGURE_COUNTS, received: 12, filed: 10, deferred: 2, closedFixed: 6, closedOnTime: 4, closedNotFixed: 1, dispatched: 8, handled: 7, reworked: 2, extended: 1, rated: 5, satisfied: 2, basic: 1, unsatisfied: 2 };
const row = (c: ReportFigureCounts, overdue = 0) => ({ received: c.received, overdue, counts: c, figures: computeFigures(c) });

const answer: ReportDashboardResponse = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  received: 12,
  overdue: 1,
  counts,
  ...computeFigures(counts),
  medianHours: [
    { stage: 'file', name: '立案', hours: 2.5, cases: 10 },
    { stage: 'dispatch', name: '派遣', hours: null, cases: 0 },
    { stage: 'sign', name: '签收', hours: 1, cases: 8 },
    { stage: 'handle', name: '处置', hours: 30, cases: 7 },
    { stage: 'verify', name: '核查', hours: 4.5, cases: 6 },
  ],
  medianSampleSize: 10,
  byStatus: [
    { status: 'resolved', count: 6 },
    { status: 'closed', count: 1 },
  ],
  byArea: [{ areaId: 11, name: '长寿街道', ...row(counts, 1) }],
  byCategory: [{ category: 'parking', label: '乱停乱放', ...row(counts, 1) }],
  byDepartment: [{ departmentId: 5, name: '城管局', ...row(counts, 1) }],
  byWeek: [{ week: '2026-11-02', ...row(counts, 1) }],
};

describe('ReportDashboardPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    act(() => saveLogin(loginFactory({ user: userFactory({ role: 'staff', trade: null, scopes: [{ id: 4, name: '长寿街道', level: 'street', path: '/1/4/' }] }) })));
    serve((url) => (url.startsWith('/api/dashboard/reports') ? ok(answer) : fail(404, 'not_found', '')));
  });

  it('shows each figure in Chinese with its value, numerator and denominator, and formula', async () => {
    render(<ReportDashboardPage />);
    const closure = await screen.findByTestId('figure-closureRate');
    expect(closure).toHaveTextContent('结案率');
    expect(closure).toHaveTextContent('75%');
    expect(closure).toHaveTextContent('6 / 8');
    expect(closure).toHaveTextContent('结案数 ÷ (应结案数 − 缓办数)');
    expect(screen.getByTestId('figure-onTimeClosureRate')).toHaveTextContent('按期结案率50%4 / 8');
    expect(screen.getByTestId('figure-satisfactionRate')).toHaveTextContent('满意率60%3 / 5');
    expect(screen.getByTestId('figure-handlingRate')).toHaveTextContent('处置率87.5%7 / 8');
    expect(screen.getByTestId('overdue')).toHaveTextContent('当前超时未办 1 件');
  });

  it('shows each figure’s definition on request, and stage medians with what they run from and to', async () => {
    render(<ReportDashboardPage />);
    await screen.findByTestId('figure-closureRate');
    expect(screen.queryByTestId('definition-closureRate')).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('展开'));
    expect(screen.getByTestId('definition-closureRate')).toHaveTextContent('无法解决、不属于职责范围的结案不计入');
    const medians = screen.getByTestId('stage-medians');
    expect(medians).toHaveTextContent('立案（上报 → 立案（采纳））2.5 小时');
    expect(medians).toHaveTextContent('派遣（立案 → 首次派遣）—');
  });

  it('breaks down by area, category, department and week with the same figures', async () => {
    render(<ReportDashboardPage />);
    await screen.findByTestId('by-area');
    expect(within(screen.getByTestId('by-department')).getByText('城管局')).toBeInTheDocument();
    expect(screen.getByTestId('by-week')).toHaveTextContent('2026-11-02 起');
    expect(screen.getByTestId('by-category')).toHaveTextContent('乱停乱放12175%50%87.5%60%');
  });
});
