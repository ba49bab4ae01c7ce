import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
