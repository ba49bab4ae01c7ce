// Helpers for benchmarks: start the built server on a free port, load it with autocannon, write results.
import autocannon from 'autocannon';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startBuiltServer } from '../scripts/lib/built-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export { freePort };

/** The built server with rate limits lifted, so the load generator measures the work and not the throttler. */
export function startServer(env = {}) {
  return startBuiltServer(
    { RATE_LIMIT_WRITE_PER_MIN: '1000000', RATE_LIMIT_LOGIN_PER_MIN: '1000000', RATE_LIMIT_CHECKIN_PER_MIN: '1000000', ...env },
    { tmpPrefix: 'xjy-bench-' },
  );
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

/** CPU time (user + system) a process has used so far, in ms, from /proc; 0 once it is gone. */
export function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

/** CPU time used so far by the local MariaDB server (mariadbd or mysqld), in ms. */
export function mariadbCpuMs() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'mariadbd' || comm === 'mysqld') total += processCpuMs(pid);
    } catch {
      /* gone */
    }
  }
  return total;
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
