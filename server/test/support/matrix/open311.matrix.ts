import type { EndpointSpec, FeatureMatrix } from '../endpoints';

const ADMIN = ['admin'] as const;

/** Open311 GeoReport v2 (public, outside /api; POST checks its own api_key) and the admin API issuing its keys. */
const endpoints: EndpointSpec[] = [
  { method: 'GET', route: '/open311/v2/services.:format', roles: null, path: () => '/open311/v2/services.json' },
  { method: 'GET', route: '/open311/v2/services/:code.:format', roles: null, path: () => '/open311/v2/services/traffic.json' },
  { method: 'GET', route: '/open311/v2/requests.:format', roles: null, path: () => '/open311/v2/requests.json' },
  { method: 'GET', route: '/open311/v2/requests/:id.:format', roles: null, path: (fx) => `/open311/v2/requests/${fx.ids.reportIn}.json` },
  { method: 'POST', route: '/open311/v2/requests.:format', roles: null, path: () => '/open311/v2/requests.json', body: () => ({ api_key: 'wrong' }) },
  { method: 'GET', route: '/api/admin/open311-keys', roles: ADMIN, path: () => '/api/admin/open311-keys' },
  { method: 'POST', route: '/api/admin/open311-keys', roles: ADMIN, path: () => '/api/admin/open311-keys', body: (fx) => ({ name: `矩阵客户端${fx.seq()}` }) },
  { method: 'POST', route: '/api/admin/open311-keys/:id/revoke', roles: ADMIN, path: () => '/api/admin/open311-keys/999999/revoke' },
];

export const OPEN311_MATRIX: FeatureMatrix = { endpoints };
