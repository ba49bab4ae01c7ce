import { act, fireEvent, render, screen } from '@testing-library/react';
import { fail, loginFactory, ok, userFactory } from '../../../test/factories';
import { serve } from '../../../test/helpers';
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
});
