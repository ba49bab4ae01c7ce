// npm start: installs what is missing, builds shared, the H5 app and the server, then serves both on one port.
// Migrations run at server start; demo data is seeded on first run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, log, ROOT, run } from './lib/env.mjs';

/** Newest modification time under the given paths (files only). */
function newest(paths) {
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

const builtAt = (file) => (existsSync(join(ROOT, file)) ? statSync(join(ROOT, file)).mtimeMs : 0);

async function must(label, code) {
  if ((await code) !== 0) {
    console.error(`npm start: ${label} failed`);
    process.exit(1);
  }
}

async function main() {
  await ensurePnpm();
  await ensureDependencies();

  if (newest(['shared/src', 'shared/package.json']) > builtAt('shared/dist/cjs/index.js')) {
    log('building shared');
    await must('shared build', run('pnpm', ['--filter', '@xjy/shared', 'build']));
  }
  if (newest(['miniapp/src', 'miniapp/config', 'miniapp/package.json', 'shared/src']) > builtAt('miniapp/dist/h5/index.html')) {
    log('building the H5 app (about 30–60 s the first time)');
    await must('H5 build', run('pnpm', ['--filter', '@xjy/miniapp', 'build:h5'], { env: { NODE_ENV: 'production' } }));
  }
  if (newest(['server/src', 'shared/src']) > builtAt('server/dist/main.js')) {
    log('building the server');
    await must('server build', run('pnpm', ['--filter', '@xjy/server', 'build']));
  }

  const port = process.env.PORT ?? '3000';
  console.log(`
Demo accounts (demo login is on for a local server; HOST defaults to 127.0.0.1 outside production):
  one tap on the login page: 骑手 rider · 主播 streamer · 社区工作人员 staff · 管理员 admin
  password login: staff / staff-demo-2026   admin / admin-demo-2026
Database: ${process.env.DATABASE_URL ? 'MySQL from DATABASE_URL' : 'embedded SQLite file data/xjy.sqlite (set DATABASE_URL=mysql://… for MySQL)'}
Open http://127.0.0.1:${port}/ once the server says it is running.
`);
  const code = await run(process.execPath, ['--enable-source-maps', 'server/dist/main.js'], { env: { SEED_DEMO: process.env.SEED_DEMO ?? '1', PORT: port } });
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
