// Builds shared and the server when their sources are newer than their output (npm start, db:migrate, admin:create).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log, ROOT, run } from './env.mjs';

/** Newest modification time under the given paths (files only). */
export function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      if (p.endsWith('node_modules') || p.endsWith('dist')) return;
      for (const e of readdirSync(p)) walk(join(p, e));
    } else if (st.mtimeMs > max) max = st.mtimeMs;
  };
  paths.forEach((p) => walk(join(ROOT, p)));
  return max;
}

export const builtAt = (file) => (existsSync(join(ROOT, file)) ? statSync(join(ROOT, file)).mtimeMs : 0);

export async function must(label, code) {
  if ((await code) !== 0) {
    console.error(`${label} failed`);
    process.exit(1);
  }
}

export async function buildServerIfStale() {
  if (newest(['shared/src', 'shared/package.json']) > builtAt('shared/dist/cjs/index.js')) {
    log('building shared');
    await must('shared build', run('pnpm', ['--filter', '@xjy/shared', 'build']));
  }
  if (newest(['server/src', 'shared/src']) > builtAt('server/dist/main.js')) {
    log('building the server');
    await must('server build', run('pnpm', ['--filter', '@xjy/server', 'build']));
  }
}
