import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from './app.config';
import { readEnvironment } from './environment';

describe(readEnvironment.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'xjy-env-'));
  writeFileSync(join(dir, '.env'), 'JWT_SECRET=from-file\nPORT=4000\n# a comment\nPUBLIC_BASE_URL="https://xjy.example.cn"\n');

  it('fills names the environment leaves unset from .env, and never overrides the environment', () => {
    const env = readEnvironment({ PORT: '5000' }, dir);
    expect(env.JWT_SECRET).toBe('from-file');
    expect(env.PORT).toBe('5000');
    expect(env.PUBLIC_BASE_URL).toBe('https://xjy.example.cn');
  });

  it('reads no file when there is none, and refuses an ENV_FILE that does not exist', () => {
    const empty = mkdtempSync(join(tmpdir(), 'xjy-env-none-'));
    expect(readEnvironment({ PORT: '1' }, empty)).toEqual({ PORT: '1' });
    expect(() => readEnvironment({ ENV_FILE: 'missing.env' }, empty)).toThrow(/does not exist/);
  });

  it("builds DATABASE_URL from WeChat Cloud Hosting's MYSQL_* names, escaping the password", () => {
    const env = readEnvironment({ MYSQL_ADDRESS: '10.0.0.8:3306', MYSQL_USERNAME: 'root', MYSQL_PASSWORD: 'p@ss:w/rd', MYSQL_DATABASE: 'city' }, dir);
    expect(env.DATABASE_URL).toBe('mysql://root:p%40ss%3Aw%2Frd@10.0.0.8:3306/city');
    expect(readEnvironment({ MYSQL_ADDRESS: 'db.internal' }, dir).DATABASE_URL).toBe('mysql://root@db.internal:3306/xjy');
  });

  it('keeps an explicit DATABASE_URL over the Cloud Hosting names', () => {
    expect(readEnvironment({ DATABASE_URL: 'mysql://a@b:3306/c', MYSQL_ADDRESS: '10.0.0.8:3306' }, dir).DATABASE_URL).toBe('mysql://a@b:3306/c');
  });
});

describe('.env.example', () => {
  const root = join(__dirname, '..', '..', '..');
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it('names every variable the server reads, so a deployment never misses one', () => {
    const sources = ['app.config.ts', 'environment.ts'].map((f) => readFileSync(join(__dirname, f), 'utf8')).join('\n');
    const read = new Set([...sources.matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]+)|env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1] ?? m[2]));
    read.delete('EMBEDDED_DB_FILE'); // tests only
    read.delete('ENV_FILE'); // names this file itself
    expect(read.size).toBeGreaterThan(30);
    expect([...read].filter((name) => !listed.has(name)).sort()).toEqual([]);
  });

  it('is accepted by the configuration check once its secrets are filled in', () => {
    const env = parseEnv(example);
    expect(() =>
      loadConfig({ ...env, JWT_SECRET: 'x'.repeat(48), WECHAT_APPID: '', WECHAT_SECRET: '', WECHAT_PUSH_TOKEN: '', WECHAT_PUSH_AES_KEY: '', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }),
    ).not.toThrow();
  });
});
