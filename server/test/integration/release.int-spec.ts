import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../src/database/data-source';
import { MIGRATIONS } from '../../src/database/migrations';
import { createAdmin, CreateAdminError, readPasswordFromStdin } from '../../src/database/release/create-admin';
import { migrateWithLock } from '../../src/database/release/migrate';
import { verifyPassword } from '../../src/modules/auth/password';
import { createTestDatabase, TEST_DRIVERS, TestDatabase } from '../support/test-db';

describe.each(TEST_DRIVERS)('release commands on %s', (driver) => {
  let db: TestDatabase;
  let dir: string;
  let config: { databaseUrl: string | null; embeddedDbFile: string; dbPoolSize: number };

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    dir = mkdtempSync(join(tmpdir(), 'xjy-release-'));
    // A file, not :memory:, so each command's own connection sees what the one before it wrote.
    config = { databaseUrl: db.databaseUrl, embeddedDbFile: join(dir, 'release.sqlite'), dbPoolSize: 2 };
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to create an admin before the schema is migrated', async () => {
    await expect(createAdmin(config, 'cityadmin', 'a-long-enough-password')).rejects.toThrow(/db:migrate/);
  });

  it('applies every migration exactly once when two instances migrate at the same moment', async () => {
    const [a, b] = await Promise.all([migrateWithLock(config), migrateWithLock(config)]);
    expect(a.applied.length + b.applied.length).toBe(MIGRATIONS.length);
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, MIGRATIONS.length]);
    const ds = new DataSource(await resolveDataSourceOptions(config));
    await ds.initialize();
    try {
      const rows = (await ds.query('SELECT name FROM migrations')) as Array<{ name: string }>;
      expect(rows).toHaveLength(MIGRATIONS.length);
      expect(new Set(rows.map((r) => r.name)).size).toBe(MIGRATIONS.length);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
    expect((await migrateWithLock(config)).applied).toEqual([]);
  });

  it('creates an admin whose password verifies, and never overwrites an existing account', async () => {
    const { id } = await createAdmin(config, 'cityadmin', 'a-long-enough-password');
    const ds = new DataSource(await resolveDataSourceOptions(config));
    await ds.initialize();
    try {
      const [row] = (await ds.query('SELECT role, username, passwordHash FROM user WHERE id = ?', [id])) as Array<{ role: string; username: string; passwordHash: string }>;
      expect(row.role).toBe('admin');
      expect(row.username).toBe('cityadmin');
      expect(await verifyPassword('a-long-enough-password', row.passwordHash)).toBe(true);
      await expect(createAdmin(config, 'cityadmin', 'another-long-password')).rejects.toThrow(CreateAdminError);
      const [again] = (await ds.query('SELECT passwordHash FROM user WHERE id = ?', [id])) as Array<{ passwordHash: string }>;
      expect(again.passwordHash).toBe(row.passwordHash);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses a short password and a malformed username without writing anything', async () => {
    await expect(createAdmin(config, 'x', 'a-long-enough-password')).rejects.toThrow(/username/);
    await expect(createAdmin(config, 'second-admin', 'short')).rejects.toThrow(/at least 12/);
  });
});

describe(readPasswordFromStdin.name, () => {
  it('takes the first line without its line ending', async () => {
    expect(await readPasswordFromStdin(Readable.from(['pass', 'word-1\r\nignored\n']))).toBe('password-1');
  });
});
