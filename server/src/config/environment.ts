import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

type Env = Record<string, string | undefined>;

/**
 * The environment the server configures itself from: the process environment, then a `.env` file (ENV_FILE, or
 * `.env` in the working directory) for names the environment leaves unset, then the names WeChat Cloud Hosting
 * injects for its MySQL (MYSQL_ADDRESS host:port, MYSQL_USERNAME, MYSQL_PASSWORD; MYSQL_DATABASE, default `xjy`)
 * turned into DATABASE_URL when that is not set itself.
 */
export function readEnvironment(env: Env = process.env, cwd = process.cwd()): Env {
  const file = env.ENV_FILE ? resolve(cwd, env.ENV_FILE) : resolve(cwd, '.env');
  const merged: Env = { ...env };
  if (existsSync(file)) {
    for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
      if (merged[key] === undefined) merged[key] = value;
    }
  } else if (env.ENV_FILE) {
    throw new Error(`ENV_FILE names ${file}, which does not exist`);
  }
  if (!merged.DATABASE_URL?.trim() && merged.MYSQL_ADDRESS?.trim()) merged.DATABASE_URL = cloudHostingDatabaseUrl(merged);
  return merged;
}

function cloudHostingDatabaseUrl(env: Env): string {
  const address = env.MYSQL_ADDRESS!.trim();
  const user = encodeURIComponent(env.MYSQL_USERNAME?.trim() || 'root');
  const password = env.MYSQL_PASSWORD ? `:${encodeURIComponent(env.MYSQL_PASSWORD)}` : '';
  const database = env.MYSQL_DATABASE?.trim() || 'xjy';
  return `mysql://${user}${password}@${address.includes(':') ? address : `${address}:3306`}/${database}`;
}
