import { act, renderHook, waitFor } from '@testing-library/react';
import * as Taro from '../../test/taro-mock';
import { fail, loginFactory, ok, userFactory } from '../../test/factories';
import { serve } from '../../test/helpers';
import { configureHttp, http } from '../services/http';
import { saveUser } from '../utils/session';
import { useAuth, useRequireLogin } from './use-auth';

describe('useAuth', () => {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));

  it('starts signed out', () => {
    const { result } = renderHook(() => useAuth());
    expect(result.current).toMatchObject({ token: null, user: null, isLoggedIn: false, isStaff: false });
  });

  it('signIn stores token and user, persists them and re-renders', () => {
    const { result } = renderHook(() => useAuth());
    act(() => result.current.signIn(loginFactory({ token: 't1', user: userFactory({ role: 'staff' }) })));
    expect(result.current).toMatchObject({ token: 't1', isLoggedIn: true, isStaff: true });
    expect(Taro.storedValue('xjy.token')).toBe('t1');
    expect(Taro.storedValue('xjy.user')).toMatchObject({ role: 'staff' });
  });

  it('treats a worker as not staff and admin as staff', () => {
    const { result } = renderHook(() => useAuth());
    act(() => result.current.signIn(loginFactory({ user: userFactory({ role: 'worker' }) })));
    expect(result.current.isStaff).toBe(false);
    act(() => result.current.signIn(loginFactory({ user: userFactory({ role: 'admin' }) })));
    expect(result.current.isStaff).toBe(true);
  });

  it('signOut clears storage and state', () => {
    const { result } = renderHook(() => useAuth());
    act(() => result.current.signIn(loginFactory()));
    act(() => result.current.signOut());
    expect(result.current.isLoggedIn).toBe(false);
    expect(Taro.storedValue('xjy.token')).toBeUndefined();
  });

  it('picks up a session stored by an earlier run', () => {
    Taro.setStorageSync('xjy.token', 'kept');
    Taro.setStorageSync('xjy.expiresAt', new Date(Date.now() + 60_000).toISOString());
    saveUser(userFactory({ nickname: '老李' })); // any session write makes the store re-read storage
    const { result } = renderHook(() => useAuth());
    expect(result.current.token).toBe('kept');
    expect(result.current.user?.nickname).toBe('老李');
  });

  it('ignores a stored token that has expired', () => {
    Taro.setStorageSync('xjy.token', 'old');
    Taro.setStorageSync('xjy.expiresAt', new Date(Date.now() - 1000).toISOString());
    saveUser(userFactory());
    const { result } = renderHook(() => useAuth());
    expect(result.current.token).toBeNull();
    expect(result.current.user).toBeNull();
  });

  it('refreshUser reloads /api/me and stores the new balance', async () => {
    const { result } = renderHook(() => useAuth());
    act(() => result.current.signIn(loginFactory({ user: userFactory({ pointsBalance: 3 }) })));
    serve((url) => (url === '/api/me' ? ok(userFactory({ pointsBalance: 18 })) : fail(404, 'not_found', '')));
    await act(async () => {
      await result.current.refreshUser();
    });
    expect(result.current.user?.pointsBalance).toBe(18);
  });

  it('signs out when the server says the token is no longer valid', async () => {
    const { result } = renderHook(() => useAuth());
    act(() => result.current.signIn(loginFactory()));
    serve(() => fail(401, 'token_invalid', '登录已失效'));
    await act(async () => {
      await http.get('/api/me').catch(() => undefined);
    });
    expect(result.current.isLoggedIn).toBe(false);
  });
});

describe('useRequireLogin', () => {
  it('sends a signed-out user to the login page once', async () => {
    const { rerender } = renderHook(() => useRequireLogin());
    rerender();
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' }));
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('leaves a signed-in user where they are', () => {
    const first = renderHook(() => useAuth());
    act(() => first.result.current.signIn(loginFactory()));
    renderHook(() => useRequireLogin());
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });
});
