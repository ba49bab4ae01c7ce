// 随手拍: (1) a report with one 3 MB photo end to end (upload, re-encode, store, create) against a bare node:http
// upload of the same bytes to disk in the same run; (2) 1,000 submitted reports accepted concurrently by 10 staff
// accounts: exactly one award each, balances equal the ledger, accept latency. Staff work in pairs on the same
// reports in the same order, so every report is accepted by two staff at the same moment (a real race: one wins,
// the other gets 409); the reports come from 100 reporters in a fixed pseudo-random order.
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mariadbCpuMs, percentile, processCpuMs, ratio, ROOT, startFakeWechat, startServer, writeResult } from './lib.mjs';

const serverRequire = createRequire(join(ROOT, 'server/package.json'));
const sharp = serverRequire('sharp');
const PHOTO_RUNS = Number(process.env.BENCH_PHOTO_RUNS ?? 20);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1000);
const STAFF = 10;
const REPORTERS = 100;
const DRIVERS = (process.env.BENCH_DRIVERS ?? 'mysql,embedded').split(',');
const MYSQL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

const round2 = (x) => Math.round(x * 100) / 100;

/** InnoDB counters, to show the races reached the database (rollbacks, row lock waits) and no deadlock was retried. */
async function mysqlStatus() {
  const c = await serverRequire('mysql2/promise').createConnection(MYSQL);
  const [rows] = await c.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_commit', 'Com_rollback', 'Innodb_row_lock_waits', 'Innodb_row_lock_time', 'Innodb_deadlocks')");
  await c.end();
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, median: Math.round(percentile(s, 50) * 10) / 10, p95: Math.round(percentile(s, 95) * 10) / 10, p99: Math.round(percentile(s, 99) * 10) / 10, max: Math.round(s[s.length - 1] * 10) / 10 };
};

/** A phone-like JPEG of about 3 MB: noise keeps the encoder honest, so re-encoding does real work. */
async function threeMegabytePhoto() {
  let side = 2200;
  for (;;) {
    const w = side;
    const h = Math.round((side * 3) / 4);
    const buf = await sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: 'BenchPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 20/1 0/1' } })
      .toBuffer();
    const mb = buf.length / 1024 / 1024;
    if (mb >= 2.9 && mb <= 3.1) return buf;
    side = Math.round(side * Math.sqrt(3 / mb));
  }
}

function multipart(bytes) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
  return form;
}

/** The reference: the same multipart body to a bare node:http endpoint that writes it to a file. */
async function startPlainUpload(dir) {
  let n = 0;
  const server = createServer((req, res) => {
    const out = createWriteStream(join(dir, `upload-${++n}.bin`));
    req.pipe(out);
    out.on('finish', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: n }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/upload`, stop: () => new Promise((r) => server.close(r)) };
}

async function json(res) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

function client(url) {
  return {
    post: (path, token, body, headers = {}) =>
      fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body: JSON.stringify(body ?? {}) }),
    get: (path, token) => fetch(url + path, { headers: { authorization: `Bearer ${token}` } }),
    upload: (token, bytes) => fetch(`${url}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: multipart(bytes) }),
  };
}

/**
 * The load generator shares the machine's two cores with the server and MariaDB, so the timed phase uses
 * node:http with kept-alive sockets rather than fetch, which costs the client several times more per request.
 */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });
