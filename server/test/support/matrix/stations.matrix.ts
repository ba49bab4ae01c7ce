import type { EndpointSpec, FeatureMatrix, MatrixFixtures } from '../endpoints';

const ANY = ['worker', 'staff', 'admin'] as const;
const STAFF = ['staff', 'admin'] as const;
const fixed = (p: string) => () => p;
const station = (fx: MatrixFixtures, w: 'in' | 'out') => (w === 'in' ? fx.ids.stationIn : fx.ids.stationOut);

const endpoints: EndpointSpec[] = [
  { method: 'GET', route: '/api/stations/nearby', roles: ANY, path: fixed('/api/stations/nearby?lat=38.3435&lng=114.6839') },
  { method: 'GET', route: '/api/stations', roles: ANY, path: fixed('/api/stations?bbox=114.66,38.33,114.70,38.36') },
  { method: 'GET', route: '/api/stations/managed', roles: STAFF, path: fixed('/api/stations/managed') },
  { method: 'GET', route: '/api/stations/export.xlsx', roles: STAFF, path: fixed('/api/stations/export.xlsx') },
  { method: 'POST', route: '/api/stations/import', roles: STAFF, path: fixed('/api/stations/import?dryRun=true') },
  { method: 'GET', route: '/api/stations/feedback', roles: STAFF, path: fixed('/api/stations/feedback') },
  {
    method: 'POST',
    route: '/api/stations/feedback/:id/resolve',
    roles: STAFF,
    scoped: true,
    path: (fx, w) => `/api/stations/feedback/${w === 'in' ? fx.ids.feedbackIn : fx.ids.feedbackOut}/resolve`,
    body: () => ({ resolution: 'dismissed' }),
  },
  { method: 'GET', route: '/api/stations/coverage', roles: STAFF, scoped: true, path: (fx, w) => `/api/stations/coverage?areaId=${w === 'in' ? fx.areaIn : fx.areaOut}` },
  { method: 'GET', route: '/api/stations/:id', roles: ANY, path: (fx, w) => `/api/stations/${station(fx, w)}` },
  // Scope of the body's areaId is checked in stations.e2e-spec (the matrix varies only the path by scope).
  { method: 'POST', route: '/api/stations', roles: STAFF, path: fixed('/api/stations'), body: (fx) => ({ name: `矩阵驿站${fx.seq()}` }) },
  { method: 'PATCH', route: '/api/stations/:id', roles: STAFF, scoped: true, path: (fx, w) => `/api/stations/${station(fx, w)}`, body: () => ({ hostUnit: '矩阵测试单位' }) },
  { method: 'POST', route: '/api/stations/:id/suspend', roles: STAFF, scoped: true, path: (fx, w) => `/api/stations/${station(fx, w)}/suspend` },
  { method: 'POST', route: '/api/stations/:id/restore', roles: STAFF, scoped: true, path: (fx, w) => `/api/stations/${station(fx, w)}/restore` },
  { method: 'POST', route: '/api/stations/:id/feedback', roles: ANY, path: (fx, w) => `/api/stations/${station(fx, w)}/feedback`, body: () => ({ type: 'praise' }) },
  // Rider confirmations, stars and service sessions. A confirmation from 1 km away is refused with 422 after access.
  { method: 'POST', route: '/api/stations/:id/confirmations', roles: ANY, path: (fx, w) => `/api/stations/${station(fx, w)}/confirmations`, body: () => ({ lat: 0, lng: 0, open: true, water: true, charging: true }) },
  { method: 'POST', route: '/api/stations/:id/verify', roles: STAFF, scoped: true, path: (fx, w) => `/api/stations/${station(fx, w)}/verify` },
  { method: 'POST', route: '/api/stations/:id/favorite', roles: ANY, path: (fx, w) => `/api/stations/${station(fx, w)}/favorite` },
  { method: 'DELETE', route: '/api/stations/:id/favorite', roles: ANY, path: (fx, w) => `/api/stations/${station(fx, w)}/favorite` },
  { method: 'GET', route: '/api/stations/:id/services', roles: ANY, path: (fx, w) => `/api/stations/${station(fx, w)}/services` },
  {
    method: 'POST',
    route: '/api/stations/:id/services',
    roles: STAFF,
    scoped: true,
    path: (fx, w) => `/api/stations/${station(fx, w)}/services`,
    body: () => ({ kind: 'legal_consult', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), host: '矩阵律师' }),
  },
  { method: 'GET', route: '/api/stations/services/mine', roles: ANY, path: fixed('/api/stations/services/mine') },
  { method: 'POST', route: '/api/stations/services/:id/signup', roles: ANY, path: (fx, w) => `/api/stations/services/${w === 'in' ? fx.ids.serviceIn : fx.ids.serviceOut}/signup` },
  { method: 'DELETE', route: '/api/stations/services/:id/signup', roles: ANY, path: (fx, w) => `/api/stations/services/${w === 'in' ? fx.ids.serviceIn : fx.ids.serviceOut}/signup` },
  { method: 'POST', route: '/api/stations/services/:id/cancel', roles: STAFF, scoped: true, path: (fx, w) => `/api/stations/services/${w === 'in' ? fx.ids.serviceIn : fx.ids.serviceOut}/cancel` },
];

async function createStation(fx: MatrixFixtures, token: string, areaId: number, code: string): Promise<number> {
  const area = await fx.t.http('GET', `/api/areas/${areaId}`, { token });
  const r = await fx.t.http('POST', '/api/stations', {
    token,
    body: { code, name: `矩阵驿站${code}`, kind: 'rest_station', hostUnit: '测试', address: '测试地址', lat: area.body.centerLat, lng: area.body.centerLng, amenities: ['drinking_water'], hours: [{ day: 1, open: '00:00', close: '24:00' }], areaId },
  });
  if (r.status !== 201) throw new Error(`matrix station setup failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as number;
}

export const STATIONS_MATRIX: FeatureMatrix = {
  endpoints,
  setup: async (fx, adminToken) => {
    const stationIn = await createStation(fx, adminToken, fx.areaIn, 'MTX-IN');
    const stationOut = await createStation(fx, adminToken, fx.areaOut, 'MTX-OUT');
    const feedback = async (id: number) => (await fx.t.http('POST', `/api/stations/${id}/feedback`, { token: adminToken, body: { type: 'other', note: '矩阵' } })).body.id as number;
    const service = async (id: number) => {
      const body = { kind: 'counselling', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), host: '矩阵心理' };
      const r = await fx.t.http('POST', `/api/stations/${id}/services`, { token: adminToken, body });
      if (r.status !== 201) throw new Error(`matrix service setup failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id as number;
    };
    return {
      stationIn,
      stationOut,
      feedbackIn: await feedback(stationIn),
      feedbackOut: await feedback(stationOut),
      serviceIn: await service(stationIn),
      serviceOut: await service(stationOut),
    };
  },
};
