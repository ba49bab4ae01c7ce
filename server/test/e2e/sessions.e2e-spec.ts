import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(60_000);

describe.each(TEST_DRIVERS)('session revocation (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = (await t.loginAs('admin')).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const passwordLogin = async () => {
    const r = await t.http('POST', '/api/auth/password', { body: { username: 'staff', password: 'staff-demo-2026' } });
    expect(r.status).toBe(200);
    return r.body as { token: string; user: { id: number } };
  };
  const worker = async (openid: string) => {
    const r = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(openid) } });
    expect(r.status).toBe(200);
    return r.body as { token: string; user: { id: number } };
  };
  const me = (token: string) => t.http('GET', '/api/me', { token });

  it('logout ends the session at once (and every other session of the account); a new login works', async () => {
    const a = await passwordLogin();
    const b = await passwordLogin();
    expect((await me(a.token)).status).toBe(200);
    const out = await t.http('POST', '/api/auth/logout', { token: a.token });
    expect(out.status).toBe(204);
    for (const token of [a.token, b.token]) {
      const r = await me(token);
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('token_invalid');
    }
    // A hot read served outside Nest (fast route) refuses it too.
    expect((await t.http('GET', '/api/stations/nearby?lat=38.3&lng=114.7', { token: a.token })).status).toBe(401);
    expect((await t.http('POST', '/api/auth/logout', { token: a.token })).status).toBe(401);
    // Public routes need no session, so the stale token a client still sends does not block them (the login page).
    expect((await t.http('GET', '/api/health/live', { token: a.token })).status).toBe(200);
    const relogin = await t.http('POST', '/api/auth/dev', { token: a.token, body: { account: 'rider' } });
    expect(relogin.status).toBe(200);
    const again = await passwordLogin();
    expect((await me(again.token)).status).toBe(200);
  });

  it('an admin disables a worker: refused at once; re-enabled, the old token stays dead and a new login works', async () => {
    const w = await worker(`openid-disable-${driver}`);
    expect((await me(w.token)).status).toBe(200);
    const off = await t.http('POST', `/api/admin/users/${w.user.id}/disable`, { token: admin });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: w.user.id, role: 'worker', disabled: true });
    const refused = await me(w.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account_disabled');
    const login = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(`openid-disable-${driver}`) } });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('account_disabled');

    const on = await t.http('POST', `/api/admin/users/${w.user.id}/enable`, { token: admin });
    expect(on.status).toBe(200);
    expect(on.body.disabled).toBe(false);
    const old = await me(w.token);
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('token_invalid');
    const fresh = await worker(`openid-disable-${driver}`);
    expect((await me(fresh.token)).status).toBe(200);
  });

  it('a staff account disabled and re-enabled through the staff routes does not get its old token back', async () => {
    const s = await passwordLogin();
    expect((await t.http('POST', `/api/admin/staff/${s.user.id}/disable`, { token: admin })).status).toBe(200);
    expect((await me(s.token)).body.code).toBe('account_disabled');
    expect((await t.http('POST', `/api/admin/staff/${s.user.id}/enable`, { token: admin })).status).toBe(200);
    expect((await me(s.token)).body.code).toBe('token_invalid');
    expect((await me((await passwordLogin()).token)).status).toBe(200);
  });

  it("a scope change ends the staff account's sessions", async () => {
    const s = await passwordLogin();
    const before = await me(s.token);
    const scopeAreaIds = before.body.scopes.map((a: { id: number }) => a.id);
    expect((await t.http('PUT', `/api/admin/staff/${s.user.id}/scopes`, { token: admin, body: { scopeAreaIds } })).status).toBe(200);
    expect((await me(s.token)).body.code).toBe('token_invalid');
    expect((await me((await passwordLogin()).token)).status).toBe(200);
  });

  it('refuses to disable your own account or an account that does not exist, changing nothing', async () => {
    const self = (await me(admin)).body.id as number;
    const r = await t.http('POST', `/api/admin/users/${self}/disable`, { token: admin });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('cannot_disable_self');
    expect((await me(admin)).status).toBe(200);
    const missing = await t.http('POST', '/api/admin/users/99999999/disable', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('user_not_found');
  });

  it('only an admin disables accounts', async () => {
    const w = await worker(`openid-victim-${driver}`);
    const staff = (await passwordLogin()).token;
    const r = await t.http('POST', `/api/admin/users/${w.user.id}/disable`, { token: staff });
    expect(r.status).toBe(403);
    expect((await me(w.token)).status).toBe(200);
  });
});