function lightPost(base, path, token, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization: `Bearer ${token}` } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function pool(items, concurrency, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

async function photoBenchmark(url, token, photo, at) {
  const api = client(url);
  const dir = mkdtempSync(join(tmpdir(), 'xjy-plain-'));
  const plain = await startPlainUpload(dir);
  const full = [];
  const reference = [];
  try {
    // One warm-up of each, then alternate so both see the same machine state.
    await json(await fetch(plain.url, { method: 'POST', body: multipart(photo) }));
    await json(await api.upload(token, photo));
    for (let i = 0; i < PHOTO_RUNS; i++) {
      let t0 = performance.now();
      await json(await fetch(plain.url, { method: 'POST', body: multipart(photo) }));
      reference.push(performance.now() - t0);
      t0 = performance.now();
      const media = await json(await api.upload(token, photo));
      await json(await api.post('/api/reports', token, { category: 'environment', description: `基准测试 ${i}`, lat: at.lat, lng: at.lng, mediaIds: [media.id] }, { 'idempotency-key': randomUUID() }));
      full.push(performance.now() - t0);
    }
  } finally {
    await plain.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const f = stats(full);
  const r = stats(reference);
  return { photoBytes: photo.length, runs: PHOTO_RUNS, reportWithPhotoMs: f, plainUploadMs: r, medianRatio: ratio(f.median, r.median), p95Ratio: ratio(f.p95, r.p95) };
}

async function acceptBenchmark(server, wechat, at, driver) {
  const api = client(server.url);
  const adminToken = (await json(await api.post('/api/auth/dev', null, { account: 'admin' }))).token;
  const areas = await json(await api.get('/api/areas', adminToken));
  const city = areas.items.find((a) => a.code === '130184');
  const streets = await json(await api.get(`/api/areas?parentId=${city.id}`, adminToken));
  const street = streets.items.find((a) => a.code === '130184001');
  const suffix = randomBytes(3).toString('hex');
  const staff = [];
  for (let i = 0; i < STAFF; i++) {
    const username = `bench${suffix}${i}`;
    await json(await api.post('/api/admin/staff', adminToken, { username, password: 'bench-pass-2026', nickname: `基准${i}`, role: 'staff', scopeAreaIds: [street.id] }));
    staff.push((await json(await api.post('/api/auth/password', null, { username, password: 'bench-pass-2026' }))).token);
  }
  const reporters = [];
  for (let i = 0; i < REPORTERS; i++) {
    const login = await json(await api.post('/api/auth/wechat', null, { code: wechat.code(`bench-${suffix}-${i}`) }));
    reporters.push({ token: login.token, id: login.user.id });
  }
  const small = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a6' } }).jpeg().toBuffer();
  const reports = [];
  let seed = 20261122;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const reporterOf = Array.from({ length: REPORTS }, () => Math.floor(rand() * REPORTERS));
  const t0 = performance.now();
  await pool(
    Array.from({ length: REPORTS }, (_, i) => i),
    10,
    async (i) => {
      const who = reporters[reporterOf[i]];
      const media = await json(await api.upload(who.token, small));
      const r = await json(
        await api.post('/api/reports', who.token, { category: 'traffic', description: `并发采纳 ${i}`, lat: at.lat + (i % 50) * 1e-5, lng: at.lng, mediaIds: [media.id] }, { 'idempotency-key': `bench-${suffix}-${i}` }),
      );
      reports.push({ id: r.id, reporter: who, points: 5 + (i % 4) });
    },
  );
  const createSeconds = (performance.now() - t0) / 1000;

  // Staff 2p and 2p+1 walk slice p together, step by step: each report is accepted by both at the same moment.
  reports.sort((a, b) => a.id - b.id);
  const pairs = STAFF / 2;
  const slice = Math.ceil(REPORTS / pairs);
  const okMs = [];
  const conflictMs = [];
  const unexpected = [];
  const status0 = driver === 'mysql' ? await mysqlStatus() : null;
  const cpu0 = { server: processCpuMs(server.pid), db: mariadbCpuMs() };
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: pairs }, async (_, p) => {
      for (const r of reports.slice(p * slice, (p + 1) * slice)) {
        await Promise.all([staff[2 * p], staff[2 * p + 1]].map((token) => attempt(token, r)));
      }
    }),
  );
  const acceptSeconds = (performance.now() - t1) / 1000;
  const requests = okMs.length + conflictMs.length + unexpected.length;
  const cpuMsPerRequest = { server: round2((processCpuMs(server.pid) - cpu0.server) / requests), mariadb: round2((mariadbCpuMs() - cpu0.db) / requests) };
  const status1 = status0 ? await mysqlStatus() : null;
  const mysql = status1 ? Object.fromEntries(Object.keys(status1).map((k) => [k, status1[k] - status0[k]])) : null;

  async function attempt(token, r) {
    const s = performance.now();
    const res = await lightPost(server.url, `/api/reports/${r.id}/accept`, token, { points: r.points });
    const ms = performance.now() - s;
    if (res.status === 200) okMs.push(ms);
    else if (res.status === 409) conflictMs.push(ms);
    else unexpected.push(`${res.status} ${res.body.slice(0, 120)}`);
  }

  // Exactly one report_accepted entry per report, and each reporter's balance equals the sum of their entries.
  const ids = new Set(reports.map((r) => r.id));
  let entries = 0;
  let balanceMismatches = 0;
  for (const who of reporters) {
    let cursor = null;
    const mine = [];
    do {
      const page = await json(await api.get(`/api/points/entries${cursor ? `?cursor=${cursor}` : ''}`, who.token));
      mine.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    entries += mine.filter((e) => e.reason === 'report_accepted' && e.sourceType === 'report' && ids.has(e.sourceId)).length;
    const { balance } = await json(await api.get('/api/points/me', who.token));
    const expected = reports.filter((r) => r.reporter === who).reduce((s, r) => s + r.points, 0);
    if (balance !== mine.reduce((s, e) => s + e.delta, 0) || balance !== expected) balanceMismatches++;
  }
  const reconcile = await json(await api.post('/api/admin/points/reconcile', adminToken));
  return {
    reports: REPORTS,
    staffAccounts: STAFF,
    reporters: REPORTERS,
    createSeconds: Math.round(createSeconds * 10) / 10,
    acceptRequests: okMs.length + conflictMs.length + unexpected.length,
    accepted: okMs.length,
    refusedAsAlreadyAccepted: conflictMs.length,
    unexpected: unexpected.slice(0, 5),
    acceptSeconds: Math.round(acceptSeconds * 10) / 10,
    acceptMs: stats(okMs),
    cpuMsPerRequest,
    // MySQL only: a rollback is a loser that reached the transaction, i.e. a race decided by the row lock.
    mysql,
    conflictMs: stats(conflictMs),
    ledgerEntries: entries,
    balanceMismatches,
    reconcile: { checkedUsers: reconcile.checkedUsers, mismatches: reconcile.mismatches.length },
    exactlyOnce: entries === REPORTS && okMs.length === REPORTS,
    p99Within50ms: stats(okMs).p99 <= 50,
  };
}

