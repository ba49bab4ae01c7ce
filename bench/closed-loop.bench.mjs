// 一办到底 at a county's scale (MySQL): 1,000,000 reports with 5,000,000 timeline events over a year, bulk-loaded
// from generated TSV files with LOAD DATA LOCAL INFILE, then, each against /api/health/live in the same run:
//  - the staff queue (open cases of a district, filters, cursor paging) p99 at 10 connections;
//  - the dashboard for a district over a quarter (every figure, breakdowns, stage medians);
//  - the XLSX export of about 100,000 rows, streamed, with the server's RSS growth while it streams;
//  - Open311 requests.json p99 at 10 connections.
// BENCH_LOOP_REPORTS / BENCH_LOOP_EVENTS scale it down for a quick look (the ratios then mean less).
// BENCH_LOOP_DB=name keeps the database under that name and, when it already holds the reports, measures it again
// without reloading (the server still runs any new migrations on it).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load, percentile, ratio, ROOT, startServer, writeResult } from './lib.mjs';

const serverRequire = createRequire(join(ROOT, 'server/package.json'));
const mysql = serverRequire('mysql2/promise');
const MYSQL = (process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const REPORTS = Number(process.env.BENCH_LOOP_REPORTS ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_LOOP_EVENTS ?? 5_000_000);
const EXPORT_ROWS = Number(process.env.BENCH_LOOP_EXPORT_ROWS ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const DAY = 24 * 3600_000;
const NEVER = new Date('9999-12-31T23:59:59.999Z');
const HOUR = 3600_000;
// BENCH_LOOP_ONLY=queue,dashboard,export,open311 measures only those parts.
const ONLY = process.env.BENCH_LOOP_ONLY ? process.env.BENCH_LOOP_ONLY.split(',') : null;
const wanted = (part) => !ONLY || ONLY.includes(part);
const TARGETS = { queueP99Ms: 50, dashboardMs: 300, exportRssGrowthMb: 100, open311P99Ms: 50 };

let seed = 20261202;
const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const pick = (list) => list[Math.floor(rand() * list.length)];
const round1 = (x) => Math.round(x * 10) / 10;

/** The status a case of this age ends up in (older cases are closed; recent ones still move through the loop). */
function fateOf(ageDays) {
  const r = rand();
  if (ageDays > 30) {
    if (r < 0.8) return 'resolved';
    if (r < 0.84) return 'closed';
    if (r < 0.92) return 'rejected';
    if (r < 0.97) return 'duplicate';
    if (r < 0.98) return 'withdrawn';
    return 'deferred';
  }
  const open = ['submitted', 'accepted', 'dispatched', 'handling', 'handling', 'verifying', 'deferred'];
  return r < 0.5 ? pick(open) : r < 0.9 ? 'resolved' : pick(['closed', 'rejected', 'duplicate']);
}

/** The timeline a case of this fate went through: [type, hours after the report, status after]. */
function timelineOf(status, rework, extension) {
  const t = [['created', 0, 'submitted']];
  if (['rejected', 'duplicate', 'withdrawn'].includes(status)) return [...t, [status, 3 + rand() * 20, status]];
  if (status === 'submitted') return t;
  let h = 1 + rand() * 20;
  t.push(['accepted', h, 'accepted']);
  if (status === 'accepted') return t;
  h += 0.5 + rand() * 6;
  t.push(['dispatched', h, 'dispatched']);
  if (status === 'dispatched') return t;
  h += 0.2 + rand() * 4;
  t.push(['signed', h, 'handling']);
  if (extension) t.push(['extension_approved', (h += 2 + rand() * 10), 'handling']);
  if (status === 'deferred') return [...t, ['deferral_approved', h + 5 + rand() * 24, 'deferred']];
  if (status === 'handling') return t;
  h += 4 + rand() * 60;
  t.push(['handled', h, 'verifying']);
  if (rework) {
    t.push(['rework', (h += 2 + rand() * 20), 'handling']);
    t.push(['handled', (h += 4 + rand() * 30), 'verifying']);
  }
  if (status === 'verifying') return t;
  h += 1 + rand() * 20;
  t.push(status === 'closed' ? ['closed', h, 'closed'] : ['verified', h, 'resolved']);
  return t;
}

/** A TSV field as LOAD DATA reads it: \\N for null, dates in UTC to the microsecond. */
const tsv = (v) => (v === null || v === undefined ? '\\N' : v instanceof Date ? v.toISOString().slice(0, 23).replace('T', ' ') : String(v));

/** Rows to a TSV file, waiting for the disk when it is behind. */
function tsvWriter(path) {
  const out = createWriteStream(path);
  return {
    async write(rows) {
      if (!out.write(rows.map((r) => r.map(tsv).join('\t')).join('\n') + '\n')) await once(out, 'drain');
    },
    end: () => new Promise((resolve) => out.end(resolve)),
  };
}

async function bulkLoad(url, ids) {
  const dir = mkdtempSync(join(tmpdir(), 'xjy-loop-bench-'));
  const c = await mysql.createConnection({ uri: url, multipleStatements: false, infileStreamFactory: (path) => createReadStream(path) });
  await c.query('SET foreign_key_checks = 0, unique_checks = 0');
  const t0 = performance.now();
  const now = Date.now();
  const start = now - 365 * DAY;
  const reportCols = [
    'id', 'reporterId', 'idempotencyKey', 'categoryId', 'description', 'status', 'lat', 'lng', 'areaId', 'areaPath', 'priority',
    'witnessCount', 'pointsAwarded', 'departmentId', 'acceptDueAt', 'resolveDueAt', 'reviewedAt', 'acceptedAt', 'finishedAt',
    'dispatchedById', 'stageDeadlineAt', 'reworkCount', 'extensionCount', 'deferredAt', 'outcome', 'closedAt', 'rating', 'ratedAt',
    'escalationLevel', 'escalatedAt', 'createdAt', 'updatedAt', 'queueDueAt',
  ];
  const eventCols = ['reportId', 'type', 'actorId', 'note', 'status', 'dueAt', 'createdAt'];
  let reports = [];
  let events = [];
  let eventsWritten = 0;
  // Events beyond each case's timeline (witnesses, supplements) bring the total to EVENTS.
  const reportFile = tsvWriter(join(dir, 'report.tsv'));
  const eventFile = tsvWriter(join(dir, 'report_event.tsv'));
  const flush = async (force) => {
    if (reports.length >= 5000 || (force && reports.length)) {
      await reportFile.write(reports);
      reports = [];
    }
    if (events.length >= 20000 || (force && events.length)) {
      await eventFile.write(events);
      eventsWritten += events.length;
      events = [];
    }
  };
  const baseId = ids.firstReportId;
  for (let i = 0; i < REPORTS; i++) {
    const id = baseId + i;
    const created = new Date(start + ((now - start - HOUR) * i) / REPORTS);
    const ageDays = (now - created.getTime()) / DAY;
    const status = fateOf(ageDays);
    const area = pick(ids.leaves);
    const rework = rand() < 0.03;
    const extension = rand() < 0.04;
    const timeline = timelineOf(status, rework, extension).filter(([, h]) => created.getTime() + h * HOUR < now);
    const at = (h) => new Date(created.getTime() + h * HOUR);
    const last = timeline[timeline.length - 1];
    const actual = last[2];
    const accepted = timeline.find((e) => e[0] === 'accepted');
    const dispatched = timeline.find((e) => e[0] === 'dispatched');
    const closed = timeline.find((e) => ['verified', 'closed'].includes(e[0]));
    const finished = timeline.find((e) => ['verified', 'closed', 'rejected', 'duplicate', 'withdrawn'].includes(e[0]));
    const dept = dispatched ? pick(ids.departments) : null;
    const stageDue = ['dispatched', 'handling', 'verifying'].includes(actual) ? at(last[1] + (actual === 'handling' ? 72 : 12)) : null;
    const rated = closed && rand() < 0.6 ? pick(['satisfied', 'satisfied', 'satisfied', 'basic', 'unsatisfied']) : null;
    reports.push([
      id, pick(ids.reporters), `bench-${id}`, pick(ids.categories), `第 ${id} 号问题：路口电动车逆行`, actual,
      area.lat + (rand() - 0.5) * 0.002, area.lng + (rand() - 0.5) * 0.002, area.id, area.path, Math.floor(rand() * 3),
      0, accepted ? 6 : 0, dept, at(24), at(accepted ? accepted[1] + 72 : 96), accepted || finished ? at((accepted ?? finished)[1]) : null,
      accepted ? at(accepted[1]) : null, finished ? at(finished[1]) : null,
      dispatched ? ids.staffId : null, stageDue, rework && timeline.some((e) => e[0] === 'rework') ? 1 : 0, extension && timeline.some((e) => e[0] === 'extension_approved') ? 1 : 0,
      actual === 'deferred' ? at(last[1]) : null, closed ? (closed[0] === 'verified' ? 'fixed' : 'not_fixable') : null, closed ? at(closed[1]) : null,
      rated, rated ? at(closed[1] + 24) : null, 0, rand() < 0.05 && accepted ? at(accepted[1] + 30) : null, created, at(last[1]),
      // The queue's order key as the server keeps it: the running deadline, NEVER when open without one.
      actual === 'submitted' ? at(24) : actual === 'accepted' ? at(accepted[1] + 72) : stageDue ?? (actual === 'deferred' ? NEVER : null),
    ]);
    const extra = Math.max(0, Math.round(((EVENTS - eventsWritten - events.length) / (REPORTS - i)) - timeline.length));
    for (const [type, h, after] of timeline) events.push([id, type, type === 'created' ? reports[reports.length - 1][1] : ids.staffId, null, after, null, at(h)]);
    for (let k = 0; k < extra; k++) events.push([id, 'witnessed', pick(ids.reporters), null, actual, null, at(rand() * Math.max(0.1, last[1]))]);
    await flush(false);
  }
  await flush(true);
  await reportFile.end();
  await eventFile.end();
  const generated = round1((performance.now() - t0) / 1000);
  const load = (table, cols) => c.query({ sql: `LOAD DATA LOCAL INFILE ? INTO TABLE ${table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (${cols.join(', ')})`, values: [join(dir, `${table}.tsv`)] });
  await load('report', reportCols);
  await load('report_event', eventCols);
  rmSync(dir, { recursive: true, force: true });
  await c.query('SET foreign_key_checks = 1, unique_checks = 1');
  await c.query('ANALYZE TABLE report, report_event');
  await c.end();
  return { seconds: round1((performance.now() - t0) / 1000), generatedSeconds: generated, events: eventsWritten };
}

async function json(res) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
const get = (base, path, token) => fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const post = (base, path, token, body) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

async function timed(n, fn) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { n, median: round1(percentile(ms, 50)), p99: round1(percentile(ms, 99)), max: round1(ms[ms.length - 1]) };
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const name = process.env.BENCH_LOOP_DB ?? `xjy_bench_loop_${randomBytes(3).toString('hex')}`;
const keep = Boolean(process.env.BENCH_KEEP_DB || process.env.BENCH_LOOP_DB);
const admin = await mysql.createConnection(MYSQL);
await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
await admin.end();
const url = `${MYSQL}/${name}`;
const server = await startServer({ DATABASE_URL: url, DB_POOL_SIZE: '20', LOG_LEVEL: 'error' });
try {
  const base = server.url;
  const adminToken = (await json(await post(base, '/api/auth/dev', null, { account: 'admin' }))).token;
  const db = await mysql.createConnection(url);
  const [leaves] = await db.query(
    `SELECT a.id, a.path, a.centerLat AS lat, a.centerLng AS lng FROM area a WHERE a.centerLat IS NOT NULL AND NOT EXISTS (SELECT 1 FROM area c WHERE c.parentId = a.id)`,
  );
  const [cats] = await db.query('SELECT id FROM report_category');
  const [depts] = await db.query('SELECT id FROM department');
  const [workers] = await db.query(`SELECT id FROM user WHERE role = 'worker'`);
  const [[staffRow]] = await db.query(`SELECT id FROM user WHERE role = 'admin' ORDER BY id LIMIT 1`);
  const [[{ maxId }]] = await db.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM report');
  // A county's year: every report in one district (the demo district with the most leaf areas).
  const districts = new Map();
  for (const l of leaves) {
    const d = Number(l.path.split('/')[1]);
    districts.set(d, (districts.get(d) ?? 0) + 1);
  }
  const district = [...districts].sort((a, b) => b[1] - a[1])[0][0];
  const countyLeaves = leaves.filter((l) => l.path.startsWith(`/${district}/`));
  await db.end();
  const probe = await mysql.createConnection(url);
  const [[{ loadedBefore }]] = await probe.query(`SELECT COUNT(*) AS loadedBefore FROM report WHERE idempotencyKey LIKE 'bench-%'`);
  await probe.end();
  const reuse = Number(loadedBefore) >= REPORTS;
  console.log(reuse ? `closed-loop bench: reusing ${loadedBefore} reports in ${name}` : `closed-loop bench: loading ${REPORTS} reports and ${EVENTS} events over the ${countyLeaves.length} areas of district ${district} …`);
  const loaded = reuse ? { seconds: 0, events: EVENTS } : await bulkLoad(url, {
    firstReportId: Number(maxId) + 1,
    leaves: countyLeaves,
    categories: cats.map((c) => c.id),
    departments: depts.map((d) => d.id),
    reporters: workers.map((w) => w.id),
    staffId: staffRow.id,
  });
  console.log(`  loaded in ${loaded.seconds} s (${loaded.events} events)`);
  // The dashboard's roll-up (when the server keeps one) is built by a background sweeper from the days written;
  // it is exact meanwhile, but the bench measures its steady state: wait until no day is left to build.
  const rollup = await mysql.createConnection(url);
  const [[{ hasRollup }]] = await rollup.query(`SELECT COUNT(*) AS hasRollup FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'report_rollup_dirty'`);
  if (Number(hasRollup)) {
    const t0 = performance.now();
    const dirtyLeft = async () => Number((await rollup.query('SELECT COUNT(*) AS n FROM report_rollup_dirty'))[0][0].n);
    while (await dirtyLeft()) await new Promise((r) => setTimeout(r, 500));
    loaded.rollupCatchUpSeconds = round1((performance.now() - t0) / 1000);
    console.log(`  roll-up caught up in ${loaded.rollupCatchUpSeconds} s`);
  }
  // After a bulk load InnoDB spends a while writing the loaded pages out; measure once it has (at most 3 minutes).
  if (!reuse) {
    const t0 = performance.now();
    const dirtyPages = async () => Number((await rollup.query(`SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'`))[0][0].Value);
    while ((await dirtyPages()) > 1000 && performance.now() - t0 < 180_000) await new Promise((r) => setTimeout(r, 1000));
    loaded.settleSeconds = round1((performance.now() - t0) / 1000);
    console.log(`  database settled in ${loaded.settleSeconds} s (dirty pages written out)`);
  }
  await rollup.end();

  // A staff member whose scope is that district.
  if (!reuse) await json(await post(base, '/api/admin/staff', adminToken, { username: 'benchloop', password: 'bench-pass-2026', nickname: '基准', role: 'staff', scopeAreaIds: [district] }));
  const staffToken = (await json(await post(base, '/api/auth/password', null, { username: 'benchloop', password: 'bench-pass-2026' }))).token;
  const auth = { authorization: `Bearer ${staffToken}` };

  const health = await load(`${base}/api/health/live`, { connections: 10, duration: DURATION });
  const result = { reports: REPORTS, events: loaded.events, loadSeconds: loaded.seconds, rollupCatchUpSeconds: loaded.rollupCatchUpSeconds, settleSeconds: loaded.settleSeconds, district, health: { rps: health.rps, p50: health.p50, p99: health.p99 } };
  const met = {};
  console.log(`  /api/health/live: ${health.rps} req/s, p50 ${health.p50} ms, p99 ${health.p99} ms`);

  // The district's quarter: the dashboard's window, and the report rate the export window is sized from.
  const to = new Date(Math.floor(Date.now() / DAY) * DAY);
  const from = new Date(to.getTime() - 91 * DAY);
  const dashPath = `/api/dashboard/reports?areaId=${district}&from=${from.toISOString()}&to=${to.toISOString()}`;
  const dashBody = await json(await get(base, dashPath, staffToken));
  result.districtQuarterReports = dashBody.received;

  if (wanted('queue')) {
    // The queue: open cases of the district (by deadline when the API offers it), first page and cursor pages.
    const sortParam = (await get(base, `/api/reports?status=open&areaId=${district}&sort=deadline`, staffToken)).ok ? '&sort=deadline' : '';
    const queuePath = `/api/reports?status=open&areaId=${district}${sortParam}`;
    // A full first page, or the run measures nothing (say, loaded rows the queue cannot see).
    const firstPage = await json(await get(base, queuePath, staffToken));
    if (firstPage.items.length < 20) throw new Error(`queue: only ${firstPage.items.length} open cases on the first page`);
    // Unmeasured warm-up: the route's first seconds run before V8 has optimized it (about 1.8× the CPU per request).
    await load(base + queuePath, { connections: 10, duration: Math.min(3, DURATION), headers: auth });
    const queueFirst = await load(base + queuePath, { connections: 10, duration: DURATION, headers: auth });
    const cursors = [];
    let next = null;
    for (let i = 0; i < 20; i++) {
      const page = await json(await get(base, `${queuePath}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, staffToken));
      if (!page.nextCursor) break;
      next = page.nextCursor;
      cursors.push(next);
    }
    const queuePaged = cursors.length
      ? await load(`${base}${queuePath}&cursor=${encodeURIComponent(cursors[cursors.length - 1])}`, { connections: 10, duration: DURATION, headers: auth })
      : null;
    const queueOverdue = await load(`${base}/api/reports?status=open&overdue=true&areaId=${district}${sortParam}`, { connections: 10, duration: DURATION, headers: auth });
    result.queue = {
      sortedBy: sortParam ? 'deadline' : 'priority (the API offers no deadline sort)',
      first: queueFirst,
      deepCursor: queuePaged && { pagesDeep: cursors.length, ...queuePaged },
      overdue: queueOverdue,
      p99Ratio: ratio(queueFirst.p99, health.p99),
    };
    met.queue = queueFirst.p99 <= TARGETS.queueP99Ms && (!queuePaged || queuePaged.p99 <= TARGETS.queueP99Ms) && queueOverdue.p99 <= TARGETS.queueP99Ms;
    console.log(`  queue (${result.queue.sortedBy}): p99 ${queueFirst.p99} ms (${result.queue.p99Ratio}× health), ${cursors.length} pages deep p99 ${queuePaged?.p99 ?? '-'} ms, overdue p99 ${queueOverdue.p99} ms`);
  }

  if (wanted('dashboard')) {
    // The dashboard over the last full quarter, for the district.
    const dashboard = await timed(20, async () => json(await get(base, dashPath, staffToken)));
    result.dashboard = { ...dashboard, ratio: ratio(dashboard.median, health.p50) };
    met.dashboard = dashboard.p99 <= TARGETS.dashboardMs;
    console.log(`  dashboard, district over a quarter (${dashBody.received} reports): median ${dashboard.median} ms, p99 ${dashboard.p99} ms (${result.dashboard.ratio}× health p50)`);
  }

  if (wanted('export')) {
    // The export: a window ending now holding about EXPORT_ROWS of the district's reports.
    const perDay = dashBody.received / 91;
    const exportDays = Math.max(1, Math.round(EXPORT_ROWS / perDay));
    const exportFrom = new Date(Date.now() - exportDays * DAY).toISOString();
    const exportPath = `/api/reports/export.xlsx?areaId=${district}&from=${encodeURIComponent(exportFrom)}`;
    const rss0 = rssMb(server.pid);
    let rssMax = rss0;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(server.pid))), 20);
    const t0 = performance.now();
    const res = await get(base, exportPath, staffToken);
    if (!res.ok) throw new Error(`export: ${res.status} ${await res.text()}`);
    let bytes = 0;
    for await (const chunk of res.body) bytes += chunk.length;
    const exportSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const exportRows = Math.round(perDay * exportDays);
    result.export = { rows: exportRows, mb: round1(bytes / 1024 / 1024), seconds: round1(exportSeconds), rssStartMb: round1(rss0), rssGrowthMb: round1(rssMax - rss0) };
    met.export = rssMax - rss0 <= TARGETS.exportRssGrowthMb;
    console.log(`  export: ${exportRows} rows, ${result.export.mb} MB in ${result.export.seconds} s, server RSS +${result.export.rssGrowthMb} MB (from ${result.export.rssStartMb} MB)`);
  }

  if (wanted('open311')) {
    // Open311: the public feed a city platform polls (the last day's requests, at most 1,000 per answer).
    const open311Path = `/open311/v2/requests.json?start_date=${encodeURIComponent(new Date(Date.now() - DAY).toISOString())}`;
    const filteredPath = '/open311/v2/requests.json?status=open&service_code=traffic';
    // Each answer is cached for OPEN311_CACHE_S: the polled feed is measured warm (as pollers find it), and the cost of
    // an answer read from the database is measured apart, one at a time, with a start date no poller has asked for.
    const open311Body = await json(await get(base, open311Path));
    await json(await get(base, filteredPath));
    const uncached = await timed(20, async (i) => json(await get(base, `/open311/v2/requests.json?start_date=${encodeURIComponent(new Date(Date.now() - DAY - (i + 1) * 1000).toISOString())}`)));
    const open311 = await load(base + open311Path, { connections: 10, duration: DURATION });
    const open311Filtered = await load(base + filteredPath, { connections: 10, duration: DURATION });
    result.open311 = { results: open311Body.length, ...open311, p99Ratio: ratio(open311.p99, health.p99), filtered: open311Filtered, uncachedOneAtATime: uncached };
    met.open311 = open311.p99 <= TARGETS.open311P99Ms && open311Filtered.p99 <= TARGETS.open311P99Ms;
    console.log(`  Open311 requests.json (${open311Body.length} results): p99 ${open311.p99} ms (${result.open311.p99Ratio}× health); filtered p99 ${open311Filtered.p99} ms; uncached, one at a time, median ${uncached.median} ms`);
  }
  result.targets = TARGETS;
  result.met = met;
  console.log(`  targets met: ${JSON.stringify(met)}`);
  writeResult(process.env.BENCH_LOOP_RESULT ?? 'closed-loop', result);
} finally {
  await server.stop();
  if (!keep) {
    const d = await mysql.createConnection(MYSQL);
    await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await d.end();
  }
}
