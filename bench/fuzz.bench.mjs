// Long-run schema-guided fuzz (not part of npm test): the same fuzzer as server/test/e2e/fuzz.e2e-spec.ts, run for
// FUZZ_REQUESTS requests (default 20,000) per driver, printing the 5xx and contract-break counts. Exit 1 on any.
// Usage: npm run bench fuzz   (or: node bench/fuzz.bench.mjs; FUZZ_DRIVERS=embedded to run one driver)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, writeResult } from './lib.mjs';

const requests = Number(process.env.FUZZ_REQUESTS ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);
const drivers = (process.env.FUZZ_DRIVERS ?? 'mysql,embedded').split(',');
const dir = mkdtempSync(join(tmpdir(), 'xjy-fuzz-'));

function runDriver(driver) {
  const report = join(dir, `${driver}.json`);
  const env = {
    ...process.env,
    TEST_DRIVERS: driver,
    FUZZ_SEED: String(seed),
    FUZZ_REQUESTS: String(requests),
    FUZZ_SECONDS: process.env.FUZZ_SECONDS ?? '3600',
    FUZZ_CONCURRENCY: process.env.FUZZ_CONCURRENCY ?? '4',
    FUZZ_REPORT: report,
  };
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['exec', 'jest', 'test/e2e/fuzz.e2e-spec.ts', '--selectProjects', 'e2e', '--forceExit'], { cwd: join(ROOT, 'server'), env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', () => {
      try {
        resolve(JSON.parse(readFileSync(report, 'utf8')));
      } catch {
        resolve({ driver, requests: 0, fiveXx: -1, contractBreaks: -1, breaks: [], note: 'the run did not finish' });
      }
    });
  });
}

const results = [];
for (const driver of drivers) {
  const r = await runDriver(driver);
  results.push(r);
  console.log(`fuzz ${driver}: seed ${seed}, ${r.requests} requests in ${r.seconds} s: ${r.fiveXx} × 5xx, ${r.contractBreaks} contract breaks; statuses ${JSON.stringify(r.byStatus)}`);
  for (const b of r.breaks.slice(0, 20)) console.log(`  ${b.kind} ${b.status} ${b.request.slice(0, 160)} → ${b.detail.slice(0, 200)}`);
}
rmSync(dir, { recursive: true, force: true });
writeResult(drivers.length === 1 ? `fuzz-${drivers[0]}` : 'fuzz', { seed, results: results.map(({ breaks, ...r }) => ({ ...r, breaks: breaks.slice(0, 20) })) });
if (results.some((r) => r.fiveXx !== 0 || r.contractBreaks !== 0 || r.requests < requests)) process.exitCode = 1;
