import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { isForeignKeyViolation } from '../../src/common/db-errors';
import { resolveDataSourceOptions } from '../../src/database/data-source';
import { MIGRATIONS } from '../../src/database/migrations';
import { seedDemo } from '../../src/database/seeds/demo.seed';
import { Area } from '../../src/modules/areas/area.entity';
import { Media } from '../../src/modules/media/media.entity';
import { PointsEntry } from '../../src/modules/points/points-entry.entity';
import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { Department } from '../../src/modules/reports/departments/department.entity';
import { Message } from '../../src/modules/reports/messages/message.entity';
import { SubscribeConsent } from '../../src/modules/reports/messages/subscribe-consent.entity';
import { ReportEvent } from '../../src/modules/reports/report-event.entity';
import { ReportWitness } from '../../src/modules/reports/report-witness.entity';
import { Report } from '../../src/modules/reports/report.entity';
import { Station } from '../../src/modules/stations/station.entity';
import { User } from '../../src/modules/users/user.entity';
import { createTestDatabase, TEST_DRIVERS, TestDatabase } from '../support/test-db';

const NOWHERE = 987_654;

/** A valid report row in `area`, by `reporterId`. */
function reportRow(area: Area, reporterId: number, categoryId: number, key: string): Partial<Report> {
  const due = new Date(Date.now() + 3600_000);
  return { reporterId, idempotencyKey: key, categoryId, description: '外键测试', status: 'submitted', lat: 38.3, lng: 114.6, areaId: area.id, areaPath: area.path, acceptDueAt: due, resolveDueAt: due };
}

async function insertArea(m: EntityManager, parent: Area | null, code: string): Promise<Area> {
  const repo = m.getRepository(Area);
  const area = await repo.save(repo.create({ parentId: parent?.id ?? null, level: parent ? 'grid' : 'district', name: code, code, path: '' }));
  area.path = `${parent?.path ?? '/'}${area.id}/`;
  await repo.update({ id: area.id }, { path: area.path });
  return area;
}

