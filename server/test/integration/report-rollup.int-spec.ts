import 'reflect-metadata';
import type { ReportOutcome, ReportRating, ReportStatus } from '@xjy/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { ScopeRegistry } from '../../src/common/auth/scope-registry';
import { resolveDataSourceOptions } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seeds/demo.seed';
import { TransactionRunner, UnitOfWork } from '../../src/database/transaction.runner';
import { Area } from '../../src/modules/areas/area.entity';
import { AreasRepository } from '../../src/modules/areas/areas.repository';
import type { MediaService } from '../../src/modules/media/media.service';
import { ReportCategoriesRepository } from '../../src/modules/reports/categories/report-categories.repository';
import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { ReportDashboardRepository } from '../../src/modules/reports/dashboard/report-dashboard.repository';
import { ReportDashboardService } from '../../src/modules/reports/dashboard/report-dashboard.service';
import { chinaDay } from '../../src/modules/reports/dashboard/report-rollup.plan';
import { ReportRollupRepository } from '../../src/modules/reports/dashboard/report-rollup.repository';
import { Department } from '../../src/modules/reports/departments/department.entity';
import { DepartmentsRepository } from '../../src/modules/reports/departments/departments.repository';
import { ReportQueriesService } from '../../src/modules/reports/report-queries.service';
import { ReportRoutingRepository } from '../../src/modules/reports/report-routing.repository';
import { Report } from '../../src/modules/reports/report.entity';
import { ReportsRepository } from '../../src/modules/reports/reports.repository';
import { User } from '../../src/modules/users/user.entity';
import { adminAuth, staffAuth } from '../factories';
import { reportFactory } from '../factories/entities';
import { createTestDatabase, TEST_DRIVERS, TestDatabase } from '../support/test-db';

const HOUR = 3600_000;
/** Monday 2025-03-03 00:00 in China. */
const T = Date.UTC(2025, 2, 2, 16);
const at = (h: number) => new Date(T + h * HOUR);
const NOW = at(24 * 24);
/** Saturday 05:00 before the first week to Wednesday 07:00 of the third: two whole weeks, whole days, partial edges. */
const WINDOW = { from: at(-43).toISOString(), to: at(24 * 16 + 7).toISOString() };

/** The roll-up answering nothing: every day dirty, so the dashboard counts the whole window from `report`. */
class NoRollup extends ReportRollupRepository {
  override async dirtyDays(first: number, end: number): Promise<Set<number>> {
    return new Set(Array.from({ length: Math.max(0, end - first) }, (_, i) => first + i));
  }
}

/** Runs `race` once, right after the first statement of the next transaction (the sweep's read of the dirty log). */
class RacingTransactions extends TransactionRunner {
  race: (() => Promise<void>) | null = null;
  override run<R>(work: (m: UnitOfWork) => Promise<R>): Promise<R> {
    return super.run((m) =>
      work(
        new Proxy(m, {
          get: (target, prop, receiver) => {
            if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
            return async (...args: Parameters<EntityManager['query']>) => {
              const out: unknown = await target.query(...args);
              const race = this.race;
              this.race = null;
              if (race) await race();
              return out;
            };
          },
        }),
      ),
    );
  }
}

/** Seeded, so a failure replays. */
function random(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  return { next, pick: <V>(list: readonly V[]): V => list[Math.floor(next() * list.length)], int: (n: number) => Math.floor(next() * n) };
}

/**
 * The roll-up path and the direct path give the same dashboard, figure for figure, through a random series of
 * report changes over three weeks, with the sweeper run between some of them (and days left dirty at others).
 */
