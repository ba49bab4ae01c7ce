import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { registeredRoutes } from '../../src/app.factory';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS, TEST_MYSQL_URL } from '../support/test-db';

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  oneOf?: unknown[];
}
interface OpenApiOperation {
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

describe.each(TEST_DRIVERS)('health and docs (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  }, 60_000);
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

  it('OpenAPI gives every operation a 2xx response schema and documents its errors with the error body', async () => {
    const doc = (await t.http('GET', '/api/docs-json')).body as OpenApiDoc;
    const problems: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        const name = `${method.toUpperCase()} ${path}`;
        const responses = op.responses ?? {};
        const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
        if (!success.length) problems.push(`${name}: no 2xx response`);
        for (const [status, r] of success) {
          if (status === '204') continue;
          const schemas = Object.values(r.content ?? {}).map((c) => c.schema);
          if (!schemas.length || schemas.some((sc) => !sc || (!sc.$ref && !sc.type && !sc.oneOf))) problems.push(`${name}: ${status} has no schema`);
        }
        const errorRef = (status: string) => responses[status]?.content?.['application/json']?.schema?.$ref === '#/components/schemas/ErrorBodyDto';
        const needed = [
          ...(op.security?.length ? ['401'] : []),
          ...(op.parameters?.length || op.requestBody ? ['400'] : []),
          ...(/\{\w+\}/.test(path) ? ['404'] : []),
        ];
        for (const status of needed) if (!errorRef(status)) problems.push(`${name}: ${status} not documented with ErrorBodyDto`);
        for (const status of Object.keys(responses)) {
          if (/^[45]\d\d$/.test(status) && !errorRef(status) && name !== 'GET /api/health') problems.push(`${name}: ${status} is not an ErrorBodyDto`);
        }
      }
    }
    expect(operations).toBeGreaterThan(80);
    expect(problems).toEqual([]);
  });

  it('Spectral (spectral:oas) reports no error and no warning but missing descriptions on the OpenAPI document', async () => {
    const doc = (await t.http('GET', '/api/docs-json')).body;
    const dir = mkdtempSync(join(tmpdir(), 'xjy-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const bin = join(__dirname, '../../../node_modules/.bin/spectral');
      const ruleset = join(__dirname, '../support/spectral.yaml');
      // Spectral exits 1 when it finds errors; the JSON on stdout is what is asserted either way.
      const out = await promisify(execFile)(bin, ['lint', file, '--ruleset', ruleset, '--format', 'json', '--quiet'], { maxBuffer: 64 * 1024 * 1024 }).catch(
        (e: { stdout?: string; stderr?: string }) => {
          if (!e.stdout) throw new Error(`spectral failed: ${e.stderr}`);
          return { stdout: e.stdout };
        },
      );
      const findings = JSON.parse(out.stdout || '[]') as Array<{ code: string; message: string; path: string[]; severity: number }>;
      const describe = (f: (typeof findings)[number]) => `${f.code} at ${f.path.join('.')}: ${f.message}`;
      expect(findings.filter((f) => f.severity === 0).map(describe)).toEqual([]);
      // Warnings too, except that not every operation has a long description beside its summary.
      expect(findings.filter((f) => f.severity === 1 && f.code !== 'operation-description').map(describe)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
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
  }, 60_000);
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
