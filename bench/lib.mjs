// Helpers for benchmarks: start the built server on a free port, load it with autocannon, write results.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts server/dist/main.js with its own data dir (embedded DB unless DATABASE_URL is given) and waits for readiness. */
export async function startServer(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'xjy-bench-'));
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '1', RATE_LIMIT_WRITE_PER_MIN: '1000000', RATE_LIMIT_LOGIN_PER_MIN: '1000000', RATE_LIMIT_CHECKIN_PER_MIN: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.resume();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('server did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** One autocannon run; returns requests/s and latency percentiles in ms. */
export async function load(url, { connections = 10, duration = 5, headers = {}, method = 'GET', body } = {}) {
  const r = await autocannon({ url, connections, duration, headers, method, body, pipelining: 1 });
  const non2xx = r.non2xx + r.errors + r.timeouts;
  if (non2xx > 0) throw new Error(`${url}: ${non2xx} non-2xx/errors of ${r.requests.total}`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total };
}

export function writeResult(name, data) {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results', `${name}.json`), JSON.stringify({ measuredAt: new Date().toISOString(), ...data }, null, 2) + '\n');
}

export const ratio = (a, b) => Math.round((a / b) * 100) / 100;

/**
 * The smallest WeChat stand-in the benchmarks need: jscode2session for codes it hands out, so each simulated
 * member logs in through the real /api/auth/wechat path.
 */
export async function startFakeWechat() {
  const { createServer: createHttpServer } = await import('node:http');
  const codes = new Map();
  let n = 0;
  const server = createHttpServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/sns/jscode2session') {
      const openid = codes.get(url.searchParams.get('js_code'));
      codes.delete(url.searchParams.get('js_code'));
      res.end(JSON.stringify(openid ? { openid, session_key: 'k' } : { errcode: 40029, errmsg: 'invalid code' }));
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    env: { WECHAT_APPID: 'wx_bench', WECHAT_SECRET: 'bench_secret', WECHAT_API_BASE: `http://127.0.0.1:${server.address().port}` },
    code(openid) {
      const code = `c${++n}`;
      codes.set(code, openid);
      return code;
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
