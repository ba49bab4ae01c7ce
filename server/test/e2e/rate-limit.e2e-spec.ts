import { TokenService } from '../../src/modules/auth/token.service';
import { startTestApp, TestApp } from '../support/test-app';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded', { RATE_LIMIT_LOGIN_PER_MIN: '3', RATE_LIMIT_WRITE_PER_MIN: '5' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits login attempts per client with 429 rate_limited and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http('POST', '/api/auth/password', { body: { username: 'staff', password: 'wrong-password' } })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const r = await t.http('POST', '/api/auth/dev', { body: { account: 'rider' } });
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('rate_limited');
    expect(r.headers.get('retry-after')).toBeTruthy();
  });

  it('limits writes per user but not reads, and a refused write changes nothing', async () => {
    const rider = await t.ds.query('SELECT id FROM user WHERE demoAccount = ?', ['rider']);
    const token = (await t.app.get(TokenService).issue({ id: rider[0].id, role: 'worker', tokenVersion: 0 })).token;
    const writes: number[] = [];
    for (let i = 0; i < 6; i++) writes.push((await t.http('PATCH', '/api/me', { token, body: { nickname: `n${i}` } })).status);
    expect(writes).toEqual([200, 200, 200, 200, 200, 429]);
    const reads: number[] = [];
    for (let i = 0; i < 8; i++) reads.push((await t.http('GET', '/api/me', { token })).status);
    expect(reads.every((s) => s === 200)).toBe(true);
    expect((await t.http('GET', '/api/me', { token })).body.nickname).toBe('n4');
  });
});
