import { registeredRoutes } from '../../src/app.factory';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS, TEST_MYSQL_URL } from '../support/test-db';

describe.each(TEST_DRIVERS)('health and docs (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('liveness answers without touching anything', async () => {
    const r = await t.http('GET', '/api/health/live');
    expect(r).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('readiness pings the database', async () => {
    const r = await t.http('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', db: 'up', driver: driver === 'mysql' ? 'mysql' : 'embedded' });
  });

  it('OpenAPI documents every API endpoint the server serves', async () => {
    const doc = await t.http('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    const documented = new Set(
      Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const served = registeredRoutes(t.app)
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((s) => !documented.has(s))).toEqual([]);
    const html = await fetch(`${t.baseUrl}/api/docs`);
    expect(html.status).toBe(200);
  });
});

const mysqlOnly = TEST_DRIVERS.includes('mysql') ? describe : describe.skip;
mysqlOnly('database outage (mysql behind a proxy that can be cut)', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let token: string;
  beforeAll(async () => {
    const target = new URL(TEST_MYSQL_URL);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 3306)).start();
    t = await startTestApp('mysql', (db) => {
      const url = new URL(db.databaseUrl!);
      url.host = `127.0.0.1:${proxy.port}`;
      return { DATABASE_URL: url.toString(), DB_POOL_SIZE: '4' };
    });
    token = (await t.loginAs('admin')).token;
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.stop();
  });

  it('answers 503 db_unavailable while the database is gone, keeps living, and recovers by itself', async () => {
    expect((await t.http('GET', '/api/areas', { token })).status).toBe(200);
    proxy.cut();
    const during = await t.http('GET', '/api/areas', { token });
    expect(during.status).toBe(503);
    expect(during.body.code).toBe('db_unavailable');
    expect(JSON.stringify(during.body)).not.toMatch(/ECONN|at .*\.js/);
    expect((await t.http('GET', '/api/health')).status).toBe(503);
    expect((await t.http('GET', '/api/health/live')).status).toBe(200);

    proxy.restore();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await t.http('GET', '/api/areas', { token })).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await t.http('GET', '/api/health')).status).toBe(200);
  });
});