async function run(driver, photo) {
  let dropDb = async () => undefined;
  const env = { REPORT_POINTS_DAILY_CAP: '100000' };
  if (driver === 'mysql') {
    const mysql = serverRequire('mysql2/promise');
    const name = `xjy_bench_${randomBytes(4).toString('hex')}`;
    const c = await mysql.createConnection(MYSQL);
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
    env.DATABASE_URL = `${MYSQL.replace(/\/+$/, '')}/${name}`;
    env.DB_POOL_SIZE = '20';
    dropDb = async () => {
      const d = await mysql.createConnection(MYSQL);
      await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await d.end();
    };
  }
  const wechat = await startFakeWechat();
  const server = await startServer({ ...env, ...wechat.env });
  try {
    const api = client(server.url);
    const streamer = (await json(await api.post('/api/auth/dev', null, { account: 'streamer' }))).token;
    // The centre of grid 13018400100101 (新乐 长寿街道), in the demo staff's scope.
    const at = { lat: 38.3273, lng: 114.6409 };
    const photoResult = await photoBenchmark(server.url, streamer, photo, at);
    const acceptResult = await acceptBenchmark(server, wechat, at, driver);
    return { driver, photo: photoResult, accept: acceptResult };
  } finally {
    await server.stop();
    await wechat.stop();
    await dropDb();
  }
}

const photo = await threeMegabytePhoto();
const results = [];
for (const driver of DRIVERS) {
  const r = await run(driver, photo);
  results.push(r);
  const p = r.photo;
  const a = r.accept;
  console.log(`reports (${driver})`);
  console.log(
    `  report with one ${(p.photoBytes / 1024 / 1024).toFixed(2)} MB photo: median ${p.reportWithPhotoMs.median} ms, p95 ${p.reportWithPhotoMs.p95} ms | plain upload to disk: median ${p.plainUploadMs.median} ms, p95 ${p.plainUploadMs.p95} ms | ratio ${p.medianRatio}× (median), ${p.p95Ratio}× (p95)`,
  );
  console.log(
    `  ${a.reports} reports accepted by ${a.staffAccounts} staff (each by 2 at once): ${a.accepted} accepted, ${a.refusedAsAlreadyAccepted} × 409, ${a.unexpected.length} unexpected | ledger entries ${a.ledgerEntries} | balance mismatches ${a.balanceMismatches} | reconcile mismatches ${a.reconcile.mismatches} | accept p50 ${a.acceptMs.median} ms p99 ${a.acceptMs.p99} ms (409 p99 ${a.conflictMs.p99} ms) in ${a.acceptSeconds} s | CPU per request: server ${a.cpuMsPerRequest.server} ms, MariaDB ${a.cpuMsPerRequest.mariadb} ms${a.mysql ? ` | InnoDB: ${a.mysql.Com_rollback} races lost inside a transaction, ${a.mysql.Innodb_row_lock_waits} row lock waits, ${a.mysql.Innodb_deadlocks} deadlocks` : ''}`,
  );
}
writeResult('reports', { results });
