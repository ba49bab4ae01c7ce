import type { EndpointSpec, FeatureMatrix } from '../endpoints';

const ANY = ['worker', 'staff', 'admin'] as const;

/** 积分与志愿服务时长证明: issue and list for anyone logged in; the check by code is public. */
const endpoints: EndpointSpec[] = [
  { method: 'POST', route: '/api/statements', roles: ANY, path: () => '/api/statements', body: () => ({ from: '2026-01-01', to: '2026-01-31' }) },
  { method: 'GET', route: '/api/statements', roles: ANY, path: () => '/api/statements' },
  { method: 'GET', route: '/api/statements/:code', roles: null, path: () => '/api/statements/0000-0000-0000-0000-0000' },
];

export const STATEMENTS_MATRIX: FeatureMatrix = { endpoints };