describe.each(TEST_DRIVERS)('foreign keys on %s', (driver) => {
  describe('on a migrated database', () => {
    let db: TestDatabase;
    let ds: DataSource;
    let user: User;
    let report: Report;
    let base: Record<string, () => Promise<{ entity: new () => ObjectLiteral; row: ObjectLiteral }>>;

    beforeAll(async () => {
      db = await createTestDatabase(driver);
      ds = new DataSource(await resolveDataSourceOptions({ databaseUrl: db.databaseUrl, embeddedDbFile: db.embeddedDbFile, dbPoolSize: 2 }));
      await ds.initialize();
      await ds.runMigrations();
      await seedDemo(ds);
      user = await ds.getRepository(User).save(ds.getRepository(User).create({ role: 'worker', nickname: '外键测试' }));
      const category = await ds.getRepository(ReportCategory).findOneByOrFail({ key: 'traffic' });
      const grid = await ds.getRepository(Area).findOneByOrFail({ code: '13018400100101' });
      report = await ds.getRepository(Report).save(ds.getRepository(Report).create(reportRow(grid, user.id, category.id, 'fk-base')));
      const station = (await ds.getRepository(Station).find({ take: 1 }))[0];
      const department = (await ds.getRepository(Department).find({ take: 1 }))[0];
      let seq = 0;
      // For each key: a fresh row that is valid as it stands.
      base = {
        'media.ownerId': async () => ({ entity: Media, row: { ownerId: user.id, fileKey: 'k', thumbKey: 't', width: 1, height: 1, bytes: 1 } }),
        'report.reporterId': async () => ({ entity: Report, row: reportRow(grid, user.id, category.id, `fk-${++seq}`) }),
        'report.categoryId': async () => ({ entity: Report, row: reportRow(grid, user.id, category.id, `fk-${++seq}`) }),
        'report.areaId': async () => ({ entity: Report, row: reportRow(grid, user.id, category.id, `fk-${++seq}`) }),
        'report.stationId': async () => ({ entity: Report, row: { ...reportRow(grid, user.id, category.id, `fk-${++seq}`), stationId: station.id } }),
        'report.departmentId': async () => ({ entity: Report, row: { ...reportRow(grid, user.id, category.id, `fk-${++seq}`), departmentId: department.id } }),
        'report.duplicateOfId': async () => ({ entity: Report, row: { ...reportRow(grid, user.id, category.id, `fk-${++seq}`), duplicateOfId: report.id } }),
        'report_event.reportId': async () => ({ entity: ReportEvent, row: { reportId: report.id, type: 'created', actorId: user.id } }),
        'report_event.actorId': async () => ({ entity: ReportEvent, row: { reportId: report.id, type: 'created', actorId: user.id } }),
        'report_witness.reportId': async () => {
          const u = await ds.getRepository(User).save(ds.getRepository(User).create({ role: 'worker', nickname: `w${++seq}` }));
          return { entity: ReportWitness, row: { reportId: report.id, userId: u.id } };
        },
        'report_witness.userId': async () => {
          const u = await ds.getRepository(User).save(ds.getRepository(User).create({ role: 'worker', nickname: `w${++seq}` }));
          return { entity: ReportWitness, row: { reportId: report.id, userId: u.id } };
        },
        'message.userId': async () => ({ entity: Message, row: { userId: user.id, kind: 'report_status', title: 't', body: 'b', reportId: report.id } }),
        'message.reportId': async () => ({ entity: Message, row: { userId: user.id, kind: 'report_status', title: 't', body: 'b', reportId: report.id } }),
        'subscribe_consent.userId': async () => ({ entity: SubscribeConsent, row: { userId: user.id, templateId: `tmpl-${++seq}`, credits: 1 } }),
        'points_entry.actorId': async () => ({ entity: PointsEntry, row: { userId: user.id, delta: 5, reason: 'report_accepted', sourceType: 'report', sourceId: 100_000 + ++seq, actorId: user.id } }),
      };
    });
    afterAll(async () => {
      await ds?.destroy();
      await db?.drop();
    });

    it('refuses a report event for a report that does not exist', async () => {
      const err = await ds
        .getRepository(ReportEvent)
        .insert({ reportId: NOWHERE, type: 'created', actorId: null })
        .then(() => null, (e: unknown) => e);
      expect(isForeignKeyViolation(err)).toBe(true);
      expect(await ds.getRepository(ReportEvent).countBy({ reportId: NOWHERE })).toBe(0);
    });

    it.each([
      'media.ownerId',
      'report.reporterId',
      'report.categoryId',
      'report.areaId',
      'report.stationId',
      'report.departmentId',
      'report.duplicateOfId',
      'report_event.reportId',
      'report_event.actorId',
      'report_witness.reportId',
      'report_witness.userId',
      'message.userId',
      'message.reportId',
      'subscribe_consent.userId',
      'points_entry.actorId',
    ])('%s: a valid row goes in, the same row naming a missing row is refused', async (key) => {
      const column = key.split('.')[1];
      const valid = await base[key]();
      await expect(ds.getRepository(valid.entity).insert(valid.row)).resolves.toBeDefined();
      const broken = await base[key]();
      const err = await ds
        .getRepository(broken.entity)
        .insert({ ...broken.row, [column]: NOWHERE })
        .then(() => null, (e: unknown) => e);
      expect(isForeignKeyViolation(err)).toBe(true);
    });

    it('refuses deleting an area, a user or a report that a report still names', async () => {
      const district = await ds.getRepository(Area).findOneByOrFail({ code: '130184' });
      const leaf = await insertArea(ds.manager, district, 'FK-LEAF');
      const category = await ds.getRepository(ReportCategory).findOneByOrFail({ key: 'traffic' });
      const r = await ds.getRepository(Report).save(ds.getRepository(Report).create(reportRow(leaf, user.id, category.id, 'fk-leaf')));
      const attempts = [
        () => ds.getRepository(Area).delete({ id: leaf.id }),
        () => ds.getRepository(User).delete({ id: user.id }),
        () => ds.getRepository(Report).delete({ id: report.id }),
      ];
      for (const attempt of attempts) expect(isForeignKeyViolation(await attempt().then(() => null, (e: unknown) => e))).toBe(true);
      // Once nothing names it, the area goes.
      await ds.getRepository(Report).delete({ id: r.id });
      await expect(ds.getRepository(Area).delete({ id: leaf.id })).resolves.toMatchObject({ affected: 1 });
    });
  });

  describe('the migration over existing rows', () => {
    let db: TestDatabase;
    let dir: string;
    let ds: DataSource | undefined;

    beforeAll(async () => {
      db = await createTestDatabase(driver);
      // One file for both connections below (an in-memory SQLite database lives only as long as its connection).
      dir = mkdtempSync(join(tmpdir(), 'xjy-fk-'));
    });
    afterAll(async () => {
      await ds?.destroy();
      await db?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const connect = async (migrations: typeof MIGRATIONS) => {
      const opts = await resolveDataSourceOptions({ databaseUrl: db.databaseUrl, embeddedDbFile: join(dir, 'fk.sqlite'), dbPoolSize: 2 });
      const conn = new DataSource({ ...opts, migrations });
      return conn.initialize();
    };
    const foreignKeys = async (conn: DataSource, table: string) => {
      const runner = conn.createQueryRunner();
      try {
        return (await runner.getTable(table))!.foreignKeys.map((fk) => fk.columnNames.join());
      } finally {
        await runner.release();
      }
    };

    it('moves reports of a deleted area to the nearest area left, and refuses rows it cannot repair without changing anything', async () => {
      const before = MIGRATIONS.filter((m) => m.name !== 'ReportMediaForeignKeys1764201600000');
      expect(before).toHaveLength(MIGRATIONS.length - 1);
      const old = await connect(before);
      await old.runMigrations();
      // What the app allowed before: a report in a leaf area, then the area deleted; and a row a bug might have left.
      const user = await old.getRepository(User).save(old.getRepository(User).create({ role: 'worker', nickname: '旧数据' }));
      const category = await old.getRepository(ReportCategory).findOneByOrFail({ key: 'traffic' });
      const district = await insertArea(old.manager, null, 'FK-D');
      const grid = await insertArea(old.manager, district, 'FK-G');
      const report = await old.getRepository(Report).save(old.getRepository(Report).create(reportRow(grid, user.id, category.id, 'old-1')));
      await old.getRepository(Area).delete({ id: grid.id });
      await old.getRepository(ReportEvent).insert({ reportId: NOWHERE, type: 'created', actorId: user.id });
      await old.destroy();

      ds = await connect(MIGRATIONS);
      await expect(ds.runMigrations()).rejects.toThrow(`report_event.reportId: 1 row(s) name report ids that do not exist (${NOWHERE})`);
      expect(await ds.showMigrations()).toBe(true);
      expect(await foreignKeys(ds, 'report_event')).toEqual([]);
      // Rolled back with the rest: the report still names the deleted area.
      expect((await ds.getRepository(Report).findOneByOrFail({ id: report.id })).areaId).toBe(grid.id);

      await ds.getRepository(ReportEvent).delete({ reportId: NOWHERE });
      await ds.runMigrations();
      expect(await ds.showMigrations()).toBe(false);
      expect(await ds.getRepository(Report).findOneByOrFail({ id: report.id })).toMatchObject({ areaId: district.id, areaPath: district.path });
      expect((await foreignKeys(ds, 'report')).sort()).toEqual(['areaId', 'categoryId', 'departmentId', 'duplicateOfId', 'reporterId', 'stationId']);
      expect(await foreignKeys(ds, 'report_event')).toEqual(expect.arrayContaining(['reportId', 'actorId']));
      expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    });
  });
});
