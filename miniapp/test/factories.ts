import type { AppInfoResponse, LoginResponse, UserResponse } from '@xjy/shared/auth';
import type { AreaResponse } from '@xjy/shared/area';
import type { MediaResponse } from '@xjy/shared/media';
import { ALWAYS_OPEN } from '@xjy/shared/opening-hours';
import type { StationDetailResponse } from '@xjy/shared/station';
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
    departmentId: null,
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

export function mediaFactory(id: number, overrides: Partial<MediaResponse> = {}): MediaResponse {
  return { id, url: `/media/${id}.jpg?sig=x`, thumbUrl: `/media/${id}-thumb.jpg?sig=x`, width: 1600, height: 1200, ...overrides };
}

export function stationFactory(overrides: Partial<StationDetailResponse> = {}): StationDetailResponse {
  return {
    id: 5,
    code: 'XL-0005',
    name: '新华社区爱心驿站',
    kind: 'rest_station',
    hostUnit: '新华社区居委会',
    address: '新乐市长寿街12号',
    lat: 38.3441,
    lng: 114.6843,
    amenities: ['drinking_water', 'seating'],
    hours: ALWAYS_OPEN,
    closures: [],
    phone: null,
    photos: [],
    status: 'active',
    areaId: 9,
    areaName: '新华社区',
    lastConfirmedAt: '2026-11-20T00:00:00.000Z',
    openNow: true,
    nextChange: null,
    updatedAt: '2026-11-20T00:00:00.000Z',
    ...overrides,
  };
}

export const ok = (data: unknown, statusCode = 200): MockResponse => ({ statusCode, data });
export const fail = (statusCode: number, code: string, message: string, details?: unknown): MockResponse => ({
  statusCode,
  data: { code, message, ...(details ? { details } : {}) },
});
