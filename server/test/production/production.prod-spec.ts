/**
 * Production, for real: NODE_ENV=production, `npm run db:migrate` and `npm run admin:create` on a throwaway MariaDB
 * database, two instances of the production build behind Debian's nginx running the repository's deploy/nginx.conf
 * (round robin, TRUST_PROXY=1), the machine's Redis, s3rver for photos, and a fake WeChat on loopback for workers'
 * logins. Nothing is seeded: the city's admin builds areas, staff and organizations through the API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import sharp from 'sharp';
import { FakeWechat } from '../support/fake-wechat';
import { RealS3 } from '../support/s3rver';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { ApiInstance, freePort, NGINX, Nginx, ROOT, runCommand, sleep } from './cluster';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const LOGIN_LIMIT = 8;
const ADMIN_PASSWORD = `city-${randomBytes(9).toString('hex')}`;
const METRICS_TOKEN = randomBytes(16).toString('hex');
const HOUR = 3600_000;

type Res = { status: number; body: any; headers: Headers };

async function call(base: string, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Polls until check() holds or `ms` passes. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await sleep(25);
  }
}

/** A square ring ([lng, lat]) of half-side `m` metres around a point. */
function square(lat: number, lng: number, m: number): Array<[number, number]> {
  const dLat = m / 111_320;
  const dLng = m / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [
    [lng - dLng, lat - dLat],
    [lng + dLng, lat - dLat],
    [lng + dLng, lat + dLat],
    [lng - dLng, lat + dLat],
  ];
}

