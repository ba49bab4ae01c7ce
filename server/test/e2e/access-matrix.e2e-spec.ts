import { registeredRoutes } from '../../src/app.factory';
import { ENDPOINTS, EndpointSpec, FEATURES, MatrixFixtures } from '../support/endpoints';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

type Caller = 'anonymous' | 'worker' | 'staff-in-scope' | 'staff-out-of-scope' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'worker', 'staff-in-scope', 'staff-out-of-scope', 'admin'];

/** What the one guard must answer: 401/403 codes, or 'allowed' (any status the handler itself gives). */
function expected(e: EndpointSpec, caller: Caller): 'allowed' | 'unauthenticated' | 'forbidden' | 'out_of_scope' {
  if (e.roles === null) return 'allowed';
  if (caller === 'anonymous') return 'unauthenticated';
  const role = caller === 'worker' ? 'worker' : caller === 'admin' ? 'admin' : 'staff';
  if (!e.roles.includes(role)) return 'forbidden';
  if (e.scoped && caller === 'staff-out-of-scope') return 'out_of_scope';
  return 'allowed';
}

const GUARD_CODES = ['unauthenticated', 'token_invalid', 'forbidden', 'out_of_scope'];
const isApiRoute = (url: string) => (url.startsWith('/api') && !url.startsWith('/api/docs')) || url.startsWith('/open311/');

describe.each(TEST_DRIVERS)('role × endpoint × scope matrix (%s)', (driver) => {
  let t: TestApp;
  let fx: MatrixFixtures;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    const admin = await t.loginAs('admin');
    tokens.admin = admin.token;
    tokens.worker = (await t.loginAs('rider')).token;
    tokens['staff-in-scope'] = (await t.loginAs('staff')).token;
    tokens['staff-out-of-scope'] = tokens['staff-in-scope'];
    const byCode = async (code: string) => {
      const roots = await t.http('GET', '/api/areas', { token: admin.token });
      let node = roots.body.items.find((a: { code: string }) => code.startsWith(a.code));
      while (node.code !== code) {
        const kids = await t.http('GET', `/api/areas?parentId=${node.id}`, { token: admin.token });
        node = kids.body.items.find((a: { code: string }) => code.startsWith(a.code));
      }
      return node.id as number;
    };
    const spare = await t.http('POST', '/api/admin/staff', {
      token: admin.token,
      body: { username: 'spare', password: 'spare-pass-1', nickname: '备用', role: 'staff', scopeAreaIds: [] },
    });
    let n = 0;
    fx = { t, areaIn: await byCode('130184001001'), areaOut: await byCode('350581001001'), spareStaffId: spare.body.id, seq: () => ++n, ids: {} };
    for (const feature of FEATURES) Object.assign(fx.ids, (await feature.setup?.(fx, admin.token, tokens['staff-in-scope']!)) ?? {});
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every API route the server registered, and nothing it did not', () => {
    const served = registeredRoutes(t.app)
      .filter((r) => isApiRoute(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const listed = ENDPOINTS.map((e) => `${e.method} ${e.route}`).sort();
    expect(listed).toEqual(served);
  });

  const cases = ENDPOINTS.flatMap((e) => CALLERS.map((caller) => [`${e.method} ${e.route}`, caller, e] as const));
  it.each(cases)('%s as %s', async (_name, caller, e) => {
    const where = caller === 'staff-out-of-scope' ? 'out' : 'in';
    const r = await t.http(e.method, e.path(fx, where), { token: tokens[caller], body: e.body?.(fx, where) });
    const want = expected(e, caller);
    if (want === 'allowed') {
      // Past the guard: whatever the handler answers, but never a guard refusal or a server error.
      expect(GUARD_CODES).not.toContain(r.body?.code);
      expect(r.status).toBeLessThan(500);
    } else {
      expect({ status: r.status, code: r.body?.code }).toEqual({ status: want === 'unauthenticated' ? 401 : 403, code: want });
    }
    if (e.endsSession && caller !== 'anonymous' && r.status < 300) {
      // Logout revoked every token of the account: later cases need a new one.
      const account = caller === 'worker' ? 'rider' : caller === 'admin' ? 'admin' : 'staff';
      const fresh = (await t.http('POST', '/api/auth/dev', { body: { account } })).body.token as string;
      if (account === 'staff') tokens['staff-in-scope'] = tokens['staff-out-of-scope'] = fresh;
      else tokens[caller] = fresh;
    }
  });
});
