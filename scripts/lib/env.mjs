// Shared by start.mjs and test.mjs: make sure the tools the project needs are here, installing what is missing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PNPM_VERSION = '10.34.8';

export function log(msg) {
  process.stdout.write(`\x1b[36m▸\x1b[0m ${msg}\n`);
}

/** Runs a command with inherited output; resolves to its exit code (never rejects). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const { env, ...rest } = opts;
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', ...rest, env: { ...process.env, ...(env ?? {}) } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function has(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout.trim() : null;
}

export async function ensurePnpm() {
  if (has('pnpm') === PNPM_VERSION) return;
  log(`installing pnpm ${PNPM_VERSION} from the npm registry`);
  const code = await run('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`, '--no-audit', '--no-fund']);
  if (code !== 0 || has('pnpm') !== PNPM_VERSION) throw new Error(`could not install pnpm ${PNPM_VERSION}`);
}

export async function ensureDependencies() {
  log('installing workspace dependencies (pnpm install --frozen-lockfile)');
  const code = await run('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only'], { env: { CI: 'true' } });
  if (code !== 0) throw new Error('pnpm install failed');
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = createConnection({ port, host });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

function rootCanLogInOverTcp() {
  return spawnSync('mariadb', ['-h127.0.0.1', '-P3306', '-uroot', '-e', 'SELECT 1'], { stdio: 'ignore' }).status === 0;
}

/** MariaDB on 127.0.0.1:3306 with root and an empty password; started if installed but not running. */
export async function ensureMariadb() {
  if (!(await portOpen(3306))) {
    const daemon = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p));
    if (!daemon) throw new Error('MariaDB is not running on 127.0.0.1:3306 and is not installed (apt-get install mariadb-server)');
    log('starting MariaDB');
    spawnSync('mkdir', ['-p', '/run/mysqld']);
    spawnSync('chown', ['mysql:mysql', '/run/mysqld']);
    spawnSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', daemon], { stdio: 'inherit' });
    const deadline = Date.now() + 60_000;
    while (!(await portOpen(3306))) {
      if (Date.now() > deadline) throw new Error('MariaDB did not start within 60 s');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (has('mariadb') && !rootCanLogInOverTcp()) {
    log('allowing root over TCP with an empty password');
    spawnSync('mariadb', ['-uroot', '-e', "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;"], { stdio: 'inherit' });
  }
}

/** Redis 7 on 127.0.0.1:6379 (REDIS_TEST_URL may name another); started if installed but not running. */
export async function ensureRedis() {
  if (await portOpen(6379)) return;
  const daemon = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
  if (!daemon) throw new Error('Redis is not running on 127.0.0.1:6379 and is not installed (apt-get install redis-server)');
  log('starting Redis');
  spawnSync(daemon, ['--bind', '127.0.0.1', '--port', '6379', '--daemonize', 'yes', '--save', '', '--appendonly', 'no'], { stdio: 'inherit' });
  const deadline = Date.now() + 30_000;
  while (!(await portOpen(6379))) {
    if (Date.now() > deadline) throw new Error('Redis did not start within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Debian's Chromium and a CJK font for the browser tests; never a browser download. */
export async function ensureChromium() {
  const fontsOk = () => (spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout ?? '').trim().length > 0;
  if (existsSync('/usr/bin/chromium') && fontsOk()) return;
  log('installing Debian chromium and fonts-wqy-microhei');
  await run('apt-get', ['update', '-qq']);
  const code = await run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-wqy-microhei'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  if (code !== 0 || !existsSync('/usr/bin/chromium')) throw new Error('could not install chromium from Debian packages');
}

/** Debian's nginx, for the production e2e (two API instances behind it) and the throughput bench through it. */
export async function ensureNginx() {
  if (existsSync('/usr/sbin/nginx')) return;
  log('installing Debian nginx');
  await run('apt-get', ['update', '-qq']);
  const code = await run('apt-get', ['install', '-y', '-qq', 'nginx'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  if (code !== 0 || !existsSync('/usr/sbin/nginx')) throw new Error('could not install nginx from Debian packages');
}

export function gitShortSha() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