describe('production: two instances behind nginx on MariaDB, Redis and S3', () => {
  let db: TestDatabase;
  let s3: RealS3;
  let wechat: FakeWechat;
  let redis: Redis;
  let a: ApiInstance;
  let b: ApiInstance;
  let nginx: Nginx;
  let env: Record<string, string>;
  let nginxPort: number;
  const prefix = `xjy-prod-${randomUUID().slice(0, 8)}:`;
  const gw = (method: string, path: string, opts?: Parameters<typeof call>[3]) => call(nginx.url, method, path, opts);
  /** A business counter summed over both instances' /api/metrics (what Prometheus would add up). */
  const business = async (event: string): Promise<number> => {
    let sum = 0;
    for (const via of [a, b]) {
      const text = await (await fetch(`${via.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      const m = new RegExp(`^xjy_business_events_total\\{event="${event}"\\} (\\d+)`, 'm').exec(text);
      sum += m ? Number(m[1]) : 0;
    }
    return sum;
  };
  const centre = { lat: 38.3435, lng: 114.6839 };
  let admin: string;
  let staff: string;
  let worker: { token: string; id: number };
  let communityId: number;

  beforeAll(async () => {
    // npm test installs nginx (scripts/lib/env.mjs ensureNginx) and builds the server before this step.
    if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: run npm test, which installs Debian's nginx`);
    if (!existsSync(join(ROOT, 'server', 'dist', 'main.js'))) throw new Error('server/dist is missing: build the server first (pnpm --filter @xjy/server build)');
    db = await createTestDatabase('mysql');
    s3 = await new RealS3().start();
    wechat = await new FakeWechat().start();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
    nginxPort = await freePort();
    env = {
      PUBLIC_BASE_URL: `http://127.0.0.1:${nginxPort}`,
      NODE_ENV: 'production',
      DATABASE_URL: db.databaseUrl!,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      TRUST_PROXY: '1',
      JWT_SECRET: randomBytes(32).toString('hex'),
      WECHAT_APPID: wechat.appId,
      WECHAT_SECRET: wechat.appSecret,
      WECHAT_API_BASE: wechat.baseUrl,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      RATE_LIMIT_LOGIN_PER_MIN: String(LOGIN_LIMIT),
      RATE_LIMIT_WRITE_PER_MIN: '10000',
      RATE_LIMIT_CHECKIN_PER_MIN: '10000',
      METRICS_TOKEN,
      SHUTDOWN_GRACE_S: '2',
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'xjy-prod-data-')),
      H5_DIR: '/nonexistent-h5',
    };
  });

  afterAll(async () => {
    await nginx?.stop();
    for (const i of [a, b]) if (i?.child && i.child.exitCode === null) await i.kill('SIGKILL');
    const keys = [...(await redis.keys(`${prefix}*`).catch(() => [] as string[])), ...(await redis.keys(`{${prefix}*`).catch(() => [] as string[]))];
    if (keys.length) await redis.del(...keys);
    redis?.disconnect();
    await wechat?.stop();
    await s3?.stop();
    await db?.drop();
  });

  it('migrates once under a lock when two release steps start at the same moment, and seeds nothing', async () => {
    const migrate = () => runCommand(process.execPath, ['scripts/db.mjs', 'migrate'], { env });
    const [one, two] = await Promise.all([migrate(), migrate()]);
    expect([one, two].map((r) => (r.code === 0 ? 0 : r.out))).toEqual([0, 0]);
    const c = await createConnection(db.databaseUrl!);
    try {
      const [rows] = await c.query('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name HAVING n > 1');
      expect(rows).toEqual([]);
      const [[{ users }]] = (await c.query('SELECT COUNT(*) AS users FROM user')) as any;
      expect(Number(users)).toBe(0);
    } finally {
      await c.end();
    }
  });

  it('creates the first admin from standard input', async () => {
    const r = await runCommand(process.execPath, ['scripts/db.mjs', 'create-admin', '--username', 'cityadmin'], { env, input: `${ADMIN_PASSWORD}\n` });
    expect(r.code).toBe(0);
    const again = await runCommand(process.execPath, ['scripts/db.mjs', 'create-admin', '--username', 'cityadmin'], { env, input: `${ADMIN_PASSWORD}\n` });
    expect(again.code).not.toBe(0);
  });

  it('starts two production instances behind nginx; demo logins are off', async () => {
    [a, b] = await Promise.all([new ApiInstance('api1', env).start(), new ApiInstance('api2', env).start()]);
    nginx = await new Nginx().start([a.port, b.port], nginxPort);
    expect((await gw('GET', '/api/health')).body).toMatchObject({ status: 'ok', db: 'up', driver: 'mysql' });
    expect((await gw('POST', '/api/auth/dev', { body: { account: 'admin' } })).status).toBe(403);
    const login = await gw('POST', '/api/auth/password', { body: { username: 'cityadmin', password: ADMIN_PASSWORD } });
    expect(login.status).toBe(200);
    admin = login.body.token;
  });

  it('the admin builds the city: areas, a staff account, an organization; a worker logs in through WeChat', async () => {
    const area = async (parentId: number | null, level: string, code: string, m: number) => {
      const r = await gw('POST', '/api/areas', { token: admin, body: { parentId, level, name: `${level}-${code}`, code, boundary: square(centre.lat, centre.lng, m) } });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    const district = await area(null, 'district', 'P130184', 8000);
    const street = await area(district, 'street', 'P130184001', 4000);
    communityId = await area(street, 'community', 'P130184001001', 2000);
    await area(communityId, 'grid', 'P13018400100101', 1000);
    const made = await gw('POST', '/api/admin/staff', { token: admin, body: { username: 'gridstaff', password: 'grid-staff-pass-1', nickname: '网格员', role: 'staff', scopeAreaIds: [street] } });
    expect(made.status).toBe(201);
    staff = (await gw('POST', '/api/auth/password', { body: { username: 'gridstaff', password: 'grid-staff-pass-1' } })).body.token;
    expect(staff).toBeTruthy();
    const login = await gw('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('prod-worker-1') } });
    expect(login.status).toBe(200);
    worker = { token: login.body.token, id: login.body.user.id };
  });

  it('journey 随手拍: a photo lands in S3 and is served back, the report is accepted on one instance and the points show on both', async () => {
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 120, b: 200 } } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
    const up = await fetch(`${nginx.url}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${worker.token}` }, body: form });
    expect(up.status).toBe(201);
    const photo = (await up.json()) as { id: number; url: string };
    const stored = readdirSync(s3.directoryPath, { recursive: true }).map(String).filter((f) => statSync(join(s3.directoryPath, f)).isFile());
    expect(stored.filter((f) => f.includes(s3.bucket)).length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 2; i++) {
      const served = await fetch(new URL(photo.url, nginx.url));
      expect(served.status).toBe(200);
      expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).format).toBe('jpeg');
    }
    const before = { submitted: await business('report_submitted'), accepted: await business('report_accepted'), points: await business('points_awarded') };
    const key = randomUUID();
    const report = await gw('POST', '/api/reports', { token: worker.token, headers: { 'idempotency-key': key }, body: { category: 'traffic', description: '路口电动车逆行', ...centre, mediaIds: [photo.id] } });
    expect(report.status).toBe(201);
    // The same key again (a client's retry) is the same report, and is not counted twice.
    const retry = await gw('POST', '/api/reports', { token: worker.token, headers: { 'idempotency-key': key }, body: { category: 'traffic', description: '路口电动车逆行', ...centre, mediaIds: [photo.id] } });
    expect(retry.body.id).toBe(report.body.id);
    const accepted = await call(a.url, 'POST', `/api/reports/${report.body.id}/accept`, { token: staff, body: { points: 8 } });
    expect(accepted.status).toBe(200);
    for (const via of [a, b]) expect((await call(via.url, 'GET', '/api/me', { token: worker.token })).body.pointsBalance).toBe(8);
    // The business counters Prometheus sums over the instances moved by exactly what happened.
    expect({ submitted: await business('report_submitted'), accepted: await business('report_accepted'), points: await business('points_awarded') }).toEqual({
      submitted: before.submitted + 1,
      accepted: before.accepted + 1,
      points: before.points + 8,
    });
  });

  it('journey 报到: membership verified on one instance, check-in on the other, recorded once', async () => {
    const org = await gw('POST', '/api/organizations', { token: staff, body: { areaId: communityId, name: '试点社区党委' } });
    expect(org.status).toBe(201);
    const m = await call(a.url, 'POST', '/api/memberships', { token: worker.token, body: { organizationId: org.body.id, role: 'residence' } });
    expect(m.status).toBe(201);
    expect((await call(b.url, 'POST', `/api/memberships/${m.body.id}/verify`, { token: staff })).status).toBe(200);
    const act = await call(a.url, 'POST', '/api/activities', {
      token: staff,
      body: { organizationId: org.body.id, type: 'meeting', title: '组织生活会', startsAt: new Date(Date.now() - 600_000).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString(), ...centre },
    });
    expect(act.status).toBe(201);
    const qr = (await call(a.url, 'GET', `/api/activities/${act.body.id}/qr-token`, { token: staff })).body.token;
    const body = { token: qr, ...centre, accuracyM: 10 };
    const checkInsBefore = await business('check_in');
    const [first, second] = await Promise.all([a, b].map((via) => call(via.url, 'POST', `/api/activities/${act.body.id}/check-ins`, { token: worker.token, body })));
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);
    expect(await business('check_in')).toBe(checkInsBefore + 1);
  });

  it('a station created or suspended through one instance shows in the other\'s nearby within one second', async () => {
    const hours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' }));
    const nearby = async () => ((await call(b.url, 'GET', `/api/stations/nearby?lat=${centre.lat}&lng=${centre.lng}&radius=500`, { token: worker.token })).body.items as Array<{ id: number }>).map((s) => s.id);
    expect(await nearby()).toEqual([]);
    const created = await call(a.url, 'POST', '/api/stations', {
      token: staff,
      body: { name: '试点爱心驿站', kind: 'rest_station', hostUnit: '试点单位', address: '试点路1号', ...centre, amenities: ['drinking_water'], hours, areaId: communityId },
    });
    expect(created.status).toBe(201);
    const seen = await within(1000, async () => (await nearby()).includes(created.body.id));
    if (!seen) console.error('nearby on B', JSON.stringify((await call(b.url, 'GET', `/api/stations/nearby?lat=${centre.lat}&lng=${centre.lng}&radius=500`, { token: worker.token })).body), b.log.slice(-3000));
    expect(seen).toBe(true);
    expect((await call(a.url, 'POST', `/api/stations/${created.body.id}/suspend`, { token: staff })).status).toBe(200);
    expect(await within(1000, async () => !(await nearby()).includes(created.body.id))).toBe(true);
  });

  it('an account disabled through one instance is refused by the other within one second', async () => {
    const other = await gw('POST', '/api/auth/wechat', { body: { code: wechat.issueCode('prod-worker-2') } });
    const token = other.body.token as string;
    expect((await call(b.url, 'GET', '/api/me', { token })).status).toBe(200);
    expect((await call(a.url, 'POST', `/api/admin/users/${other.body.user.id}/disable`, { token: admin })).status).toBe(200);
    expect(await within(1000, async () => (await call(b.url, 'GET', '/api/me', { token })).status === 403)).toBe(true);
  });

  it('one instance killed mid-run (SIGKILL) loses no acknowledged write, and nginx keeps serving from the other', async () => {
    const keys = Array.from({ length: 24 }, () => randomUUID());
    const photoIds: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: i * 10, g: 80, b: 40 } } }).jpeg().toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'p.jpg');
      const up = await fetch(`${nginx.url}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${worker.token}` }, body: form });
      photoIds.push(((await up.json()) as { id: number }).id);
    }
    const submit = (i: number) =>
      gw('POST', '/api/reports', { token: worker.token, headers: { 'idempotency-key': keys[i] }, body: { category: 'traffic', description: `第${i}条`, ...centre, mediaIds: [photoIds[i]] } }).catch(() => ({ status: 0, body: null }) as unknown as Res);
    const pending: Array<Promise<Res>> = [];
    for (let i = 0; i < keys.length; i++) {
      pending.push(submit(i));
      if (i === 8) void b.kill('SIGKILL');
      await sleep(15);
    }
    const results = await Promise.all(pending);
    expect((await b.exit).signal).toBe('SIGKILL');
    const acknowledged = results.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 201 || r.status === 200);
    expect(acknowledged.length).toBeGreaterThan(keys.length / 2);
    // Every acknowledged report is there; anything refused mid-kill is retried with its key and lands exactly once.
    for (const { r } of acknowledged) expect((await gw('GET', `/api/reports/${r.body.id}`, { token: worker.token })).status).toBe(200);
    for (let i = 0; i < keys.length; i++) if (!acknowledged.some((x) => x.i === i)) expect([200, 201]).toContain((await submit(i)).status);
    // Sending every key once more replays the stored answers: the same ids, no new report.
    const again = await Promise.all(keys.map((_, i) => submit(i)));
    expect(again.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(again.map((r) => r.body.id)).size).toBe(keys.length);
    for (const { r, i } of acknowledged) expect(again[i].body.id).toBe(r.body.id);
    const c = await createConnection(db.databaseUrl!);
    try {
      const [[{ n }]] = (await c.query("SELECT COUNT(*) AS n FROM report WHERE reporterId = ? AND description LIKE '第%条'", [worker.id])) as any;
      expect(Number(n)).toBe(keys.length);
    } finally {
      await c.end();
    }
    for (let i = 0; i < 10; i++) expect((await gw('GET', '/api/health')).status).toBe(200);
  });

  it('a restarted instance rejoins; SIGTERM drains it (readiness 503) while nginx answers every request', async () => {
    await b.start(b.port);
    // nginx took the killed replica out for fail_timeout (deploy/nginx.conf: 3 s); after that it is tried again.
    await sleep(3500);
    const loop = (async () => {
      const statuses: number[] = [];
      const until = Date.now() + 4000;
      while (Date.now() < until) statuses.push((await gw('GET', '/api/stations/nearby?lat=38.3435&lng=114.6839', { token: worker.token })).status);
      return statuses;
    })();
    await sleep(300);
    const exited = a.kill('SIGTERM');
    expect(await within(1500, async () => (await call(a.url, 'GET', '/api/health').catch(() => ({ status: 0, body: null }) as unknown as Res)).body?.status === 'draining')).toBe(true);
    const statuses = await loop;
    // Nest re-raises the signal once the app has closed: ended by SIGTERM after the drain, not killed.
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await a.start(a.port);
  });

  it('the metrics count what happened, for Prometheus with its token', async () => {
    const scrape = async (via: ApiInstance) => (await fetch(`${via.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect((await fetch(`${nginx.url}/api/metrics`)).status).toBe(403);
    const text = await scrape(b);
    expect(text).toMatch(/xjy_http_requests_total\{[^}]*route="\/api\/stations\/nearby"/);
  });

  it('a login rate limit of N per minute is N across both instances, keyed on the real client address, not a spoofed X-Forwarded-For', async () => {
    // The storage wraps each key in braces (a Redis Cluster hash tag): {<prefix>throttle:…}:hits.
    const stale = await redis.keys(`{${prefix}throttle:*`);
    if (stale.length) await redis.del(...stale);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 4; i++) {
      const spoof = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      statuses.push((await gw('POST', '/api/auth/password', { body: { username: 'cityadmin', password: 'wrong-password-xx' }, headers: spoof })).status);
    }
    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429, 429, 429, 429]);
  });
});
