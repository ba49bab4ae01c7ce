import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passwordHashing } from '../../src/modules/auth/password';
import { photoWithExif } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(120_000);

const INLINE_SCRIPT = 'window.__boot=1;';
const INDEX_HTML = `<!doctype html><html><head><script>${INLINE_SCRIPT}</script><script src="/js/app.js"></script></head><body><div id="app"></div></body></html>`;

/** A raw HTTP request, so Host and X-Forwarded-* can be set to anything a client could send. */
function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function multipart(bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----x${randomUUID()}`;
  const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="p.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`);
  return { body: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

function expectBaseHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe.each(TEST_DRIVERS)('security headers and the public origin (%s)', (driver) => {
  let t: TestApp;
  let h5Dir: string;
  beforeAll(async () => {
    h5Dir = mkdtempSync(join(tmpdir(), 'xjy-h5-'));
    mkdirSync(join(h5Dir, 'js'));
    writeFileSync(join(h5Dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(h5Dir, 'js', 'app.js'), 'console.log(1)');
    t = await startTestApp(driver, { H5_DIR: h5Dir, PUBLIC_BASE_URL: 'https://xjy.example.cn' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('sends nosniff, a referrer policy and frame denial on API answers and on every kind of error', async () => {
    const rider = await t.loginAs('rider');
    const answers = [
      await t.http('GET', '/api/health'),
      await t.http('GET', '/api/me', { token: rider.token }),
      await t.http('GET', '/api/no-such-route'),
      await t.http('GET', '/api/me'),
      await t.http('GET', '/api/me', { token: 'not-a-token' }),
      await t.http('POST', '/api/auth/password', { rawBody: '{"username":' }),
      await t.http('POST', '/api/auth/password', { body: { username: 'x' } }),
      await t.http('GET', '/api/admin/staff', { token: rider.token }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 401, 401, 400, 400, 403]);
    for (const a of answers) expectBaseHeaders(a.headers);
  });

  it('serves the H5 app with a CSP that allows no inline script but the hash of its own boot script', async () => {
    for (const path of ['/', '/index.html', '/pages/stations/index']) {
      const res = await fetch(t.baseUrl + path, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expectBaseHeaders(res.headers);
      const csp = res.headers.get('content-security-policy')!;
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      const hash = `'sha256-${createHash('sha256').update(INLINE_SCRIPT).digest('base64')}'`;
      expect(directives.get('script-src')).toEqual(["'self'", hash]);
      expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.is.autonavi.com']);
    }
    const js = await fetch(`${t.baseUrl}/js/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps Swagger UI working under its own policy, which still allows no inline script', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs`, { redirect: 'follow' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    // Every script Swagger UI's page loads is a file, so script-src 'self' lets it run.
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc=/.test(m[1]) && m[2].trim());
    expect(inline).toEqual([]);
    const init = await fetch(`${t.baseUrl}/api/docs/swagger-ui-init.js`);
    expect(init.status).toBe(200);
  });

  it('never builds the URL WeChat checks from the Host or X-Forwarded-Host a client sends', async () => {
    const openid = `openid-host-${driver}`;
    const login = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(openid) } });
    expect(login.status).toBe(200);
    const { body, contentType } = multipart(await photoWithExif());
    const up = await rawRequest(
      t.baseUrl,
      'POST',
      '/api/media',
      { host: 'evil.example', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'http', authorization: `Bearer ${login.body.token}`, 'content-type': contentType },
      body,
    );
    expect(up.status).toBe(201);
    const media = JSON.parse(up.body) as { id: number; url: string };
    const check = t.wechat.mediaChecks.find((c) => c.openid === openid)!;
    expect(check.mediaUrl.startsWith(`https://xjy.example.cn/api/media/${media.id}/file?`)).toBe(true);
    expect(check.mediaUrl).not.toContain('evil');
    expect(media.url.startsWith('https://xjy.example.cn/api/media/')).toBe(true);
  });
});

describe.each(TEST_DRIVERS)('client address with no trusted proxy (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, { RATE_LIMIT_LOGIN_PER_MIN: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ignores X-Forwarded-For, so rotating it does not bypass the login limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.http('POST', '/api/auth/password', { body: { username: 'staff', password: 'wrong-password' }, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe.each(TEST_DRIVERS)('client address behind one trusted proxy, and bounded password hashing (%s)', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, { RATE_LIMIT_LOGIN_PER_MIN: '3', TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await t?.close();
  });
  const login = (xff: string) => t.http('POST', '/api/auth/password', { body: { username: 'staff', password: 'wrong-password' }, headers: { 'x-forwarded-for': xff } });

  it('keys the limit on the address the proxy appended (the last hop), not on what the client wrote before it', async () => {
    const spoofed: number[] = [];
    for (let i = 0; i < 5; i++) spoofed.push((await login(`198.51.100.${i + 1}, 192.0.2.10`)).status);
    expect(spoofed).toEqual([401, 401, 401, 429, 429]);
    // A different real client (another last hop) has its own budget.
    expect((await login('192.0.2.11')).status).toBe(401);
  });

  it('runs at most two password hashes at once under 80 parallel bogus logins, refusing the overflow with 503 server_busy', async () => {
    await (await import('../../src/modules/auth/password')).dummyPasswordHash();
    passwordHashing.resetPeak();
    // Each from its own client address, so the login limit does not stop them first.
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => t.http('POST', '/api/auth/password', { body: { username: i % 2 ? 'staff' : `nobody${i}`, password: 'wrong-password' }, headers: { 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` } })));
    expect(passwordHashing.stats().peak).toBeLessThanOrEqual(2);
    expect(passwordHashing.stats()).toMatchObject({ active: 0, queued: 0 });
    // How many overflow depends on how fast they arrive; every one that does is a quick, well-formed 503.
    const busy = answers.filter((a) => a.status === 503);
    for (const b of busy) expect(b.body).toMatchObject({ code: 'server_busy', message: expect.any(String) });
    expect(answers.every((a) => a.status === 401 || a.status === 503)).toBe(true);
    expect(answers.filter((a) => a.status === 401).length).toBeGreaterThanOrEqual(2);
    // The server is still answering normally afterwards.
    expect((await t.http('GET', '/api/health')).status).toBe(200);
  });
});
