import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

describe.each(TEST_DRIVERS)('auth over HTTP (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('POST /api/auth/wechat', () => {
    it('exchanges the code with WeChat and creates one worker per openid', async () => {
      const first = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode('openid-rider-1', 'union-1') } });
      expect(first.status).toBe(200);
      expect(first.body.user.role).toBe('worker');
      expect(first.body.token).toEqual(expect.any(String));
      const again = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode('openid-rider-1') } });
      expect(again.status).toBe(200);
      expect(again.body.user.id).toBe(first.body.user.id);
      const call = t.wechat.requests.filter((r) => r.path === '/sns/jscode2session').at(-1)!;
      expect(call.query).toMatchObject({ appid: t.wechat.appId, secret: t.wechat.appSecret, grant_type: 'authorization_code' });
    });

    it('refuses a code used twice with 401 wechat_code_invalid', async () => {
      const code = t.wechat.issueCode('openid-rider-2');
      expect((await t.http('POST', '/api/auth/wechat', { body: { code } })).status).toBe(200);
      const second = await t.http('POST', '/api/auth/wechat', { body: { code } });
      expect(second.status).toBe(401);
      expect(second.body.code).toBe('wechat_code_invalid');
    });

    it('refuses an expired code', async () => {
      const code = t.wechat.issueCode('openid-late', null, -1);
      const r = await t.http('POST', '/api/auth/wechat', { body: { code } });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('wechat_code_invalid');
    });

    it('never takes an openid from the client', async () => {
      const r = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode('openid-real'), openid: 'openid-forged' } });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('validation_failed');
      expect(r.body.details.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'openid' })]));
    });

    it('answers 503 wechat_unavailable when WeChat is down, and recovers', async () => {
      t.wechat.failWithStatus = 502;
      try {
        const r = await t.http('POST', '/api/auth/wechat', { body: { code: 'whatever' } });
        expect(r.status).toBe(503);
        expect(r.body.code).toBe('wechat_unavailable');
      } finally {
        t.wechat.failWithStatus = null;
      }
      const ok = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode('openid-after-outage') } });
      expect(ok.status).toBe(200);
    });

    it('two first logins of the same new user at once end with one user', async () => {
      const [a, b] = await Promise.all([
        t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode('openid-race') } }),
        t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode('openid-race') } }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.user.id).toBe(b.body.user.id);
    });
  });

  describe('POST /api/auth/password', () => {
    it('logs staff in with the right password', async () => {
      const r = await t.http('POST', '/api/auth/password', { body: { username: 'staff', password: 'staff-demo-2026' } });
      expect(r.status).toBe(200);
      expect(r.body.user.role).toBe('staff');
      expect(r.body.user.scopes.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['长寿街道', '磐石街道']));
    });

    it('gives the same 401 for a wrong password and an unknown user', async () => {
      const wrong = await t.http('POST', '/api/auth/password', { body: { username: 'staff', password: 'nope-nope-nope' } });
      const unknown = await t.http('POST', '/api/auth/password', { body: { username: 'ghost', password: 'nope-nope-nope' } });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.code).toBe('bad_credentials');
    });
  });

  describe('GET /api/me and tokens', () => {
    it('returns the logged-in user', async () => {
      const login = await t.loginAs('rider');
      const r = await t.http('GET', '/api/me', { token: login.token });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ id: login.user.id, role: 'worker', nickname: '李师傅', trade: 'rider' });
    });

    it('401 unauthenticated without a token, 401 token_invalid with a bad one', async () => {
      const none = await t.http('GET', '/api/me');
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('unauthenticated');
      const bad = await t.http('GET', '/api/me', { token: 'not.a.jwt' });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('token_invalid');
    });

    it('refuses a token signed with another secret', async () => {
      const forged = [
        Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
        Buffer.from(JSON.stringify({ sub: 1, role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url'),
        'c2lnbmF0dXJl',
      ].join('.');
      const r = await t.http('GET', '/api/me', { token: forged });
      expect(r.status).toBe(401);
    });

    it('updates my profile and names the bad field', async () => {
      const login = await t.loginAs('streamer');
      const ok = await t.http('PATCH', '/api/me', { token: login.token, body: { nickname: '小王', trade: 'ecommerce', phone: '13800138000' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ nickname: '小王', trade: 'ecommerce', phone: '13800138000' });
      const bad = await t.http('PATCH', '/api/me', { token: login.token, body: { phone: '12345' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields[0].field).toBe('phone');
      const after = await t.http('GET', '/api/me', { token: login.token });
      expect(after.body.phone).toBe('13800138000');
    });
  });

  describe('dev login', () => {
    it('refuses an unknown demo account', async () => {
      const r = await t.http('POST', '/api/auth/dev', { body: { account: 'root' } });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('validation_failed');
    });
  });
});

describe('dev login switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded', { DEV_LOGIN: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 403 dev_login_disabled and app-info says so', async () => {
    const r = await t.http('POST', '/api/auth/dev', { body: { account: 'admin' } });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('dev_login_disabled');
    const info = await t.http('GET', '/api/app-info');
    expect(info.body).toMatchObject({ devLogin: false, demoAccounts: [] });
  });
});
