import { randomUUID } from 'node:crypto';
import { TOKEN_REVOCATION, type TokenRevocation } from '../../src/common/auth/token-revocation';
import { CLUSTER_BUS, type ClusterBus } from '../../src/common/redis/cluster-bus';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const PUSH_TOKEN = 'push-token-for-redis-tests';

/** The next revocation of this user that reaches the instance through its bus. */
function nextRevocation(app: TestApp, userId: number): Promise<void> {
  const bus = app.app.get<TokenRevocation>(TOKEN_REVOCATION);
  return new Promise((resolve) => bus.subscribe((id) => id === userId && resolve()));
}

/** Polls until check() holds, at most `ms`; returns how long it took (the caller asserts the outcome, not the time). */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('two instances sharing MySQL and Redis', () => {
  const run = TEST_DRIVERS.includes('mysql') ? it : it.skip;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (!TEST_DRIVERS.includes('mysql')) return;
    // One prefix for this pair only: other suites on the same Redis count their own rate limits.
    const shared = { REDIS_URL, REDIS_PREFIX: `xjy-test-${randomUUID().slice(0, 8)}:`, RATE_LIMIT_LOGIN_PER_MIN: '6', WECHAT_PUSH_TOKEN: PUSH_TOKEN };
    a = await startTestApp('mysql', shared);
    b = await startTestApp('mysql', { ...shared, DATABASE_URL: a.db.databaseUrl! });
    for (const t of [a, b]) await t.app.get<ClusterBus>(CLUSTER_BUS).ready;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  run('an account disabled through one instance is refused by the other as soon as the bus says so', async () => {
    const admin = (await a.loginAs('admin')).token;
    const streamer = await b.loginAs('streamer');
    // B has the streamer cached as enabled.
    expect((await b.http('GET', '/api/me', { token: streamer.token })).status).toBe(200);
    const heard = nextRevocation(b, streamer.user.id);
    const off = await a.http('POST', `/api/admin/users/${streamer.user.id}/disable`, { token: admin });
    expect(off.status).toBe(200);
    await heard;
    const refused = await b.http('GET', '/api/me', { token: streamer.token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account_disabled');
    // Enabled again through A: the old token stays dead on B, a new login works there.
    expect((await a.http('POST', `/api/admin/users/${streamer.user.id}/enable`, { token: admin })).status).toBe(200);
    expect((await b.http('GET', '/api/me', { token: streamer.token })).status).toBe(401);
    // A fresh login (not the test helper's remembered token) is accepted on B at once, whatever B had cached.
    const again = await b.http('POST', '/api/auth/dev', { body: { account: 'streamer' } });
    expect(again.status).toBe(200);
    expect((await b.http('GET', '/api/me', { token: again.body.token })).status).toBe(200);
  });

  run('a logout on one instance ends the session on the other', async () => {
    const rider = await a.loginAs('rider');
    expect((await b.http('GET', '/api/me', { token: rider.token })).status).toBe(200);
    const heard = nextRevocation(b, rider.user.id);
    expect((await a.http('POST', '/api/auth/logout', { token: rider.token })).status).toBe(204);
    await heard;
    expect((await b.http('GET', '/api/me', { token: rider.token })).status).toBe(401);
  });

  run('a station created through one instance is in the other\'s nearby through the bus, long before its fallback poll', async () => {
    const staff = (await a.loginAs('staff')).token;
    const rider = (await b.loginAs('rider')).token;
    const areas = await a.ds.query("SELECT id, centerLat, centerLng FROM area WHERE code = '130184001001'");
    const { id: areaId, centerLat: lat, centerLng: lng } = areas[0];
    const hours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' }));
    const qs = `lat=${lat}&lng=${lng}&radius=300&amenities=umbrella,first_aid,microwave&limit=100`;
    const ids = async () => ((await b.http('GET', `/api/stations/nearby?${qs}`, { token: rider })).body.items as Array<{ id: number }>).map((s) => s.id);
    await ids(); // B's index is loaded before the write.
    const created = await a.http('POST', '/api/stations', {
      token: staff,
      body: { name: '跨实例驿站', kind: 'rest_station', hostUnit: '测试单位', address: '新乐市测试路2号', lat, lng, amenities: ['umbrella', 'first_aid', 'microwave'], hours, areaId },
    });
    expect(created.status).toBe(201);
    // The fallback poll runs every 5 s with Redis: seeing it within 1 s means the bus carried it.
    expect(await eventually(async () => (await ids()).includes(created.body.id), 1000)).toBe(true);
    expect((await a.http('POST', `/api/stations/${created.body.id}/suspend`, { token: staff })).status).toBe(200);
    expect(await eventually(async () => !(await ids()).includes(created.body.id), 1000)).toBe(true);
  });

  run('a login rate limit of N per minute is N across both instances, not 2N', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const via = i % 2 ? b : a;
      statuses.push((await via.http('POST', '/api/auth/password', { body: { username: 'staff', password: `wrong-password-${i}` } })).status);
    }
    // Six attempts from this address are allowed in all (some were spent by the logins above), then 429 on either.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
  });

  run('a WeChat push replayed to the other instance is refused there too (one shared replay memory)', async () => {
    const push = a.wechat.signPush(a.wechat.mediaCheckEvent('trace-unknown-to-both', 'pass'), { token: PUSH_TOKEN });
    expect((await a.wechat.sendPush(`${a.baseUrl}/api/wechat/push`, push)).status).toBe(200);
    const replay = await b.wechat.sendPush(`${b.baseUrl}/api/wechat/push`, push);
    expect(replay.status).toBe(409);
    expect(JSON.parse(replay.body).code).toBe('push_replayed');
  });
});

describe('without REDIS_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(TEST_DRIVERS[0]);
  });
  afterAll(() => t?.close());

  it('keeps the cluster bus in process (the embedded default needs no Redis)', () => {
    expect(t.app.get<ClusterBus>(CLUSTER_BUS).distributed).toBe(false);
  });
});
