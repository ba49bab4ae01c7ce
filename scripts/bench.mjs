// npm run bench: builds what the benchmarks need, then runs every bench/*.bench.mjs one after another.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, log, ROOT, run } from './lib/env.mjs';

await ensurePnpm();
await ensureDependencies();
for (const [label, args, env] of [
  ['shared', ['--filter', '@xjy/shared', 'build']],
  ['server', ['--filter', '@xjy/server', 'build']],
  // bench/first-load.bench.mjs loads the production H5 app in Chromium.
  ['h5', ['--filter', '@xjy/miniapp', 'build:h5'], { NODE_ENV: 'production' }],
]) {
  if ((await run('pnpm', args, { env })) !== 0) {
    console.error(`bench: ${label} build failed`);
    process.exit(1);
  }
}
const only = process.argv[2];
const files = readdirSync(join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.mjs') && (!only || f.includes(only)));
let failed = 0;
for (const f of files) {
  log(`bench/${f}`);
  if ((await run(process.execPath, [join(ROOT, 'bench', f)])) !== 0) failed++;
}
process.exit(failed ? 1 : 0);
