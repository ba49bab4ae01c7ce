// Foundation: what the guard (token + cached user/scope), validation and a DB read cost, against liveness in the same run.
import { load, ratio, startServer, writeResult } from './lib.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const server = await startServer(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {});
try {
  const login = await (await fetch(`${server.url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'staff' }) })).json();
  const auth = { authorization: `Bearer ${login.token}` };
  const rows = [];
  for (const connections of [10, 50]) {
    const live = await load(`${server.url}/api/health/live`, { connections, duration: DURATION });
    const me = await load(`${server.url}/api/me`, { connections, duration: DURATION, headers: auth });
    const areas = await load(`${server.url}/api/areas`, { connections, duration: DURATION, headers: auth });
    rows.push({ connections, live, me, areas, meRatio: ratio(me.rps, live.rps), areasRatio: ratio(areas.rps, live.rps) });
  }
  console.log(`foundation (${process.env.BENCH_DATABASE_URL ? 'MySQL' : 'embedded'}), ${DURATION}s per run`);
  for (const r of rows) {
    console.log(`  ${r.connections} connections: live ${r.live.rps} req/s p99 ${r.live.p99} ms | GET /api/me ${r.me.rps} req/s p99 ${r.me.p99} ms = ${r.meRatio}× live | GET /api/areas ${r.areas.rps} req/s p99 ${r.areas.p99} ms = ${r.areasRatio}× live`);
  }
  writeResult('foundation', { driver: process.env.BENCH_DATABASE_URL ? 'mysql' : 'embedded', durationS: DURATION, rows });
} finally {
  await server.stop();
}
