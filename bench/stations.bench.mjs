// Stations: `nearby` over 100,000 generated stations against the same server's liveness, against the same query
// through an ordinary Nest controller (the reason the fast route exists; mounted by BENCH_PLAIN_NEARBY=1 in this
// bench's server only), and against the nearby query done the MySQL way (MariaDB POINT + SPATIAL index +
// MBRContains + ST_Distance_Sphere), all in the same run.
// Riders' confirmations are written throughout the measurements (BENCH_CONFIRM_PER_S, default 20/s), each one a
// transaction plus an index update, so nearby is measured while the freshness it reports keeps changing.
// Also how the in-process index's memory grows from 10k to 1M stations (each size built in its own child process).
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ratio, ROOT, startServer, writeResult } from './lib.mjs';
import { CITY, generateStations, prng, randomPoint } from './stations-data.mjs';

const N = Number(process.env.BENCH_STATIONS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MYSQL_URL = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const CONFIRM_PER_S = Number(process.env.BENCH_CONFIRM_PER_S ?? 20);
const MEMORY_SIZES = (process.env.BENCH_MEMORY_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const require = createRequire(join(ROOT, 'server/package.json'));
const log = (s) => console.log(`  ${s}`);

/** Random nearby queries over the city: radius 1000 m, limit 20. */
function paths(prefix, count = 20_000) {
  const rand = prng(99);
  return Array.from({ length: count }, () => {
    const p = randomPoint(rand);
    return `${prefix}?lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}&radius=1000&limit=20`;
  });
}

async function run(url, { connections, headers = {}, list }) {
  let i = 0;
  const r = await autocannon({
    url,
    connections,
    duration: DURATION,
    headers,
    pipelining: 1,
    requests: list ? [{ method: 'GET', setupRequest: (req) => ({ ...req, path: list[i++ % list.length] }) }] : undefined,
  });
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) throw new Error(`${url}: ${bad} non-2xx/errors of ${r.requests.total}`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total };
}

/** The bench-only bulk path: the server's own entities and data source, into a throwaway embedded database. */
async function buildEmbeddedDb(file) {
  require('reflect-metadata');
  const { loadConfig } = require(join(ROOT, 'server/dist/config/app.config.js'));
  const { dataSourceOptions } = require(join(ROOT, 'server/dist/database/data-source.js'));
  const { seedDemo } = require(join(ROOT, 'server/dist/database/seeds/demo.seed.js'));
  const { Station } = require(join(ROOT, 'server/dist/modules/stations/station.entity.js'));
  const { Area } = require(join(ROOT, 'server/dist/modules/areas/area.entity.js'));
  const { DataSource } = require('typeorm');
  const config = loadConfig({ NODE_ENV: 'development', EMBEDDED_DB_FILE: file });
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  await ds.runMigrations();
  await seedDemo(ds);
  const area = await ds.getRepository(Area).findOneByOrFail({ code: '130184001001' });
  const now = new Date();
  await ds.transaction(async (m) => {
    let batch = [];
    for (const s of generateStations(N)) {
      // Confirmed ten days ago: the confirmations written during the run make some of them fresher.
      batch.push({ ...s, phone: null, photoMediaIds: [], status: 'active', areaId: area.id, lastConfirmedAt: new Date(now.getTime() - 10 * 86_400_000) });
      if (batch.length === 500) {
        await m.getRepository(Station).insert(batch);
        batch = [];
      }
    }
    if (batch.length) await m.getRepository(Station).insert(batch);
  });
  const count = await ds.getRepository(Station).count();
  await ds.destroy();
  return count;
}

/** A throwaway MariaDB database holding the same points in a POINT NOT NULL SRID 4326 column with a SPATIAL index. */
async function buildReferenceDb(name) {
  const mysql = require('mysql2/promise');
  const c = await mysql.createConnection(MYSQL_URL);
  await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.query(`USE \`${name}\``);
  await c.query(`CREATE TABLE station_ref (
    id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, kind VARCHAR(24) NOT NULL, lat DOUBLE NOT NULL, lng DOUBLE NOT NULL,
    amenities TEXT NOT NULL, address VARCHAR(128) NOT NULL, pt POINT REF_SYSTEM_ID=4326 NOT NULL, SPATIAL INDEX idx_station_ref_pt (pt)
  ) ENGINE=InnoDB`);
  let id = 0;
  let rows = [];
  const flush = async () => {
    if (!rows.length) return;
    await c.query(`INSERT INTO station_ref (id, name, kind, lat, lng, amenities, address, pt) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ST_GeomFromText(?, 4326))').join(',')}`, rows.flat());
    rows = [];
  };
  for (const s of generateStations(N)) {
    rows.push([++id, s.name, s.kind, s.lat, s.lng, JSON.stringify(s.amenities), s.address, `POINT(${s.lng} ${s.lat})`]);
    if (rows.length === 1000) await flush();
  }
  await flush();
  await c.query('ANALYZE TABLE station_ref');
  await c.end();
  return id;
}

async function dropReferenceDb(name) {
  const mysql = require('mysql2/promise');
  const c = await mysql.createConnection(MYSQL_URL);
  await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await c.end();
}

async function startReference(name) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bench/stations-mariadb-ref.mjs')], { env: { ...process.env, PORT: String(port), REF_DATABASE_URL: `${MYSQL_URL}/${name}` }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

/** Stations to confirm: what nearby answers around random points (ids and positions as the server has them). */
async function confirmationPool(baseUrl, headers) {
  const rand = prng(5);
  const pool = new Map();
  for (let i = 0; i < 30; i++) {
    const p = randomPoint(rand);
    const r = await (await fetch(`${baseUrl}/api/stations/nearby?lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}&radius=5000&limit=100`, { headers })).json();
    for (const s of r.items) pool.set(s.id, { id: s.id, lat: s.lat, lng: s.lng });
  }
  return [...pool.values()];
}

/** Riders confirming random stations from where they stand, at about `perSecond`, until stopped. */
function confirmationWriter(baseUrl, tokens, pool, perSecond) {
  let stopped = false;
  const counts = { sent: 0, created: 0, refusedTooSoon: 0, failed: 0, maxMs: 0, lastCreated: null };
  const rand = prng(7);
  const loop = (async () => {
    for (let k = 0; !stopped; k++) {
      const started = Date.now();
      const s = pool[Math.floor(rand() * pool.length)];
      try {
        const r = await fetch(`${baseUrl}/api/stations/${s.id}/confirmations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[k % tokens.length]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ lat: s.lat, lng: s.lng, open: true, water: rand() < 0.5, charging: rand() < 0.5 }),
        });
        await r.arrayBuffer();
        counts.sent++;
        if (r.status === 201) {
          counts.created++;
          counts.lastCreated = { ...s, sentAt: started };
        }
        else if (r.status === 409) counts.refusedTooSoon++;
        else counts.failed++;
      } catch {
        counts.failed++;
      }
      counts.maxMs = Math.max(counts.maxMs, Date.now() - started);
      const wait = 1000 / perSecond - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    counts,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

function memoryGrowth() {
  return MEMORY_SIZES.map((n) => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', join(ROOT, 'bench/stations-index-memory.mjs'), String(n)], { encoding: 'utf8' });
    return JSON.parse(out);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'xjy-bench-stations-'));
const refDb = `xjy_bench_ref_${process.pid}`;
let server;
let reference;
try {
  console.log(`stations: ${N} generated stations over ${CITY.spanM / 1000} km × ${CITY.spanM / 1000} km around 新乐, ${DURATION}s per run, better of ${ROUNDS} interleaved rounds`);
  let t0 = Date.now();
  const inserted = await buildEmbeddedDb(join(dir, 'bench.sqlite'));
  log(`app database: ${inserted} stations (demo seed + generated) in ${Math.round((Date.now() - t0) / 1000)} s`);
  t0 = Date.now();
  await buildReferenceDb(refDb);
  log(`reference database: ${N} points with a SPATIAL index in ${Math.round((Date.now() - t0) / 1000)} s`);

  server = await startServer({ EMBEDDED_DB_FILE: join(dir, 'bench.sqlite'), SEED_DEMO: '0', BENCH_PLAIN_NEARBY: '1' });
  const login = await (await fetch(`${server.url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'rider' }) })).json();
  const auth = { authorization: `Bearer ${login.token}` };
  t0 = Date.now();
  const probe = await fetch(`${server.url}/api/stations/nearby?lat=${CITY.lat}&lng=${CITY.lng}`, { headers: auth });
  if (!probe.ok) throw new Error(`nearby probe failed: ${probe.status} ${await probe.text()}`);
  const probeItems = (await probe.json()).items.length;
  log(`index ready after ${Date.now() - t0} ms (${probeItems} stations within 1 km of the centre)`);
  const plainProbe = await fetch(`${server.url}/api/stations/nearby-plain?lat=${CITY.lat}&lng=${CITY.lng}`, { headers: auth });
  const plainBody = await plainProbe.text();
  if (!plainProbe.ok || plainBody !== JSON.stringify(await (await fetch(`${server.url}/api/stations/nearby?lat=${CITY.lat}&lng=${CITY.lng}`, { headers: auth })).json())) {
    throw new Error(`the plain Nest nearby route must answer exactly as the fast route: ${plainProbe.status} ${plainBody.slice(0, 200)}`);
  }
  if ((await fetch(`${server.url}/api/stations/nearby-plain?lat=${CITY.lat}&lng=${CITY.lng}`)).status !== 401) throw new Error('the plain Nest nearby route must keep the access policy');
  reference = await startReference(refDb);
  const refProbe = await (await fetch(`${reference.url}/nearby?lat=${CITY.lat}&lng=${CITY.lng}`)).json();
  log(`reference answers ${refProbe.items.length} items for the same probe`);

  const tokens = [auth.authorization.slice(7)];
  const streamer = await (await fetch(`${server.url}/api/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: 'streamer' }) })).json();
  tokens.push(streamer.token);
  const pool = await confirmationPool(server.url, auth);
  log(`confirmations: ${pool.length} stations to confirm, ${tokens.length} riders, about ${CONFIRM_PER_S}/s during every measured run`);

  const appPaths = paths('/api/stations/nearby');
  const plainPaths = paths('/api/stations/nearby-plain');
  const refPaths = paths('/nearby');
  // Warm both up (JIT, pools, caches) before measuring.
  await run(`${server.url}/api/stations/nearby`, { connections: 10, headers: auth, list: appPaths });
  await run(`${server.url}/api/stations/nearby-plain`, { connections: 10, headers: auth, list: plainPaths });
  await run(`${reference.url}/nearby`, { connections: 10, list: refPaths });

  // Each figure is the better of two rounds, the four runs interleaved, so a burst of noise from the shared
  // machine in one run does not decide a ratio; all four get the same treatment.
  const better = (a, b) => (b.rps > a.rps ? b : a);
  const rows = [];
  const writer = confirmationWriter(server.url, tokens, pool, CONFIRM_PER_S);
  for (const connections of [50, 10]) {
    let live = null;
    let nearby = null;
    let mariadb = null;
    let plain = null;
    for (let round = 0; round < ROUNDS; round++) {
      const l = await run(`${server.url}/api/health/live`, { connections });
      const n = await run(`${server.url}/api/stations/nearby`, { connections, headers: auth, list: appPaths });
      const p = await run(`${server.url}/api/stations/nearby-plain`, { connections, headers: auth, list: plainPaths });
      const m = await run(`${reference.url}/nearby`, { connections, list: refPaths });
      [live, nearby, plain, mariadb] = round === 0 ? [l, n, p, m] : [better(live, l), better(nearby, n), better(plain, p), better(mariadb, m)];
    }
    rows.push({
      connections,
      live,
      nearby,
      plain,
      mariadb,
      nearbyVsLive: ratio(nearby.rps, live.rps),
      nearbyVsPlainNest: ratio(nearby.rps, plain.rps),
      nearbyVsMariadb: ratio(nearby.rps, mariadb.rps),
    });
  }
  await writer.stop();
  const confirmations = writer.counts;
  if (confirmations.failed > 0) throw new Error(`${confirmations.failed} confirmations failed during the run`);
  // The index must have taken them in: the last station confirmed shows as confirmed since that request in nearby.
  const lc = confirmations.lastCreated;
  const seen = (await (await fetch(`${server.url}/api/stations/nearby?lat=${lc.lat}&lng=${lc.lng}&radius=5&limit=100`, { headers: auth })).json()).items.find((i) => i.id === lc.id);
  const indexed = Boolean(seen && Date.parse(seen.lastConfirmedAt) >= lc.sentAt - 1000 && !seen.needsConfirmation);
  if (!indexed) throw new Error(`the last confirmation (station ${lc.id}) is not in nearby: ${JSON.stringify(seen)}`);
  delete confirmations.lastCreated;
  log(`confirmations written during the runs: ${confirmations.created} stored, ${confirmations.refusedTooSoon} refused by the 6-hour rule, slowest ${confirmations.maxMs} ms; the last one shows in nearby at once`);
  for (const r of rows) {
    log(
      `${r.connections} connections: live ${r.live.rps} req/s p99 ${r.live.p99} ms | nearby ${r.nearby.rps} req/s p50 ${r.nearby.p50} ms p99 ${r.nearby.p99} ms = ${r.nearbyVsLive}× live | plain Nest controller ${r.plain.rps} req/s p99 ${r.plain.p99} ms → fast route is ${r.nearbyVsPlainNest}× it | MariaDB spatial ${r.mariadb.rps} req/s p99 ${r.mariadb.p99} ms → nearby is ${r.nearbyVsMariadb}× it`,
    );
  }
  const at50 = rows.find((r) => r.connections === 50);
  const at10 = rows.find((r) => r.connections === 10);
  const checks = {
    nearbyAtLeastHalfOfLiveAt50: at50.nearbyVsLive >= 0.5,
    nearbyP99AtMost5msAt10: at10.nearby.p99 <= 5,
    nearbyAtLeast5xMariadb: rows.every((r) => r.nearbyVsMariadb >= 5),
  };
  // Not a target: the figure that says whether the fast route still earns its place (≈1× would mean it does not).
  log(`fast route vs the same query through a plain Nest controller: ${rows.map((r) => `${r.nearbyVsPlainNest}× at ${r.connections} connections`).join(', ')}`);
  log(`targets: ≥ 0.5× live at 50 connections: ${checks.nearbyAtLeastHalfOfLiveAt50 ? 'met' : 'NOT met'} (${at50.nearbyVsLive}×); p99 ≤ 5 ms at 10: ${checks.nearbyP99AtMost5msAt10 ? 'met' : 'NOT met'} (${at10.nearby.p99} ms); ≥ 5× MariaDB: ${checks.nearbyAtLeast5xMariadb ? 'met' : 'NOT met'}`);

  await server.stop();
  server = null;
  await reference.stop();
  reference = null;
  const memory = memoryGrowth();
  log('index memory (built in a child process per size, after GC):');
  for (const m of memory) log(`  ${String(m.stations).padStart(8)} stations: heap +${m.heapMB} MB, typed arrays +${m.typedArraysMB} MB, RSS +${m.rssMB} MB, ~${m.bytesPerStation} B/station, built in ${m.buildMs} ms`);
  const [first, last] = [memory[0], memory[memory.length - 1]];
  // Marginal bytes per station between consecutive sizes: about equal steps mean memory grows linearly (the
  // smallest size also carries fixed costs, so totals alone would not show it). Typed arrays grow by doubling, so a
  // step may carry some spare capacity: steps within 1.5× of each other count as linear.
  const mb = (m) => m.heapMB + m.typedArraysMB;
  const steps = memory.slice(1).map((m, i) => Math.round(((mb(m) - mb(memory[i])) * 1024 * 1024) / (m.stations - memory[i].stations)));
  const linear = steps.length > 1 && Math.max(...steps) <= 1.5 * Math.min(...steps);
  log(`  growth ${first.stations} → ${last.stations}: ×${ratio(last.stations, first.stations)} stations, ×${ratio(mb(last), mb(first))} memory; each added station costs ${steps.join(' B, then ')} B${steps.length > 1 ? ` (${linear ? 'linear' : 'not linear'} in stations)` : ''}`);
  writeResult('stations', { stations: N, regionKm: CITY.spanM / 1000, durationS: DURATION, rounds: ROUNDS, radiusM: 1000, limit: 20, confirmationsPerSecond: CONFIRM_PER_S, confirmations, rows, checks, memory, memoryBytesPerAddedStation: steps, memoryLinear: linear });
} finally {
  await server?.stop();
  await reference?.stop();
  await dropReferenceDb(refDb).catch((e) => console.error(`could not drop ${refDb}: ${e.message}`));
  rmSync(dir, { recursive: true, force: true });
}
