import type {
  AppInfoResponse,
  DemoAccount,
  DevLoginRequest,
  LoginResponse,
  PasswordLoginRequest,
  WechatLoginRequest,
} from '@xjy/shared/auth';
import { http } from './http';

export const getAppInfo = () => http.get<AppInfoResponse>('/api/app-info');

/** The code from Taro.login is single-use; the server exchanges it. No openid ever leaves the client. */
export const loginWithWechat = (code: string) => http.post<LoginResponse>('/api/auth/wechat', { code } satisfies WechatLoginRequest);

export const loginWithPassword = (body: PasswordLoginRequest) => http.post<LoginResponse>('/api/auth/password', body);

export const loginAsDemo = (account: DemoAccount) =>
  http.post<LoginResponse>('/api/auth/dev', { account } satisfies DevLoginRequest);
