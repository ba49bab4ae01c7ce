import { act, fireEvent, render, screen } from '@testing-library/react';
import { fail, loginFactory, ok, userFactory } from '../../../test/factories';
import { serve } from '../../../test/helpers';
import { configureHttp } from '../../services/http';
import { saveLogin } from '../../utils/session';
import PointsPage from './index';

describe('PointsPage', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('shows the balance from /api/me, not the one stored at login', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ pointsBalance: 5 }) })));
    serve((url) => (url === '/api/me' ? ok(userFactory({ pointsBalance: 27 })) : fail(404, 'not_found', '')));
    render(<PointsPage />);
    expect(await screen.findByText('27')).toHaveAttribute('data-testid', 'points-balance');
    expect(screen.getByTestId('points-history-empty')).toHaveTextContent('还没有积分记录');
  });

  it('keeps the last known balance and offers a retry when /api/me fails', async () => {
    act(() => saveLogin(loginFactory({ user: userFactory({ pointsBalance: 5 }) })));
    serve(() => 'offline');
    render(<PointsPage />);
    expect(await screen.findByText('积分没有刷新')).toBeInTheDocument();
    expect(screen.getByTestId('points-balance')).toHaveTextContent('5');
    serve((url) => (url === '/api/me' ? ok(userFactory({ pointsBalance: 8 })) : fail(404, 'not_found', '')));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('8')).toBeInTheDocument();
  });
});
