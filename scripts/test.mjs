// npm test: installs what is missing, then runs every check and test of every package.
// Ends with one line "N passed, N failed" (each test case counts, and each check that is not a test runner counts as one).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureDependencies, ensureMariadb, ensureNginx, ensurePnpm, ensureRedis, log, ROOT, run } from './lib/env.mjs';

const OUT = join(ROOT, '.test-out');
const only = process.env.TEST_ONLY ? new Set(process.env.TEST_ONLY.split(',')) : null;
const results = [];
const runId = `${Date.now().toString(36)}`;

function record(name, passed, failed, seconds) {
  results.push({ name, passed, failed, seconds });
  const mark = failed ? '\x1b[31m✗\x1b[0m' : '\x1b[32m✓\x1b[0m';
  log(`${mark} ${name}: ${passed} passed, ${failed} failed (${seconds.toFixed(1)} s)`);
}

async function step(name, fn) {
  if (only && !only.has(name)) return;
  log(`── ${name}`);
  const t0 = Date.now();
  try {
    const r = await fn();
    const { passed, failed } = typeof r === 'number' ? (r === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }) : r;
    record(name, passed, failed, (Date.now() - t0) / 1000);
  } catch (e) {
    console.error(e);
    record(name, 0, 1, (Date.now() - t0) / 1000);
  }
}

/** Runs jest with a JSON report and counts its test cases; a suite that failed to load counts as a failure. */
async function jest(cwd, args, env = {}) {
  const file = join(OUT, `${cwd.replace(/\W+/g, '_')}-${args.join('_').replace(/\W+/g, '_')}-${Object.values(env).join('_').replace(/\W+/g, '_')}.json`);
  rmSync(file, { force: true });
  const code = await run('pnpm', ['exec', 'jest', '--ci', '--json', `--outputFile=${file}`, ...args], { cwd: join(ROOT, cwd), env: { XJY_TEST_RUN: runId, ...env } });
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const brokenSuites = report.numRuntimeErrorTestSuites ?? 0;
  const failed = report.numFailedTests + brokenSuites + (code !== 0 && report.numFailedTests === 0 && brokenSuites === 0 ? 1 : 0);
  if (report.numTotalTests === 0) return { passed: 0, failed: 1 };
  return { passed: report.numPassedTests, failed };
}

const pnpm = (args, opts) => run('pnpm', args, opts);

async function main() {
  mkdirSync(OUT, { recursive: true });
  log('preparing: pnpm, dependencies, MariaDB, Redis, Chromium');
  await ensurePnpm();
  await ensureDependencies();
  await ensureMariadb();
  await ensureRedis();
  await ensureChromium();

  await step('build shared', () => pnpm(['--filter', '@xjy/shared', 'build']));
  await step('typecheck shared', () => pnpm(['--filter', '@xjy/shared', 'typecheck']));
  await step('typecheck server', () => pnpm(['--filter', '@xjy/server', 'typecheck']));
  await step('typecheck miniapp', () => pnpm(['--filter', '@xjy/miniapp', 'typecheck']));
  await step('lint', () => pnpm(['exec', 'eslint', '--max-warnings=0', '.']));
  await step('shared unit', () => jest('shared', []));
  await step('server unit', () => jest('server', ['--selectProjects', 'unit']));
  await step('server integration (MySQL + embedded)', () => jest('server', ['--selectProjects', 'integration'], { TEST_DRIVERS: 'mysql,embedded' }));
  await step('server e2e (MySQL)', () => jest('server', ['--selectProjects', 'e2e'], { TEST_DRIVERS: 'mysql' }));
  await step('server e2e (embedded)', () => jest('server', ['--selectProjects', 'e2e'], { TEST_DRIVERS: 'embedded' }));
  await step('miniapp components', () => jest('miniapp', []));
  await step('weapp build', () => pnpm(['--filter', '@xjy/miniapp', 'build:weapp'], { env: { NODE_ENV: 'production' } }));
  await step('weapp code quality (miniprogram-ci)', () => pnpm(['--filter', '@xjy/miniapp', 'check:quality']));
  await step('h5 build', () => pnpm(['--filter', '@xjy/miniapp', 'build:h5'], { env: { NODE_ENV: 'production' } }));
  await step('server build', () => pnpm(['--filter', '@xjy/server', 'build']));
  await step('production e2e (nginx, 2 instances, Redis, S3)', async () => {
    await ensureNginx();
    return jest('server', ['--selectProjects', 'production'], { TEST_DRIVERS: 'mysql' });
  });
  await step('browser e2e (H5 in Chromium)', () => nodeTests(join(ROOT, 'e2e')));

  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  console.log('\nsummary:');
  for (const r of results) console.log(`  ${r.failed ? 'FAIL' : 'ok  '} ${r.name.padEnd(42)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.seconds.toFixed(1).padStart(7)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** node:test files with the TAP reporter; counts come from its closing "# pass" and "# fail" lines. */
async function nodeTests(dir) {
  const { spawn } = await import('node:child_process');
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => join(dir, f));
  if (!files.length) return { passed: 0, failed: 1 };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', ...files], { cwd: ROOT, env: process.env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('exit', (code) => {
      const pass = Number(/^# pass (\d+)/m.exec(out)?.[1] ?? 0);
      const fail = Number(/^# fail (\d+)/m.exec(out)?.[1] ?? 0);
      resolve({ passed: pass, failed: fail + (code !== 0 && fail === 0 ? 1 : 0) + (pass + fail === 0 ? 1 : 0) });
    });
  });
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