describe.each(TEST_DRIVERS)('dashboard roll-up (%s)', (driver) => {
  let db: TestDatabase;
  let ds: DataSource;
  let tx: RacingTransactions;
  let rollup: ReportRollupRepository;
  let rolled: ReportDashboardService;
  let direct: ReportDashboardService;
  let dashboard: ReportDashboardRepository;
  let district: Area;
  let streets: Area[];
  let departments: number[];
  let categories: number[];
  let reporter: number;
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    ds = new DataSource(await resolveDataSourceOptions({ databaseUrl: db.databaseUrl, embeddedDbFile: db.embeddedDbFile, dbPoolSize: 10 }));
    await ds.initialize();
    await ds.runMigrations();
    await seedDemo(ds);
    tx = new RacingTransactions(ds);
    const areas = ds.getRepository(Area);
    const mk = async (parent: Area | null, code: string, name: string, level: string) => {
      const a = await areas.save(areas.create({ parentId: parent?.id ?? null, level, name, code, path: '', centerLat: 38.3, centerLng: 114.6, boundary: null } as Partial<Area>));
      a.path = `${parent?.path ?? '/'}${a.id}/`;
      await areas.update(a.id, { path: a.path });
      return a;
    };
    district = await mk(null, 'ROLL01', '汇总区', 'district');
    streets = [await mk(district, 'ROLL011', '东街道', 'street'), await mk(district, 'ROLL012', '西街道', 'street')];
    streets.push(await mk(streets[0], 'ROLL0111', '一社区', 'community'));
    const d1 = await ds.getRepository(Department).save({ name: '汇总城管', phone: null, archivedAt: null });
    const d2 = await ds.getRepository(Department).save({ name: '汇总交警', phone: null, archivedAt: null });
    departments = [d1.id, d2.id];
    categories = (await ds.getRepository(ReportCategory).find()).slice(0, 3).map((c) => c.id);
    reporter = (await ds.getRepository(User).findOneByOrFail({ role: 'worker' })).id;

    const routing = new ReportRoutingRepository(ds);
    const cats = new ReportCategoriesRepository(ds, tx);
    const depts = new DepartmentsRepository(ds, tx);
    const queries = new ReportQueriesService(new ReportsRepository(ds), routing, new AreasRepository(ds, tx), cats, depts, {} as MediaService, {} as ScopeRegistry);
    rollup = new ReportRollupRepository(ds, tx);
    dashboard = new ReportDashboardRepository(ds, rollup);
    rolled = new ReportDashboardService(dashboard, queries, cats, depts, routing);
    direct = new ReportDashboardService(new ReportDashboardRepository(ds, new NoRollup(ds, tx)), queries, cats, depts, routing);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const reports = () => ds.getRepository(Report);
  const statuses: ReportStatus[] = ['submitted', 'accepted', 'dispatched', 'handling', 'verifying', 'deferred', 'resolved', 'closed', 'rejected', 'duplicate', 'withdrawn'];

  /** A report's state after a random transition: status and everything the measures read, deadlines around NOW. */
  function state(rnd: ReturnType<typeof random>, created: Date): Partial<Report> {
    const status = rnd.pick(statuses);
    const filed = !['submitted', 'rejected', 'duplicate', 'withdrawn'].includes(status) || rnd.next() < 0.2;
    const dispatched = filed && !['submitted', 'accepted'].includes(status);
    const closed = status === 'resolved' || status === 'closed';
    const around = () => new Date(NOW.getTime() + (rnd.next() - 0.5) * 48 * HOUR);
    return {
      status,
      acceptedAt: filed ? new Date(created.getTime() + HOUR) : null,
      dispatchedById: dispatched ? reporter : null,
      departmentId: dispatched ? rnd.pick(departments) : rnd.next() < 0.2 ? rnd.pick(departments) : null,
      outcome: closed ? (rnd.pick(['fixed', 'fixed', 'not_fixable', 'not_responsible'] as const) satisfies ReportOutcome) : null,
      escalatedAt: rnd.next() < 0.3 ? around() : null,
      reworkCount: rnd.next() < 0.3 ? 1 + rnd.int(2) : 0,
      extensionCount: rnd.next() < 0.3 ? 1 : 0,
      rating: closed && rnd.next() < 0.7 ? (rnd.pick(['satisfied', 'basic', 'unsatisfied'] as const) satisfies ReportRating) : null,
      acceptDueAt: around(),
      resolveDueAt: around(),
      stageDeadlineAt: rnd.next() < 0.8 ? around() : null,
    };
  }

  async function insert(rnd: ReturnType<typeof random>): Promise<void> {
    // Received from two days before the window to two after it.
    const created = at(-48 + rnd.next() * 24 * 20);
    const area = rnd.pick(streets);
    const { id: _id, ...row } = reportFactory({ reporterId: reporter, categoryId: rnd.pick(categories), areaId: area.id, areaPath: area.path, createdAt: created, ...state(rnd, created) });
    const saved = await reports().save(reports().create({ ...row, idempotencyKey: `rollup-${++n}` }));
    await reports().update(saved.id, { createdAt: created, updatedAt: created });
  }

  async function change(rnd: ReturnType<typeof random>): Promise<void> {
    const all = await reports().find({ select: { id: true, createdAt: true, areaPath: true } });
    const mine = all.filter((r) => r.areaPath.startsWith(district.path));
    const r = rnd.pick(mine);
    if (rnd.next() < 0.1) {
      // Rare, but nothing forbids it at the SQL level: the report moves to another day (both days turn dirty).
      await reports().update(r.id, { createdAt: new Date(r.createdAt.getTime() + (rnd.next() - 0.5) * 72 * HOUR) });
      return;
    }
    await reports().update(r.id, state(rnd, r.createdAt));
  }

  /** Same answers both ways, asked at the sweep's moment, later (deadlines passed since: aged days), and before it. */
  async function expectSame(nows = [NOW, new Date(NOW.getTime() + 5 * HOUR), new Date(NOW.getTime() + 30 * HOUR), new Date(NOW.getTime() - HOUR)]): Promise<void> {
    for (const now of nows) {
      for (const auth of [adminAuth(1), staffAuth(7, { scopePaths: [streets[0].path], scopeAreaIds: [streets[0].id] })]) {
        for (const q of [{ ...WINDOW, areaId: district.id }, { ...WINDOW }, { from: at(0).toISOString(), to: at(24 * 7).toISOString() }]) {
          const [a, b] = await Promise.all([rolled.figures(auth, q, now), direct.figures(auth, q, now)]);
          expect(a).toEqual(b);
        }
      }
    }
  }

  it('gives the figures of the direct count after random changes, swept or not', async () => {
    const rnd = random(20261202);
    for (let i = 0; i < 80; i++) await insert(rnd);
    await expectSame();
    expect(await rollup.sweep(60_000, NOW)).toBeGreaterThan(15);
    expect(await rollup.pending()).toBe(0);
    const plan = await dashboard.plan(new Date(WINDOW.from), new Date(WINDOW.to), NOW);
    expect(plan.weeks).toHaveLength(2);
    expect(plan.days.length).toBeGreaterThan(0);
    const clean = await rolled.figures(adminAuth(1), { ...WINDOW, areaId: district.id }, NOW);
    expect(clean.received).toBeGreaterThan(40);
    expect(clean.overdue).toBeGreaterThan(0);
    await expectSame();
    // A day later deadlines have passed: those days are counted directly until the sweeper builds them again.
    const later = new Date(NOW.getTime() + 24 * HOUR);
    const aged = await dashboard.plan(new Date(WINDOW.from), new Date(WINDOW.to), later);
    expect(aged.weeks.length).toBeLessThan(2);
    expect(await rollup.sweep(60_000, later)).toBeGreaterThan(0);
    expect((await dashboard.plan(new Date(WINDOW.from), new Date(WINDOW.to), later)).weeks).toHaveLength(2);
    await expectSame([later]);
    await rollup.sweep(60_000, NOW);
    for (let round = 0; round < 6; round++) {
      const steps = 1 + rnd.int(8);
      for (let i = 0; i < steps; i++) {
        if (rnd.next() < 0.2) await insert(rnd);
        else await change(rnd);
      }
      await expectSame();
      if (rnd.next() < 0.6) {
        await rollup.sweep(60_000, NOW);
        expect(await rollup.pending()).toBe(0);
        await expectSame();
      }
    }
  });

  it('keeps a day dirty when a report of it is written while the day is rebuilt', async () => {
    const r = await reports().findOneOrFail({ where: { areaPath: streets[1].path }, order: { id: 'ASC' } });
    await rollup.sweep(60_000, NOW);
    expect(await rollup.pending()).toBe(0);
    const day = chinaDay(r.createdAt);
    // A no-op write marks the day; while the sweep rebuilds it, another write lands (its own connection on MySQL,
    // committed before the sweep commits).
    await reports().update(r.id, { priority: r.priority + 1 });
    tx.race = async () => {
      await reports().update(r.id, { status: 'resolved', outcome: 'fixed', acceptedAt: r.createdAt, dispatchedById: reporter, rating: 'satisfied' });
    };
    await rollup.rebuildDay(day, NOW);
    expect(tx.race).toBeNull();
    expect(await rollup.dirtyDays(day, day + 1)).toEqual(new Set([day]));
    await expectSame();
    await rollup.sweep(60_000, NOW);
    expect(await rollup.dirtyDays(day, day + 1)).toEqual(new Set());
    await expectSame();
    const f = await rolled.figures(adminAuth(1), { ...WINDOW, areaId: district.id }, NOW);
    const inWindow = await reports()
      .createQueryBuilder('r')
      .where('r.areaPath LIKE :p AND r.createdAt >= :from AND r.createdAt < :to', { p: `${district.path}%`, from: new Date(WINDOW.from), to: new Date(WINDOW.to) })
      .getCount();
    expect(f.received).toBe(inWindow);
  });
});
