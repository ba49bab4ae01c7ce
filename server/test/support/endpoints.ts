import type { Role } from '@xjy/shared';
import type { TestApp } from './test-app';
import { ACTIVITIES_MATRIX } from './matrix/activities.matrix';
import { STATIONS_MATRIX } from './matrix/stations.matrix';
import { REPORTS_MATRIX } from './matrix/reports.matrix';
import { OPEN311_MATRIX } from './matrix/open311.matrix';
import { REPORT_TEMPLATES_MATRIX } from './matrix/report-templates.matrix';

/** What the matrix needs to build a request: a target inside the staff account's scope, and one outside it. */
export interface MatrixFixtures {
  t: TestApp;
  /** A community inside the demo staff's scope (新乐 长寿街道) and one outside it (石狮). */
  areaIn: number;
  areaOut: number;
  /** A staff account the matrix may disable/enable without harming the callers. */
  spareStaffId: number;
  seq: () => number;
  /** Ids a feature's matrix setup created (e.g. stationIn, stationOut), by name. */
  ids: Record<string, number>;
}

/** A feature's part of the matrix: its endpoints, and the targets they need created before the run. */
export interface FeatureMatrix {
  endpoints: EndpointSpec[];
  setup?: (fx: MatrixFixtures, adminToken: string, staffToken: string) => Promise<Record<string, number>>;
}

export interface EndpointSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route as Fastify registers it, e.g. /api/areas/:id. */
  route: string;
  /** null: public. Otherwise the roles allowed. */
  roles: readonly Role[] | null;
  /** True when staff may act only on targets in their scope. */
  scoped?: boolean;
  /** The concrete path; `where` picks a target in or out of the demo staff's scope. */
  path: (fx: MatrixFixtures, where: 'in' | 'out') => string;
  body?: (fx: MatrixFixtures, where: 'in' | 'out') => unknown;
  /** The call ends the caller's sessions (logout): the matrix logs the caller in again afterwards. */
  endsSession?: boolean;
}

const ANY: readonly Role[] = ['worker', 'staff', 'admin'];
const STAFF: readonly Role[] = ['staff', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
/** Any signed-in account, department handlers (role department) included. */
const SIGNED: readonly Role[] = ['worker', 'staff', 'admin', 'department'];
const fixed = (p: string) => () => p;

/** The foundation's endpoints. Features add theirs in test/support/matrix/<feature>.matrix.ts, listed in FEATURES. */
const FOUNDATION: EndpointSpec[] = [
  { method: 'GET', route: '/api/health/live', roles: null, path: fixed('/api/health/live') },
  { method: 'GET', route: '/api/health', roles: null, path: fixed('/api/health') },
  { method: 'GET', route: '/api/app-info', roles: null, path: fixed('/api/app-info') },
  // Public to the access policy; the controller answers only a scraper on this machine or one with METRICS_TOKEN.
  { method: 'GET', route: '/api/metrics', roles: null, path: fixed('/api/metrics') },
  { method: 'POST', route: '/api/auth/wechat', roles: null, path: fixed('/api/auth/wechat'), body: (fx) => ({ code: fx.t.wechat.issueCode(`matrix-${fx.seq()}`) }) },
  { method: 'POST', route: '/api/auth/password', roles: null, path: fixed('/api/auth/password'), body: () => ({ username: 'staff', password: 'staff-demo-2026' }) },
  { method: 'POST', route: '/api/auth/dev', roles: null, path: fixed('/api/auth/dev'), body: () => ({ account: 'rider' }) },
  { method: 'POST', route: '/api/auth/logout', roles: SIGNED, path: fixed('/api/auth/logout'), endsSession: true },
  { method: 'GET', route: '/api/me', roles: SIGNED, path: fixed('/api/me') },
  { method: 'PATCH', route: '/api/me', roles: SIGNED, path: fixed('/api/me'), body: () => ({ trade: 'other' }) },
  { method: 'GET', route: '/api/areas', roles: ANY, path: fixed('/api/areas') },
  { method: 'GET', route: '/api/areas/:id', roles: ANY, path: (fx, w) => `/api/areas/${w === 'in' ? fx.areaIn : fx.areaOut}` },
  {
    method: 'POST',
    route: '/api/areas',
    roles: ADMIN,
    path: fixed('/api/areas'),
    body: (fx) => ({ parentId: null, level: 'district', name: `矩阵测试区${fx.seq()}`, code: `MTX${fx.seq()}` }),
  },
  { method: 'PATCH', route: '/api/areas/:id', roles: STAFF, scoped: true, path: (fx, w) => `/api/areas/${w === 'in' ? fx.areaIn : fx.areaOut}`, body: () => ({}) },
  { method: 'DELETE', route: '/api/areas/:id', roles: ADMIN, path: fixed('/api/areas/999999') },
  { method: 'GET', route: '/api/admin/staff', roles: ADMIN, path: fixed('/api/admin/staff') },
  {
    method: 'POST',
    route: '/api/admin/staff',
    roles: ADMIN,
    path: fixed('/api/admin/staff'),
    body: (fx) => ({ username: `mtx${fx.seq()}`, password: 'matrix-pass-1', nickname: '矩阵', role: 'staff', scopeAreaIds: [fx.areaOut] }),
  },
  { method: 'PUT', route: '/api/admin/staff/:id/scopes', roles: ADMIN, path: (fx) => `/api/admin/staff/${fx.spareStaffId}/scopes`, body: (fx) => ({ scopeAreaIds: [fx.areaOut] }) },
  { method: 'POST', route: '/api/admin/staff/:id/disable', roles: ADMIN, path: (fx) => `/api/admin/staff/${fx.spareStaffId}/disable` },
  { method: 'POST', route: '/api/admin/staff/:id/enable', roles: ADMIN, path: (fx) => `/api/admin/staff/${fx.spareStaffId}/enable` },
  { method: 'POST', route: '/api/admin/users/:id/disable', roles: ADMIN, path: (fx) => `/api/admin/users/${fx.spareStaffId}/disable` },
  { method: 'POST', route: '/api/admin/users/:id/enable', roles: ADMIN, path: (fx) => `/api/admin/users/${fx.spareStaffId}/enable` },
];

/** Each feature's matrix, one line per feature. */
export const FEATURES: FeatureMatrix[] = [
  { endpoints: FOUNDATION },
  ACTIVITIES_MATRIX,
  STATIONS_MATRIX,
  REPORTS_MATRIX,
  OPEN311_MATRIX,
  REPORT_TEMPLATES_MATRIX,
];

/** Every API endpoint with who may call it. A new endpoint must be listed, or the matrix test fails. */
export const ENDPOINTS: EndpointSpec[] = FEATURES.flatMap((f) => f.endpoints);
