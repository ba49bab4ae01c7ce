import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEMO_ACCOUNT_LABELS } from '@xjy/shared/auth';
import * as Taro from '../../../test/taro-mock';
import { appInfoFactory, fail, loginFactory, ok, userFactory } from '../../../test/factories';
import { configureHttp } from '../../services/http';
import { getSession } from '../../utils/session';
import { callsTo, serve, typeInto } from '../../../test/helpers';
import LoginPage from './index';

describe('LoginPage (h5)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('shows one button per demo account, labelled from shared, that logs in through /api/auth/dev', async () => {
    const login = loginFactory({ token: 'demo-token', user: userFactory({ nickname: '演示骑手' }) });
    serve((url, method, data) => {
      if (url === '/api/app-info') return ok(appInfoFactory());
      if (url === '/api/auth/dev' && method === 'POST' && (data as { account: string }).account === 'rider') return ok(login);
      return fail(404, 'not_found', 'no route');
    });
    render(<LoginPage />);

    const rider = await screen.findByTestId('demo-login-rider');
    expect(rider).toHaveTextContent(DEMO_ACCOUNT_LABELS.rider);
    expect(screen.getByTestId('demo-login-staff')).toHaveTextContent('社区工作人员');
    fireEvent.click(rider);

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/stations/index' }));
    expect(getSession().token).toBe('demo-token');
    expect(getSession().user?.nickname).toBe('演示骑手');
    expect(Taro.storedValue('xjy.token')).toBe('demo-token');
  });

  it('hides demo accounts when the server does not allow dev login', async () => {
    serve((url) => (url === '/api/app-info' ? ok(appInfoFactory({ devLogin: false })) : fail(404, 'not_found', '')));
    render(<LoginPage />);
    await waitFor(() => expect(Taro.request).toHaveBeenCalled());
    await screen.findByText('登录');
    expect(screen.queryByTestId('demo-login-rider')).not.toBeInTheDocument();
  });

  it("shows the server's message when the password is wrong, and stores nothing", async () => {
    serve((url) => {
      if (url === '/api/app-info') return ok(appInfoFactory({ devLogin: false }));
      if (url === '/api/auth/password') return fail(401, 'bad_credentials', '用户名或密码错误');
      return fail(404, 'not_found', '');
    });
    render(<LoginPage />);
    expect(screen.getByText('用户名')).toBeInTheDocument();
    expect(screen.getByText('密码')).toBeInTheDocument();
    typeInto('login-username', 'staff1');
    typeInto('login-password', 'wrong-password');
    fireEvent.click(screen.getByTestId('login-submit'));

    expect(await screen.findByTestId('login-error')).toHaveTextContent('用户名或密码错误');
    expect(callsTo('/api/auth/password', 'POST').map((option) => option.data)).toEqual([
      { username: 'staff1', password: 'wrong-password' },
    ]);
    expect(getSession().token).toBeNull();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('says clearly when the server cannot be reached, and retries on request', async () => {
    serve(() => 'offline');
    render(<LoginPage />);
    expect(await screen.findByTestId('login-network-error')).toHaveTextContent('暂时连不上服务器');
    serve((url) => (url === '/api/app-info' ? ok(appInfoFactory()) : fail(404, 'not_found', '')));
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByTestId('demo-login-admin')).toBeInTheDocument();
    expect(screen.queryByTestId('login-network-error')).not.toBeInTheDocument();
  });
});

describe('LoginPage (weapp)', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('微信一键登录 exchanges a fresh wx.login code at /api/auth/wechat and sends no openid', async () => {
    Taro.login.mockImplementation(() => Promise.resolve({ code: 'code-123', errMsg: 'login:ok' }));
    serve((url) => {
      if (url === 'http://api.test/api/app-info') return ok(appInfoFactory({ devLogin: false, wechatConfigured: true }));
      if (url === 'http://api.test/api/auth/wechat') return ok(loginFactory({ token: 'wx-token' }));
      return fail(404, 'not_found', '');
    });
    render(<LoginPage />);
    expect(screen.queryByTestId('login-username')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('wechat-login'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/stations/index' }));
    expect(callsTo('http://api.test/api/auth/wechat', 'POST').map((option) => option.data)).toEqual([{ code: 'code-123' }]);
    expect(getSession().token).toBe('wx-token');
  });

  it('explains a failed wx.login without calling the API', async () => {
    Taro.login.mockImplementation(() => Promise.reject({ errMsg: 'login:fail' }));
    serve((url) => (url.endsWith('/api/app-info') ? ok(appInfoFactory({ devLogin: false })) : fail(404, 'not_found', '')));
    render(<LoginPage />);
    fireEvent.click(screen.getByTestId('wechat-login'));
    expect(await screen.findByTestId('login-error')).toHaveTextContent('微信登录没有成功');
    expect(callsTo('http://api.test/api/auth/wechat')).toHaveLength(0);
  });
});

describe('LoginPage routes by role', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it("lands a department's handler on the department's case list", async () => {
    const handler = loginFactory({ token: 'dept-token', user: userFactory({ role: 'department', nickname: '城管执法队 张队长', trade: null }) });
    serve((url, method) => {
      if (url === '/api/app-info') return ok(appInfoFactory({ devLogin: false }));
      if (url === '/api/auth/password' && method === 'POST') return ok(handler);
      return fail(404, 'not_found', '');
    });
    render(<LoginPage />);
    typeInto('login-username', 'department');
    typeInto('login-password', 'department-demo-2026');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/packages/dept/pages/cases/index' }));
    expect(getSession().token).toBe('dept-token');
  });
});
