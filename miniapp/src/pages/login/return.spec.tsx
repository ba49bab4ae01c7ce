import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import * as Taro from '../../../test/taro-mock';
import { appInfoFactory, fail, loginFactory, ok } from '../../../test/factories';
import { serve } from '../../../test/helpers';
import { renderHook } from '@testing-library/react';
import { useRequireLogin } from '../../hooks/use-auth';
import { configureHttp, http } from '../../services/http';
import { rememberLoginReturn } from '../../utils/login-return';
import { saveLogin } from '../../utils/session';
import LoginPage from './index';

/** The login page with the demo login answering. */
function openLoginPage() {
  serve((url) => {
    if (url === '/api/app-info') return ok(appInfoFactory());
    if (url === '/api/auth/dev') return ok(loginFactory());
    return fail(404, 'not_found', '');
  });
  render(<LoginPage />);
}

describe('login: the page the user came for, and an expired session', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('after logging in, returns to the page that sent the user to log in', async () => {
    window.history.replaceState(null, '', '/pages/station-detail/index?id=7&stamp=XY');
    renderHook(() => useRequireLogin());
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' }));
    window.history.replaceState(null, '', '/pages/login/index');

    openLoginPage();
    expect(screen.queryByTestId('login-expired')).not.toBeInTheDocument();
    fireEvent.click(await screen.findByTestId('demo-login-rider'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/station-detail/index?id=7' }));
  });

  it('says 会话已过期，请重新登录 when the server ends a session, and goes back to that page after login', async () => {
    window.history.replaceState(null, '', '/pages/my-reports/index');
    saveLogin(loginFactory({ token: 'old-token' }));
    serve(() => fail(401, 'token_invalid', '登录已失效'));
    await http.get('/api/reports/mine').catch(() => undefined);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    Taro.reLaunch.mockClear();

    openLoginPage();
    expect(screen.getByTestId('login-expired')).toHaveTextContent('会话已过期，请重新登录');
    fireEvent.click(await screen.findByTestId('demo-login-rider'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/my-reports/index' }));
  });

  it('says the session expired when the stored token ran out on the clock', async () => {
    window.history.replaceState(null, '', '/pages/points/index');
    saveLogin(loginFactory({ token: 'stale', expiresAt: new Date(Date.now() - 1000).toISOString() }));
    renderHook(() => useRequireLogin());
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalled());
    serve((url) => (url === '/api/app-info' ? ok(appInfoFactory()) : fail(404, 'not_found', '')));
    render(<LoginPage />);
    expect(screen.getByTestId('login-expired')).toHaveTextContent('会话已过期');
  });

  it('a first visit says nothing about expiry and goes to 驿站 after login', async () => {
    rememberLoginReturn('required', null);
    openLoginPage();
    expect(screen.queryByTestId('login-expired')).not.toBeInTheDocument();
    fireEvent.click(await screen.findByTestId('demo-login-rider'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/stations/index' }));
  });
});
