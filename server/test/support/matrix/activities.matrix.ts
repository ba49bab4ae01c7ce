import type { EndpointSpec, FeatureMatrix, MatrixFixtures } from '../endpoints';

const ANY = ['worker', 'staff', 'admin'] as const;
const STAFF = ['staff', 'admin'] as const;
const pick = (fx: MatrixFixtures, w: 'in' | 'out', name: string) => fx.ids[`${name}${w === 'in' ? 'In' : 'Out'}`];

const endpoints: EndpointSpec[] = [
  { method: 'GET', route: '/api/organizations', roles: ANY, path: (fx) => `/api/organizations?areaId=${fx.areaIn}` },
  { method: 'GET', route: '/api/organizations/:id/absentees', roles: STAFF, scoped: true, path: (fx, w) => `/api/organizations/${pick(fx, w, 'org')}/absentees` },
  { method: 'GET', route: '/api/memberships/mine', roles: ANY, path: () => '/api/memberships/mine' },
  { method: 'POST', route: '/api/memberships', roles: ANY, path: () => '/api/memberships', body: (fx) => ({ organizationId: fx.ids.orgOut, role: 'workplace' }) },
  { method: 'GET', route: '/api/memberships', roles: STAFF, scoped: true, path: (fx, w) => `/api/memberships?organizationId=${pick(fx, w, 'org')}` },
  { method: 'POST', route: '/api/memberships/:id/verify', roles: STAFF, scoped: true, path: (fx, w) => `/api/memberships/${pick(fx, w, 'membership')}/verify` },
  { method: 'POST', route: '/api/memberships/:id/decline', roles: STAFF, scoped: true, path: (fx, w) => `/api/memberships/${pick(fx, w, 'membership')}/decline`, body: () => ({ note: '信息不全' }) },
  { method: 'POST', route: '/api/memberships/:id/end', roles: ANY, path: (fx) => `/api/memberships/${fx.ids.membershipOut}/end` },
  { method: 'GET', route: '/api/register/export.xlsx', roles: STAFF, scoped: true, path: (fx, w) => `/api/register/export.xlsx?areaId=${w === 'in' ? fx.areaIn : fx.areaOut}` },
  {
    method: 'POST',
    route: '/api/activities',
    roles: STAFF,
    scoped: true,
    path: () => '/api/activities',
    body: (fx, w) => ({ organizationId: pick(fx, w, 'org'), type: 'meeting', title: `矩阵会议${fx.seq()}`, startsAt: new Date(Date.now() + 3600_000).toISOString(), endsAt: new Date(Date.now() + 7200_000).toISOString(), lat: 38.34, lng: 114.68 }),
  },
  { method: 'GET', route: '/api/activities', roles: ANY, path: () => '/api/activities?scope=mine' },
  { method: 'GET', route: '/api/activities/:id', roles: ANY, path: (fx, w) => `/api/activities/${pick(fx, w, 'activity')}` },
  { method: 'PATCH', route: '/api/activities/:id', roles: STAFF, scoped: true, path: (fx, w) => `/api/activities/${pick(fx, w, 'activity')}`, body: () => ({}) },
  { method: 'POST', route: '/api/activities/:id/cancel', roles: STAFF, scoped: true, path: (fx, w) => `/api/activities/${pick(fx, w, 'cancel')}/cancel` },
  { method: 'GET', route: '/api/activities/:id/qr-token', roles: STAFF, scoped: true, path: (fx, w) => `/api/activities/${pick(fx, w, 'activity')}/qr-token` },
  {
    method: 'POST',
    route: '/api/activities/:id/check-ins',
    roles: ANY,
    path: (fx) => `/api/activities/${fx.ids.activityIn}/check-ins`,
    body: () => ({ token: 'forged', lat: 38.34, lng: 114.68, accuracyM: 10 }),
  },
  { method: 'GET', route: '/api/activities/:id/check-ins', roles: STAFF, scoped: true, path: (fx, w) => `/api/activities/${pick(fx, w, 'activity')}/check-ins` },
  { method: 'POST', route: '/api/check-ins/:id/approve', roles: STAFF, scoped: true, path: (fx, w) => `/api/check-ins/${pick(fx, w, 'checkIn')}/approve`, body: () => ({ note: '现场核实' }) },
  { method: 'GET', route: '/api/check-ins/mine', roles: ANY, path: () => '/api/check-ins/mine' },
  { method: 'GET', route: '/api/attendance/mine', roles: ANY, path: () => '/api/attendance/mine' },
  {
    method: 'POST',
    route: '/api/activities/:id/check-outs',
    roles: ANY,
    path: (fx) => `/api/activities/${fx.ids.activityIn}/check-outs`,
    body: () => ({ token: 'forged', lat: 38.34, lng: 114.68, accuracyM: 10 }),
  },
  { method: 'POST', route: '/api/activities/:id/confirm-hours', roles: STAFF, scoped: true, path: (fx, w) => `/api/activities/${pick(fx, w, 'activity')}/confirm-hours` },
  {
    method: 'POST',
    route: '/api/check-ins/:id/close',
    roles: STAFF,
    scoped: true,
    path: (fx, w) => `/api/check-ins/${pick(fx, w, 'checkIn')}/close`,
    body: () => ({ signedOutAt: new Date().toISOString(), note: '忘记签退，现场核实' }),
  },
  { method: 'GET', route: '/api/check-ins/flagged', roles: STAFF, path: () => '/api/check-ins/flagged' },
  { method: 'POST', route: '/api/check-ins/:id/review', roles: STAFF, scoped: true, path: (fx, w) => `/api/check-ins/${pick(fx, w, 'checkIn')}/review`, body: () => ({ accept: true, note: '现场核实' }) },
  { method: 'GET', route: '/api/organizations/:id/meetings', roles: STAFF, scoped: true, path: (fx, w) => `/api/organizations/${pick(fx, w, 'org')}/meetings` },
];

