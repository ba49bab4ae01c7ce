import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, loginFactory, ok, userFactory } from '../../../test/factories';
import { callsTo, serve } from '../../../test/helpers';
import * as Taro from '../../../test/taro-mock';
import { configureHttp } from '../../services/http';
import { saveLogin } from '../../utils/session';
import PointsPage from './index';

const entries = {
  items: [
    { id: 3, delta: -7, reason: 'report_accept_reversed', sourceType: 'report', sourceId: 4, createdAt: '2026-11-21T02:00:00Z' },
    { id: 2, delta: 8, reason: 'report_accepted', sourceType: 'report', sourceId: 5, createdAt: '2026-11-20T02:00:00Z' },
  ],
  nextCursor: null,
};
const board = { period: 'week', areaId: null, items: [{ rank: 1, userId: 1, nickname: '小王', points: 8 }], me: { rank: 1, userId: 1, nickname: '小王', points: 8 } };

describe('PointsPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('shows the balance from the ledger, every entry behind it and the leaderboard', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ pointsBalance: 5 }) })));
    serve((url) => {
      if (url === '/api/points/me') return ok({ balance: 27, reportPointsToday: 8, reportPointsDailyCap: 30 });
      if (url === '/api/points/entries') return ok(entries);
      if (url.startsWith('/api/points/leaderboard')) return ok(board);
      return fail(404, 'not_found', '');
    });
    render(<PointsPage />);
    expect(await screen.findByText('27')).toHaveAttribute('data-testid', 'points-balance');
    expect(screen.getByText('今日随手拍积分 8/30')).toBeInTheDocument();
    const rows = await screen.findAllByTestId('points-entry');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('随手拍采纳撤销'), expect.stringContaining('随手拍被采纳')]);
    expect(rows[0]).toHaveTextContent('-7');
    expect(rows[1]).toHaveTextContent('+8');
    expect(await screen.findByTestId('leaderboard')).toHaveTextContent('小王');
  });

  it('keeps the last known balance and offers a retry when the balance fails to load', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ pointsBalance: 5 }) })));
    serve(() => 'offline');
    render(<PointsPage />);
    expect(await screen.findByText('积分没有刷新')).toBeInTheDocument();
    expect(screen.getByTestId('points-balance')).toHaveTextContent('5');
    serve((url) => (url === '/api/points/me' ? ok({ balance: 8, reportPointsToday: 0, reportPointsDailyCap: 30 }) : url === '/api/points/entries' ? ok({ items: [], nextCursor: null }) : ok(board)));
    fireEvent.click(screen.getAllByText('重试')[0]);
    expect(await screen.findByText('8')).toBeInTheDocument();
  });

  it('issues a statement for the chosen period, opens it by its code, and lists the ones issued before', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ pointsBalance: 5 }) })));
    const earlier = { code: 'ZZ12CD34EF56GH78JK90', issuedAt: '2026-10-01T02:00:00Z', from: '2026-01-01', to: '2026-09-30', pointsTotal: 40, hoursTotal: 6.5 };
    const issued: unknown[] = [];
    serve((url, method, data) => {
      if (url === '/api/statements' && method === 'POST') {
        issued.push(data);
        return ok({ code: 'AB12CD34EF56GH78JK90', issuedAt: '2026-12-01T02:00:00Z', from: '2025-12-02', to: '2026-12-01', memberName: '李**', pointsTotal: 27, hoursTotal: 0, lines: [], digest: 'f'.repeat(64) });
      }
      if (url === '/api/statements') return ok({ items: [earlier] });
      if (url === '/api/points/me') return ok({ balance: 27, reportPointsToday: 0, reportPointsDailyCap: 30 });
      if (url === '/api/points/entries') return ok({ items: [], nextCursor: null });
      if (url.startsWith('/api/points/leaderboard')) return ok(board);
      return fail(404, 'not_found', '');
    });
    render(<PointsPage />);
    const item = await screen.findByTestId('statement-item');
    expect(item).toHaveTextContent('2026-01-01 至 2026-09-30');
    expect(item).toHaveTextContent('ZZ12-CD34-EF56-GH78-JK90');
    expect(item).toHaveTextContent('40 分 · 6.5 小时');
    const from = screen.getByTestId('statement-from').textContent;
    const to = screen.getByTestId('statement-to').textContent;
    fireEvent.click(screen.getByTestId('statement-issue'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalled());
    expect(issued).toEqual([{ from, to }]);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/statement/index?code=AB12CD34EF56GH78JK90' });
    expect(callsTo('/api/statements', 'GET').length).toBeGreaterThanOrEqual(2);
  });

  it('shows why a statement was refused', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ pointsBalance: 5 }) })));
    serve((url, method) => {
      if (url === '/api/statements' && method === 'POST') return fail(422, 'statement_too_long', '这段时间的记录超过 3000 条，请缩短时间段');
      if (url === '/api/statements') return ok({ items: [] });
      if (url === '/api/points/me') return ok({ balance: 27, reportPointsToday: 0, reportPointsDailyCap: 30 });
      if (url === '/api/points/entries') return ok({ items: [], nextCursor: null });
      return ok(board);
    });
    render(<PointsPage />);
    fireEvent.click(await screen.findByTestId('statement-issue'));
    expect(await screen.findByTestId('statement-error')).toHaveTextContent('这段时间的记录超过 3000 条，请缩短时间段');
    expect(screen.queryByTestId('statement-item')).not.toBeInTheDocument();
  });
});
