import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import Taro from '@tarojs/taro';
import type { LoginResponse, UserResponse } from '@xjy/shared/auth';
import { resetLoginRedirect } from '../services/http';
import { getMe } from '../services/me';
import { rememberLoginReturn } from '../utils/login-return';
import { clearSession, getSession, saveLogin, saveUser, sessionExpired, subscribeSession } from '../utils/session';
import { ROUTES } from '../utils/routes';

export interface Auth {
  token: string | null;
  user: UserResponse | null;
  isLoggedIn: boolean;
  /** Staff and admin see the 工作台 subpackage. */
  isStaff: boolean;
  signIn: (login: LoginResponse) => void;
  signOut: () => void;
  setUser: (user: UserResponse) => void;
  /** Reloads the user from /api/me and stores it. */
  refreshUser: () => Promise<UserResponse>;
}

export function signIn(login: LoginResponse): void {
  saveLogin(login);
  resetLoginRedirect();
}

export function useAuth(): Auth {
  const session = useSyncExternalStore(subscribeSession, getSession, getSession);
  const refreshUser = useCallback(async () => {
    const user = await getMe();
    saveUser(user);
    return user;
  }, []);
  return {
    token: session.token,
    user: session.user,
    isLoggedIn: Boolean(session.token),
    isStaff: session.user?.role === 'staff' || session.user?.role === 'admin',
    signIn,
    signOut: clearSession,
    setUser: saveUser,
    refreshUser,
  };
}

/** For pages that show nothing without an account: sends the user to log in, once per page visit. */
export function useRequireLogin(): Auth {
  const auth = useAuth();
  const sent = useRef(false);
  useEffect(() => {
    if (auth.isLoggedIn || sent.current) return;
    sent.current = true;
    // Login brings the user back here, and says so when a session of theirs has run out.
    rememberLoginReturn(sessionExpired() ? 'expired' : 'required');
    void Taro.navigateTo({ url: ROUTES.login }).catch(() => undefined);
  }, [auth.isLoggedIn]);
  return auth;
}