/** Organizations, memberships, activities and refused check-ins inside (新乐 新华社区) and outside (石狮) the demo staff's scope. */
async function setup(fx: MatrixFixtures, adminToken: string): Promise<Record<string, number>> {
  const { t } = fx;
  const orgOf = async (areaId: number) => {
    const r = await t.http('GET', `/api/organizations?areaId=${areaId}`, { token: adminToken });
    return (r.body.items as Array<{ id: number; areaId: number }>).find((o) => o.areaId === areaId)!.id;
  };
  const ids: Record<string, number> = { orgIn: await orgOf(fx.areaIn), orgOut: await orgOf(fx.areaOut) };
  for (const w of ['In', 'Out'] as const) {
    const worker = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(`matrix-member-${w}`) } });
    const token = worker.body.token as string;
    const m = await t.http('POST', '/api/memberships', { token, body: { organizationId: ids[`org${w}`], role: 'residence' } });
    ids[`membership${w}`] = m.body.id;
    for (const name of ['activity', 'cancel']) {
      const a = await t.http('POST', '/api/activities', {
        token: adminToken,
        body: { organizationId: ids[`org${w}`], type: 'volunteer', title: `矩阵${name}${w}`, startsAt: new Date(Date.now() - 600_000).toISOString(), endsAt: new Date(Date.now() + 3600_000).toISOString(), lat: 38.34, lng: 114.68, points: 5 },
      });
      ids[`${name}${w}`] = a.body.id;
    }
    const refused = await t.http('POST', `/api/activities/${ids[`activity${w}`]}/check-ins`, { token, body: { token: 'forged', lat: 38.34, lng: 114.68, accuracyM: 10 } });
    ids[`checkIn${w}`] = refused.body.details.checkInId;
  }
  return ids;
}

export const ACTIVITIES_MATRIX: FeatureMatrix = { endpoints, setup };
