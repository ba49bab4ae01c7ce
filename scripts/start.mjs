// npm start: installs what is missing, builds shared, the H5 app and the server, then serves both on one port.
// Migrations run at server start; demo data is seeded on first run.
import { buildServerIfStale, builtAt, must, newest } from './lib/build.mjs';
import { ensureDependencies, ensurePnpm, log, run } from './lib/env.mjs';

async function main() {
  await ensurePnpm();
  await ensureDependencies();

  await buildServerIfStale();
  if (newest(['miniapp/src', 'miniapp/config', 'miniapp/package.json', 'shared/src']) > builtAt('miniapp/dist/h5/index.html')) {
    log('building the H5 app (about 30–60 s the first time)');
    await must('H5 build', run('pnpm', ['--filter', '@xjy/miniapp', 'build:h5'], { env: { NODE_ENV: 'production' } }));
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
