// The mini-program's production build for upload: appid and API base from the build environment.
//   TARO_APP_ID=wx0123456789abcdef TARO_APP_API_BASE=https://xjy.example.cn pnpm --filter @xjy/miniapp release:weapp
// Refuses what WeChat would refuse later (the tourist appid, an http:// or loopback API base), builds dist/weapp with
// NODE_ENV=production, then checks that the output carries that appid and that API base.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every problem with the release environment at once; empty when it can be built. */
export function releaseProblems(env) {
  const problems = [];
  const appid = env.TARO_APP_ID?.trim() ?? '';
  if (!/^wx[0-9a-f]{16}$/.test(appid)) problems.push('TARO_APP_ID must be the mini-program\'s appid (wx followed by 16 hex digits), not the tourist appid');
  const base = env.TARO_APP_API_BASE?.trim() ?? '';
  let url = null;
  try {
    url = new URL(base);
  } catch {
    /* reported below */
  }
  if (!url || url.protocol !== 'https:') problems.push('TARO_APP_API_BASE must be the https origin of the API (WeChat calls only https 合法域名), e.g. https://xjy.example.cn');
  else if (/^(localhost|127\.|10\.|192\.168\.|0\.0\.0\.0|\[::1\])/.test(url.hostname)) problems.push('TARO_APP_API_BASE must be a public host, not a loopback or private address');
  else if (url.pathname !== '/' || url.search || url.hash) problems.push('TARO_APP_API_BASE must be an origin only (no path, query or fragment)');
  return problems;
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = releaseProblems(process.env);
  if (problems.length) {
    console.error(`Cannot build the mini-program for release:\n- ${problems.join('\n- ')}`);
    process.exit(2);
  }
  const base = process.env.TARO_APP_API_BASE.trim().replace(/\/+$/, '');
  const build = spawnSync('pnpm', ['exec', 'taro', 'build', '--type', 'weapp'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', TARO_APP_API_BASE: base } });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const out = join(root, 'dist', 'weapp');
  const appid = JSON.parse(readFileSync(join(out, 'project.config.json'), 'utf8')).appid;
  const carriesBase = filesUnder(out).some((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(base));
  if (appid !== process.env.TARO_APP_ID.trim() || !carriesBase) {
    console.error(`dist/weapp does not carry the release settings (appid ${appid}, API base ${carriesBase ? 'found' : 'missing'})`);
    process.exit(1);
  }
  console.log(`dist/weapp is ready to upload: appid ${appid}, API ${base}`);
}
