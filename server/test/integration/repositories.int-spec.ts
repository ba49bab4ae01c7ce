import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seeds/demo.seed';
import { AreasRepository } from '../../src/modules/areas/areas.repository';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { TransactionRunner } from '../../src/database/transaction.runner';
import { createTestDatabase, TEST_DRIVERS, TestDatabase } from '../support/test-db';

describe.each(TEST_DRIVERS)('repositories on %s', (driver) => {
  let db: TestDatabase;
  let ds: DataSource;
  let users: UsersRepository;
  let areas: AreasRepository;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    ds = new DataSource(await resolveDataSourceOptions({ databaseUrl: db.databaseUrl, embeddedDbFile: db.embeddedDbFile, dbPoolSize: 10 }));
    await ds.initialize();
    await ds.runMigrations();
    await seedDemo(ds);
    const tx = new TransactionRunner(ds);
    users = new UsersRepository(ds, tx);
    areas = new AreasRepository(ds, tx);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('seeding twice is a no-op', async () => {
    const before = await users.countAll();
    await expect(seedDemo(ds)).resolves.toBeNull();
    expect(await users.countAll()).toBe(before);
  });

  it('ten concurrent first logins with one openid create one user', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => users.upsertWorkerByOpenid('openid-concurrent', null)));
    expect(new Set(results.map((u) => u.id)).size).toBe(1);
    const rows = await ds.query(`SELECT COUNT(*) AS n FROM ${driver === 'mysql' ? '`user`' : '"user"'} WHERE openid = 'openid-concurrent'`);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('a subtree query returns the root and everything below it, nothing beside it', async () => {
    const street = (await areas.findByCode('130184001'))!;
    const subtree = await areas.findInSubtree(street.path);
    expect(subtree[0].id).toBe(street.id);
    expect(subtree.every((a) => a.path.startsWith(street.path))).toBe(true);
    // 3 communities with 4 grids each under 长寿街道.
    expect(subtree.filter((a) => a.level === 'grid')).toHaveLength(12);
    const grids = await areas.findInSubtree(street.path, 'grid');
    expect(grids).toHaveLength(12);
  });

  it('keeps boundaries as JSON and ancestors in order', async () => {
    const grid = (await areas.findByCode('13018400100101'))!;
    expect(grid.boundary).toHaveLength(4);
    const ancestors = await areas.findAncestors(grid.path);
    expect(ancestors.map((a) => a.level)).toEqual(['district', 'street', 'community']);
  });

  it('replaces scopes atomically', async () => {
    const staff = (await users.findByDemoAccount('staff'))!;
    const shishi = (await areas.findByCode('350581'))!;
    await users.replaceScopes(staff.id, [shishi.id]);
    expect((await users.findScopeAreas(staff.id)).map((a) => a.code)).toEqual(['350581']);
    await expect(users.replaceScopes(staff.id, [shishi.id, 987654])).rejects.toThrow();
    expect((await users.findScopeAreas(staff.id)).map((a) => a.code)).toEqual(['350581']);
  });
});
