import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(120_000);

const INDEX_HTML = `<!doctype html><html><head><script defer src="/js/app.5fbaa7be.js"></script></head><body><div id="app"></div>${' '.repeat(2000)}</body></html>`;
const APP_JS = `console.log(${JSON.stringify('驿站'.repeat(2000))});`;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request, so Accept-Encoding is exactly what the test says and the body arrives as sent. */
function get(baseUrl: string, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: 'GET', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(TEST_DRIVERS)('H5 static files: compression and caching (%s)', (driver) => {
  let t: TestApp;
  let h5Dir: string;
  beforeAll(async () => {
    h5Dir = mkdtempSync(join(tmpdir(), 'xjy-h5-static-'));
    mkdirSync(join(h5Dir, 'js'));
    writeFileSync(join(h5Dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(h5Dir, 'index.html.br'), brotliCompressSync(INDEX_HTML));
    writeFileSync(join(h5Dir, 'index.html.gz'), gzipSync(INDEX_HTML));
    writeFileSync(join(h5Dir, 'js', 'app.5fbaa7be.js'), APP_JS);
    writeFileSync(join(h5Dir, 'js', 'app.5fbaa7be.js.br'), brotliCompressSync(APP_JS));
    writeFileSync(join(h5Dir, 'js', 'app.5fbaa7be.js.gz'), gzipSync(APP_JS));
    writeFileSync(join(h5Dir, 'robots.txt'), 'User-agent: *\n');
    t = await startTestApp(driver, { H5_DIR: h5Dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('sends a hashed bundle brotli-compressed to a browser that accepts it, cached as immutable for a year', async () => {
    const res = await get(t.baseUrl, '/js/app.5fbaa7be.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5);
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(APP_JS);
  });

  it('falls back to gzip, then to the plain file, by what the client accepts', async () => {
    const gz = await get(t.baseUrl, '/js/app.5fbaa7be.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(APP_JS);
    const plain = await get(t.baseUrl, '/js/app.5fbaa7be.js', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(APP_JS);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html on every load (no-cache), at / and by name, compressed when accepted', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await get(t.baseUrl, path, { accept: 'text/html', 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.body).toString('utf8')).toBe(INDEX_HTML);
    }
    const deepLink = await get(t.baseUrl, '/pages/stations/index', { accept: 'text/html' });
    expect(deepLink.status).toBe(200);
    expect(deepLink.headers['cache-control']).toBe('no-cache');
    expect(deepLink.body.toString('utf8')).toBe(INDEX_HTML);
  });

  it('gives an unhashed file a short lifetime, and a missing asset a 404 rather than the app shell', async () => {
    const robots = await get(t.baseUrl, '/robots.txt', {});
    expect(robots.status).toBe(200);
    expect(robots.headers['cache-control']).toBe('public, max-age=3600');
    const missing = await get(t.baseUrl, '/favicon.ico', { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' });
    expect(missing.status).toBe(404);
  });
});
