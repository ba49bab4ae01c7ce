import type { AppInfoResponse, LoginResponse, UserResponse } from '@xjy/shared/auth';
import type { AreaResponse } from '@xjy/shared/area';
import type { MockResponse } from './taro-mock';

export function userFactory(overrides: Partial<UserResponse> = {}): UserResponse {
  return {
    id: 1,
    role: 'worker',
    nickname: '小王',
    username: null,
    trade: 'rider',
    phone: null,
    employer: null,
    scopes: [],
    pointsBalance: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function loginFactory(overrides: Partial<LoginResponse> = {}): LoginResponse {
  return {
    token: 'token-abc',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: userFactory(),
    ...overrides,
  };
}

export function appInfoFactory(overrides: Partial<AppInfoResponse> = {}): AppInfoResponse {
  return {
    name: '新就业群体服务',
    version: '0.1.0',
    devLogin: true,
    demoAccounts: ['rider', 'streamer', 'staff', 'admin'],
    wechatConfigured: false,
    ...overrides,
  };
}

export function areaFactory(overrides: Partial<AreaResponse> = {}): AreaResponse {
  return {
    id: 1,
    parentId: null,
    level: 'district',
    name: '新乐市',
    code: '130184',
    path: '/1/',
    centerLat: 38.3435,
    centerLng: 114.6839,
    childCount: 0,
    ...overrides,
  };
}

export const ok = (data: unknown, statusCode = 200): MockResponse => ({ statusCode, data });
export const fail = (statusCode: number, code: string, message: string, details?: unknown): MockResponse => ({
  statusCode,
  data: { code, message, ...(details ? { details } : {}) },
});
