import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import type { DemoAccount, LoginResponse, PasswordLoginRequest, UserResponse } from '@xjy/shared/auth';
import { ApiError, errorMessage } from '../services/http';
import { loginAsDemo, loginWithPassword, loginWithWechat } from '../services/auth';
import { takeLoginReturn } from '../utils/login-return';
import { ROUTES } from '../utils/routes';
import { signIn } from './use-auth';

export type LoginMethod = 'wechat' | 'password' | DemoAccount;

export interface LoginActions {
  /** Which button is busy, so only that one spins. */
  pending: LoginMethod | null;
  error: string | null;
  withWechat: () => Promise<void>;
  withPassword: (body: PasswordLoginRequest) => Promise<void>;
  asDemo: (account: DemoAccount) => Promise<void>;
}

/** wx.login codes are single-use and short-lived: fetch one right before exchanging it. */
async function wechatCode(): Promise<string> {
  try {
    const { code } = await Taro.login();
    if (code) return code;
  } catch {
    // Reported below in the user's words.
  }
  throw new ApiError('wechat_login_failed', 0, '微信登录没有成功，请重试');
}

/** Where a fresh login lands: a department's handlers go straight to their cases, everyone else to the map. */
export function homeFor(role: UserResponse['role']): string {
  return role === 'department' ? ROUTES.deptCases : ROUTES.stations;
}

export function useLogin(): LoginActions {
  const [pending, setPending] = useState<LoginMethod | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (method: LoginMethod, login: () => Promise<LoginResponse>) => {
    setPending(method);
    setError(null);
    try {
      const session = await login();
      signIn(session);
      // Back to the page the user came for (remembered when they were sent here), else the role's home.
      await Taro.reLaunch({ url: takeLoginReturn(homeFor(session.user.role)) });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(null);
    }
  }, []);

  return {
    pending,
    error,
    withWechat: () =>
      run('wechat', async () => loginWithWechat(await wechatCode())),
    withPassword: (body) => run('password', () => loginWithPassword(body)),
    asDemo: (account) => run(account, () => loginAsDemo(account)),
  };
}
