import type { EndpointSpec, FeatureMatrix, MatrixFixtures } from '../endpoints';
import { centerOf, createReport } from '../reports-helpers';

const ANY = ['worker', 'staff', 'admin'] as const;
const STAFF = ['staff', 'admin'] as const;
const ADMIN = ['admin'] as const;
/** Any signed-in account, department handlers included. */
const SIGNED = ['worker', 'staff', 'admin', 'department'] as const;
const DEPARTMENT = ['department'] as const;
const report = (fx: MatrixFixtures, w: 'in' | 'out') => fx.ids[w === 'in' ? 'reportIn' : 'reportOut'];
const area = (fx: MatrixFixtures, w: 'in' | 'out') => (w === 'in' ? fx.areaIn : fx.areaOut);

/** Reports, photos, categories, departments, messages, the dashboard and points. */
const endpoints: EndpointSpec[] = [
  { method: 'POST', route: '/api/media', roles: SIGNED, path: () => '/api/media', body: () => ({}) },
  { method: 'GET', route: '/api/media/:id/file', roles: null, path: () => '/api/media/1/file?exp=1&sig=forged' },
  { method: 'GET', route: '/api/media/:id/thumb', roles: null, path: () => '/api/media/1/thumb?exp=1&sig=forged' },
  { method: 'GET', route: '/api/wechat/push', roles: null, path: () => '/api/wechat/push?signature=x&timestamp=1&nonce=2&echostr=e' },
  { method: 'POST', route: '/api/wechat/push', roles: null, path: () => '/api/wechat/push?signature=x&timestamp=1&nonce=2', body: () => ({}) },
  { method: 'POST', route: '/api/reports', roles: ANY, path: () => '/api/reports', body: () => ({}) },
  { method: 'GET', route: '/api/reports/nearby', roles: ANY, path: () => '/api/reports/nearby?lat=38.34&lng=114.68&category=traffic' },
  { method: 'GET', route: '/api/reports/mine', roles: ANY, path: () => '/api/reports/mine' },
  { method: 'GET', route: '/api/reports', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports?areaId=${area(fx, w)}` },
  { method: 'GET', route: '/api/reports/:id', roles: SIGNED, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}` },
  { method: 'POST', route: '/api/reports/:id/witness', roles: ANY, path: (fx) => `/api/reports/${fx.ids.reportIn}/witness` },
  { method: 'POST', route: '/api/reports/:id/accept', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/accept`, body: () => ({ points: 6 }) },
  { method: 'POST', route: '/api/reports/:id/reject', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/reject`, body: () => ({ reason: 'other' }) },
  { method: 'POST', route: '/api/reports/:id/duplicate', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/duplicate`, body: (fx) => ({ ofReportId: fx.ids.reportIn }) },
  { method: 'POST', route: '/api/reports/:id/dispatch', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/dispatch`, body: () => ({ departmentId: 1 }) },
  { method: 'POST', route: '/api/reports/:id/resolve', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/resolve`, body: () => ({ note: '已处理' }) },
  { method: 'POST', route: '/api/reports/:id/reopen', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/reopen`, body: () => ({ note: '复查' }) },
  { method: 'GET', route: '/api/reports/export.xlsx', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/export.xlsx?areaId=${area(fx, w)}` },
  { method: 'GET', route: '/api/dashboard/reports', roles: STAFF, scoped: true, path: (fx, w) => `/api/dashboard/reports?areaId=${area(fx, w)}` },
  { method: 'GET', route: '/api/report-categories', roles: ANY, path: () => '/api/report-categories' },
  { method: 'POST', route: '/api/admin/report-categories', roles: ADMIN, path: () => '/api/admin/report-categories', body: (fx) => ({ key: `mtx_${fx.seq()}`, label: '矩阵', pointsMin: 5, pointsMax: 6 }) },
  { method: 'PATCH', route: '/api/admin/report-categories/:id', roles: ADMIN, path: () => '/api/admin/report-categories/1', body: () => ({}) },
  { method: 'GET', route: '/api/departments', roles: STAFF, path: () => '/api/departments' },
  { method: 'POST', route: '/api/admin/departments', roles: ADMIN, path: () => '/api/admin/departments', body: (fx) => ({ name: `矩阵部门${fx.seq()}` }) },
  { method: 'PATCH', route: '/api/admin/departments/:id', roles: ADMIN, path: () => '/api/admin/departments/1', body: () => ({}) },
  { method: 'GET', route: '/api/messages', roles: SIGNED, path: () => '/api/messages' },
  { method: 'POST', route: '/api/messages/read', roles: SIGNED, path: () => '/api/messages/read' },
  { method: 'POST', route: '/api/messages/subscribe-consent', roles: SIGNED, path: () => '/api/messages/subscribe-consent', body: () => ({ templateId: 'unknown', result: 'accept' }) },
  // 一办到底: the department's steps, staff verification and decisions, the 督办 queue, the reporter's judgement.
  { method: 'GET', route: '/api/department/cases', roles: DEPARTMENT, path: () => '/api/department/cases' },
  { method: 'POST', route: '/api/reports/:id/sign', roles: DEPARTMENT, path: (fx) => `/api/reports/${fx.ids.reportIn}/sign`, body: () => ({}) },
  { method: 'POST', route: '/api/reports/:id/return', roles: DEPARTMENT, path: (fx) => `/api/reports/${fx.ids.reportIn}/return`, body: () => ({ reason: '不属于本部门' }) },
  { method: 'POST', route: '/api/reports/:id/handled', roles: DEPARTMENT, path: (fx) => `/api/reports/${fx.ids.reportIn}/handled`, body: () => ({ note: '已处置' }) },
  { method: 'POST', route: '/api/reports/:id/extension', roles: DEPARTMENT, path: (fx) => `/api/reports/${fx.ids.reportIn}/extension`, body: () => ({ hours: 24, reason: '材料未到' }) },
  { method: 'POST', route: '/api/reports/:id/deferral', roles: DEPARTMENT, path: (fx) => `/api/reports/${fx.ids.reportIn}/deferral`, body: () => ({ reason: '雨季施工' }) },
  { method: 'POST', route: '/api/reports/:id/verify', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/verify`, body: () => ({ pass: true }) },
  { method: 'POST', route: '/api/reports/:id/close', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/close`, body: () => ({ outcome: 'not_fixable', reason: '无法处理' }) },
  { method: 'POST', route: '/api/reports/:id/extension/approve', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/extension/approve`, body: () => ({}) },
  { method: 'POST', route: '/api/reports/:id/extension/refuse', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/extension/refuse`, body: () => ({ note: '理由不足' }) },
  { method: 'POST', route: '/api/reports/:id/deferral/approve', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/deferral/approve`, body: () => ({}) },
  { method: 'POST', route: '/api/reports/:id/deferral/refuse', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/deferral/refuse`, body: () => ({ note: '理由不足' }) },
  { method: 'POST', route: '/api/reports/:id/resume', roles: STAFF, scoped: true, path: (fx, w) => `/api/reports/${report(fx, w)}/resume`, body: () => ({}) },
  { method: 'GET', route: '/api/escalations', roles: STAFF, path: () => '/api/escalations' },
  { method: 'POST', route: '/api/reports/:id/confirm', roles: ANY, path: (fx) => `/api/reports/${fx.ids.reportIn}/confirm`, body: () => ({ fixed: true }) },
  { method: 'POST', route: '/api/reports/:id/rate', roles: ANY, path: (fx) => `/api/reports/${fx.ids.reportIn}/rate`, body: () => ({ rating: 'satisfied' }) },
  { method: 'POST', route: '/api/reports/:id/supplement', roles: ANY, path: (fx) => `/api/reports/${fx.ids.reportIn}/supplement`, body: () => ({ text: '补充：晚上更严重' }) },
  { method: 'POST', route: '/api/reports/:id/withdraw', roles: ANY, path: () => '/api/reports/999999/withdraw', body: () => ({}) },
  { method: 'GET', route: '/api/points/me', roles: ANY, path: () => '/api/points/me' },
  { method: 'GET', route: '/api/points/entries', roles: ANY, path: () => '/api/points/entries' },
  { method: 'GET', route: '/api/points/leaderboard', roles: ANY, path: () => '/api/points/leaderboard?period=all' },
  { method: 'POST', route: '/api/admin/points/reconcile', roles: ADMIN, path: () => '/api/admin/points/reconcile' },
];

export const REPORTS_MATRIX: FeatureMatrix = {
  endpoints,
  setup: async (fx) => {
    const streamer = (await fx.t.loginAs('streamer')).token;
    const inside = await centerOf(fx.t, '13018400100101');
    const outside = await centerOf(fx.t, '35058100100101');
    const a = await createReport(fx.t, streamer, { lat: inside.lat, lng: inside.lng });
    const b = await createReport(fx.t, streamer, { lat: outside.lat, lng: outside.lng });
    if (a.status !== 201 || b.status !== 201) throw new Error(`matrix report setup failed: ${a.status} ${b.status}`);
    return { reportIn: a.body.id, reportOut: b.body.id };
  },
};
