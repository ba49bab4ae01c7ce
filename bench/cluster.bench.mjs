// Production shape against the simplest one: two instances behind Debian's nginx (deploy/nginx.conf, round robin,
// Redis for shared state) against one instance reached directly, in the same run on the same MariaDB database.
// Measured: `nearby` requests/s at 50 connections, and report accepts/s at 10 concurrent staff requests.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureNginx } from '../scripts/lib/env.mjs';
import { startNginx } from '../scripts/lib/nginx.mjs';
import { load, ratio, ROOT, startServer, writeResult } from './lib.mjs';

const serverRequire = createRequire(join(ROOT, 'server/package.json'));
const mysql = serverRequire('mysql2/promise');
const MYSQL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACCEPTS = Number(process.env.BENCH_ACCEPTS ?? 400);

async function post(base, path, token, body) {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Copies one submitted report `n` times in SQL (fresh idempotency keys), so accepts have work without n uploads. */
async function cloneReports(c, sourceId, n) {
  const [[{ maxId }]] = await c.query('SELECT MAX(id) AS maxId FROM report');
  const [cols] = await c.query('SHOW COLUMNS FROM report');
  const names = cols.map((x) => x.Field).filter((f) => f !== 'id');
  const select = names.map((f) => (f === 'idempotencyKey' ? 'UUID()' : `\`${f}\``)).join(', ');
  for (let i = 0; i < n; i += 100) {
    const batch = Math.min(100, n - i);
    await c.query(`INSERT INTO report (${names.map((f) => `\`${f}\``).join(', ')}) SELECT ${select} FROM report JOIN (SELECT 1 FROM information_schema.columns LIMIT ${batch}) k WHERE report.id = ?`, [sourceId]);
  }
  const [rows] = await c.query('SELECT id FROM report WHERE id > ? ORDER BY id', [maxId]);
  return rows.map((r) => r.id);
}

/** Accepts `ids` with `concurrency` requests in flight; returns accepts per second (every one must be 200). */
async function acceptAll(base, token, ids, points, concurrency = 10) {
  let next = 0;
  const bad = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const r = await post(base, `/api/reports/${id}/accept`, token, { points });
        if (r.status !== 200) bad.push({ id, status: r.status, body: r.body });
      }
    }),
  );
  if (bad.length) throw new Error(`${bad.length} accepts were not 200: ${JSON.stringify(bad.slice(0, 3))}`);
  return Math.round(ids.length / ((performance.now() - t0) / 1000));
}

async function main() {
  await ensureNginx();
  const db = `xjy_bench_cluster_${Date.now().toString(36)}`;
  const admin = await mysql.createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${db}\``);
  const shared = { DATABASE_URL: `${MYSQL}/${db}`, REDIS_URL, REDIS_PREFIX: `xjy-bench-${randomUUID().slice(0, 8)}:`, TRUST_PROXY: '1' };
  const a = await startServer(shared);
  const b = await startServer({ ...shared, SEED_DEMO: '0' });
  const nginx = await startNginx([Number(new URL(a.url).port), Number(new URL(b.url).port)]);
  try {
    const rider = (await post(a.url, '/api/auth/dev', null, { account: 'rider' })).body.token;
    const staff = (await post(a.url, '/api/auth/dev', null, { account: 'staff' })).body.token;
    const nearby = '/api/stations/nearby?lat=38.3435&lng=114.6839&radius=3000&limit=20';
    const headers = { authorization: `Bearer ${rider}` };
    await load(a.url + nearby, { connections: 10, duration: 2, headers }); // warm both paths
    await load(nginx.url + nearby, { connections: 10, duration: 2, headers });
    const nearbyDirect = await load(a.url + nearby, { connections: 50, duration: 6, headers });
    const nearbyCluster = await load(nginx.url + nearby, { connections: 50, duration: 6, headers });

    const c = await mysql.createConnection(`${MYSQL}/${db}`);
    const [[source]] = await c.query("SELECT r.id, c.pointsMin FROM report r JOIN report_category c ON c.id = r.categoryId JOIN area a ON a.id = r.areaId WHERE r.status = 'submitted' AND a.path LIKE (SELECT CONCAT(path, '%') FROM area WHERE code = '130184001') ORDER BY r.id LIMIT 1");
    if (!source) throw new Error('no submitted demo report in the demo staff\'s scope to copy');
    const ids = await cloneReports(c, source.id, ACCEPTS * 2);
    await c.end();
    const acceptDirect = await acceptAll(a.url, staff, ids.slice(0, ACCEPTS), source.pointsMin);
    const acceptCluster = await acceptAll(nginx.url, staff, ids.slice(ACCEPTS, ACCEPTS * 2), source.pointsMin);

    const result = {
      nearby: { direct: nearbyDirect, cluster: nearbyCluster, ratio: ratio(nearbyCluster.rps, nearbyDirect.rps) },
      accept: { accepts: ACCEPTS, directPerS: acceptDirect, clusterPerS: acceptCluster, ratio: ratio(acceptCluster, acceptDirect) },
    };
    writeResult('cluster', result);
    console.log(`cluster (2 instances behind nginx) vs 1 instance direct, same MariaDB, Redis on:`);
    console.log(`  nearby at 50 connections: ${nearbyCluster.rps} req/s (p99 ${nearbyCluster.p99} ms) vs ${nearbyDirect.rps} req/s (p99 ${nearbyDirect.p99} ms) → ${result.nearby.ratio}×`);
    console.log(`  accept at 10 in flight: ${acceptCluster}/s vs ${acceptDirect}/s → ${result.accept.ratio}×`);
  } finally {
    await nginx.stop();
    await b.stop();
    await a.stop();
    await admin.query(`DROP DATABASE \`${db}\``);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
