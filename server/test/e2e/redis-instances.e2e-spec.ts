import { TOKEN_REVOCATION, type TokenRevocation } from '../../src/common/auth/token-revocation';
import { RedisTokenRevocation } from '../../src/common/redis/redis-token-revocation';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** The next revocation of this user that reaches the instance through its bus. */
function nextRevocation(app: TestApp, userId: number): Promise<void> {
  const bus = app.app.get<TokenRevocation>(TOKEN_REVOCATION);
  return new Promise((resolve) => bus.subscribe((id) => id === userId && resolve()));
}

describe('two instances sharing MySQL and Redis', () => {
  const run = TEST_DRIVERS.includes('mysql') ? it : it.skip;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    if (!TEST_DRIVERS.includes('mysql')) return;
    a = await startTestApp('mysql', { REDIS_URL });
    b = await startTestApp('mysql', { DATABASE_URL: a.db.databaseUrl!, REDIS_URL });
    for (const t of [a, b]) await (t.app.get(TOKEN_REVOCATION) as RedisTokenRevocation).ready;
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
});

describe('without REDIS_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(TEST_DRIVERS[0]);
  });
  afterAll(() => t?.close());

  it('keeps the revocation bus in process (the embedded default needs no Redis)', () => {
    expect(t.app.get(TOKEN_REVOCATION)).not.toBeInstanceOf(RedisTokenRevocation);
  });
});
