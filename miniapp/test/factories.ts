import type { AppInfoResponse, LoginResponse, UserResponse } from '@xjy/shared/auth';
import type { AreaResponse } from '@xjy/shared/area';
import type { MediaResponse } from '@xjy/shared/media';
import { ALWAYS_OPEN } from '@xjy/shared/opening-hours';
import type { StationDetailResponse } from '@xjy/shared/station';
import type { ReportDetailResponse, ReportStageResponse } from '@xjy/shared/report';
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
    needsConfirmation: false,
    lastConfirmation: null,
    favorite: false,
    nextService: null,
    ...overrides,
  };
}

export const ok = (data: unknown, statusCode = 200): MockResponse => ({ statusCode, data });
export const fail = (statusCode: number, code: string, message: string, details?: unknown): MockResponse => ({
  statusCode,
  data: { code, message, ...(details ? { details } : {}) },
});

const STAGES = [
  ['report', '信息采集'],
  ['file', '案卷建立'],
  ['dispatch', '任务派遣'],
  ['handle', '任务处置'],
  ['feedback', '处理反馈'],
  ['verify', '核查结案'],
  ['evaluate', '综合评价'],
] as const;

/** The seven stages with those before `current` done (7: all done). */
export function stagesFactory(current: number): ReportStageResponse[] {
  return STAGES.map(([stage, label], i) => ({
    stage,
    label,
    state: i < current ? 'done' : i === current ? 'current' : 'pending',
    startedAt: i <= current ? '2026-12-01T02:00:00.000Z' : null,
    endedAt: i < current ? '2026-12-01T03:00:00.000Z' : null,
    dueAt: null,
    overdue: false,
  }));
}

/** A report as GET /api/reports/:id answers it, with the closed-loop fields (issue 12). */
export function reportFactory(overrides: Partial<ReportDetailResponse> = {}): ReportDetailResponse {
  return {
    id: 42,
    category: 'city_appearance',
    categoryLabel: '市容环境',
    description: '长寿街垃圾桶满溢',
    status: 'submitted',
    statusGroup: 'open',
    lat: 38.3441,
    lng: 114.6843,
    areaId: 9,
    areaName: '新华社区',
    priority: 0,
    witnessCount: 0,
    pointsAwarded: 0,
    overdue: false,
    flagged: false,
    thumbUrl: '/media/1-thumb.jpg?sig=x',
    createdAt: '2026-12-01T02:00:00.000Z',
    acceptDueAt: '2026-12-02T02:00:00.000Z',
    resolveDueAt: '2026-12-08T02:00:00.000Z',
    stageDeadlineAt: null,
    escalationLevel: 0,
    reporter: { id: 1, nickname: '小王' },
    photos: [mediaFactory(1)],
    resolutionPhotos: [],
    department: null,
    duplicateOfId: null,
    stationId: null,
    actions: [],
    reporterActions: [],
    timeline: [],
    stages: stagesFactory(1),
    holder: { kind: 'staff', name: '社区', departmentId: null },
    currentDeadline: null,
    outcome: null,
    closedAt: null,
    reworkCount: 0,
    extensionCount: 0,
    pendingRequest: null,
    reporterFixed: null,
    rating: null,
    ratingNote: null,
    ...overrides,
  };
}
