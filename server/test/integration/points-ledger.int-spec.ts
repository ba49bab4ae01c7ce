import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seeds/demo.seed';
import { PointsLedger } from '../../src/modules/points/points-ledger.repository';
import { User } from '../../src/modules/users/user.entity';
import { TransactionRunner } from '../../src/database/transaction.runner';
import { createTestDatabase, TEST_DRIVERS, TestDatabase } from '../support/test-db';

describe.each(TEST_DRIVERS)('PointsLedger on %s', (driver) => {
  let db: TestDatabase;
  let ds: DataSource;
  let ledger: PointsLedger;
  let tx: TransactionRunner;
  let userId: number;
  const balance = async () => (await ds.getRepository(User).findOneByOrFail({ id: userId })).pointsBalance;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    ds = new DataSource(await resolveDataSourceOptions({ databaseUrl: db.databaseUrl, embeddedDbFile: db.embeddedDbFile, dbPoolSize: 12 }));
    await ds.initialize();
    await ds.runMigrations();
    await seedDemo(ds);
    ledger = new PointsLedger(ds);
    tx = new TransactionRunner(ds);
    // A user of its own: the demo seed gives demo accounts points of their own.
    userId = (await ds.getRepository(User).save(ds.getRepository(User).create({ role: 'worker', nickname: '账本测试' }))).id;
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('records an event once however many times it is retried, even concurrently', async () => {
    const event = { userId, delta: 8, reason: 'report_accepted' as const, sourceType: 'report' as const, sourceId: 101, actorId: null };
    const results = await Promise.all(Array.from({ length: 10 }, () => tx.run((m) => ledger.record(m, event))));
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect(await balance()).toBe(8);
  });

  it('rolls the entry and the balance back with the transaction that failed', async () => {
    await expect(
      tx.run(async (m) => {
        await ledger.record(m, { userId, delta: 5, reason: 'report_accepted', sourceType: 'report', sourceId: 102, actorId: null });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await balance()).toBe(8);
  });

  it('undoes with a reversing entry, and the balance always equals the sum', async () => {
    await tx.run((m) => ledger.record(m, { userId, delta: -8, reason: 'report_accept_reversed', sourceType: 'report', sourceId: 101, actorId: null }));
    expect(await balance()).toBe(0);
    const since = new Date(Date.now() - 60_000);
    expect(await ledger.sumSince(ds.manager, userId, ['report_accepted'], since)).toBe(8);
    expect((await ledger.reconcile()).mismatches).toEqual([]);
  });

  it('reconcile finds a balance that does not equal its entries', async () => {
    await ds.getRepository(User).update({ id: userId }, { pointsBalance: 999 });
    const r = await ledger.reconcile();
    expect(r.mismatches).toEqual([{ userId, balance: 999, ledgerSum: 0 }]);
    await ds.getRepository(User).update({ id: userId }, { pointsBalance: 0 });
  });
});
