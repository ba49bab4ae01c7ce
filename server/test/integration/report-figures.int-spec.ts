import 'reflect-metadata';
import type { ReportEventType } from '@xjy/shared';
import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seeds/demo.seed';
import { TransactionRunner } from '../../src/database/transaction.runner';
import { Area } from '../../src/modules/areas/area.entity';
import type { ScopeRegistry } from '../../src/common/auth/scope-registry';
import type { MediaService } from '../../src/modules/media/media.service';
import { ReportCategoriesRepository } from '../../src/modules/reports/categories/report-categories.repository';
import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { ReportDashboardRepository } from '../../src/modules/reports/dashboard/report-dashboard.repository';
import { ReportDashboardService } from '../../src/modules/reports/dashboard/report-dashboard.service';
import { Department } from '../../src/modules/reports/departments/department.entity';
import { DepartmentsRepository } from '../../src/modules/reports/departments/departments.repository';
import { ReportEvent } from '../../src/modules/reports/report-event.entity';
import { ReportQueriesService } from '../../src/modules/reports/report-queries.service';
import { AreasRepository } from '../../src/modules/areas/areas.repository';
import { ReportRoutingRepository } from '../../src/modules/reports/report-routing.repository';
import { Report } from '../../src/modules/reports/report.entity';
import { ReportsRepository } from '../../src/modules/reports/reports.repository';
import { User } from '../../src/modules/users/user.entity';
import { adminAuth, staffAuth } from '../factories';
import { reportFactory } from '../factories/entities';
import { createTestDatabase, TEST_DRIVERS, TestDatabase } from '../support/test-db';

const HOUR = 3600_000;
/** Monday 2025-03-03 00:00 in China: a fortnight long before the demo data. */
const T = Date.UTC(2025, 2, 2, 16);
const at = (h: number) => new Date(T + h * HOUR);
const NOW = at(24 * 30);
const FAR = at(24 * 400);

/**
 * Every figure of the dashboard on a hand-built set of cases, checked by hand, in SQL on both drivers:
 *
 *   case  status      area  dept  filed  dispatched  handled  outcome        rework ext  rating       escalated  overdue
 *   c1    resolved    X     d1    yes    yes         yes      fixed          -      -    satisfied    -          -
 *   c2    resolved    X     d1    yes    yes         yes      fixed          1      -    basic        yes        -
 *   c3    closed      X     d2    yes    yes         -        not_fixable    -      -    unsatisfied  -          -
 *   c4    deferred    X     d2    yes    yes         -        -              -      -    -            -          -
 *   c5    handling    Y     d1    yes    yes         -        -              -      1    -            -          yes (stage deadline)
 *   c6    rejected    Y     -     -      -           -        -              -      -    -            -          -
 *   c7    submitted   Y     -     -      -           -        -              -      -    -            -          yes (accept deadline)
 *   c8    withdrawn   Y     -     -      -           -        -              -      -    -            -          -
 *   c9    verifying   Y     d2    yes    yes         yes      -              -      -    -            -          -
 *   c10   accepted    Y     -     yes    -           -        -              -      -    -            -          - (week 2)
 *
 * received 10; 应结案 (filed) 7; 缓办 1; 结案 2 (c3 closed not fixed is not counted); 按期结案 1 (c2 was escalated);
 * 派遣 6; 处置 3; 返工 1; 延期 1; rated 3 (satisfied 1, basic 1, unsatisfied 1); overdue 2.
 * 结案率 2/6, 按期结案率 1/6, 返工率 1/6, 延期率 1/6, 满意率 2/3, 处置率 3/6; d1 处置率 2/3, d2 1/3.
 */
describe.each(TEST_DRIVERS)('dashboard figures on hand-built cases (%s)', (driver) => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: ReportDashboardService;
  let district: Area;
  let x: Area;
  let y: Area;
  let d1: Department;
  let d2: Department;
  const window = { from: at(0).toISOString(), to: at(24 * 14).toISOString() };

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    ds = new DataSource(await resolveDataSourceOptions({ databaseUrl: db.databaseUrl, embeddedDbFile: db.embeddedDbFile, dbPoolSize: 10 }));
    await ds.initialize();
    await ds.runMigrations();
    await seedDemo(ds);
    const tx = new TransactionRunner(ds);
    const areas = ds.getRepository(Area);
    const mk = (parent: Area | null, code: string, name: string, level: string) =>
      areas.save(areas.create({ parentId: parent?.id ?? null, level, name, code, path: '', centerLat: 38.3, centerLng: 114.6, boundary: null } as Partial<Area>));
    district = await mk(null, 'FIG01', '指标区', 'district');
    await areas.update(district.id, { path: `/${district.id}/` });
    district.path = `/${district.id}/`;
    for (const [i, name] of ['甲街道', '乙街道'].entries()) {
      const a = await mk(district, `FIG01${i}`, name, 'street');
      a.path = `${district.path}${a.id}/`;
      await areas.update(a.id, { path: a.path });
      if (i === 0) x = a;
      else y = a;
    }
    const other = await mk(null, 'FIG02', '别的区', 'district');
    await areas.update(other.id, { path: `/${other.id}/` });
    d1 = await ds.getRepository(Department).save({ name: '指标城管', phone: null, archivedAt: null });
    d2 = await ds.getRepository(Department).save({ name: '指标交警', phone: null, archivedAt: null });
    const category = (await ds.getRepository(ReportCategory).findOneByOrFail({ key: 'traffic' })).id;
    const reporter = (await ds.getRepository(User).findOneByOrFail({ role: 'worker' })).id;
    const staff = (await ds.getRepository(User).findOneByOrFail({ role: 'admin' })).id;

    const reports = ds.getRepository(Report);
    const events = ds.getRepository(ReportEvent);
    let n = 0;
    const put = async (area: Area, over: Partial<Report>, timeline: Array<[ReportEventType, number]> = []) => {
      const created = over.createdAt ?? at(n);
      const { id: _id, ...row } = reportFactory({ reporterId: reporter, categoryId: category, areaId: area.id, areaPath: area.path, acceptDueAt: FAR, resolveDueAt: FAR, ...over, createdAt: created });
      const saved = await reports.save(reports.create({ ...row, idempotencyKey: `figures-${++n}` }));
      await reports.update(saved.id, { createdAt: created, updatedAt: created });
      for (const [type, h] of [['created', 0] as [ReportEventType, number], ...timeline]) {
        const e = await events.save(events.create({ reportId: saved.id, type, actorId: staff, note: null, data: null, status: null, dueAt: null }));
        await events.update(e.id, { createdAt: new Date(created.getTime() + h * HOUR) });
      }
      return saved;
    };
    const loop = { dispatchedById: staff, acceptedAt: null as Date | null };
    const filed = (h: number) => ({ ...loop, acceptedAt: at(h) });
    // c1: accepted +2 h, dispatched +3, signed +4, handled +10, verified +12.
    await put(x, { createdAt: at(0), status: 'resolved', outcome: 'fixed', closedAt: at(12), departmentId: d1.id, rating: 'satisfied', ratedAt: at(20), ...filed(2) }, [
      ['accepted', 2], ['dispatched', 3], ['signed', 4], ['handled', 10], ['verified', 12],
    ]);
    // c2: accepted +4, dispatched +6, signed +7, handled +20, rework +22, handled +30, verified +31; escalated once.
    await put(x, { createdAt: at(1), status: 'resolved', outcome: 'fixed', closedAt: at(32), departmentId: d1.id, reworkCount: 1, rating: 'basic', ratedAt: at(40), escalatedAt: at(10), ...filed(5) }, [
      ['accepted', 4], ['dispatched', 6], ['signed', 7], ['handled', 20], ['rework', 22], ['handled', 30], ['verified', 31],
    ]);
    // c3: closed not fixable after signing.
    await put(x, { createdAt: at(2), status: 'closed', outcome: 'not_fixable', closedAt: at(50), departmentId: d2.id, rating: 'unsatisfied', ratedAt: at(60), ...filed(8) }, [
      ['accepted', 6], ['dispatched', 8], ['signed', 10], ['closed', 48],
    ]);
    await put(x, { createdAt: at(3), status: 'deferred', deferredAt: at(30), departmentId: d2.id, ...filed(4) }, [['accepted', 1], ['dispatched', 2], ['signed', 5]]);
    await put(y, { createdAt: at(4), status: 'handling', departmentId: d1.id, extensionCount: 1, stageDeadlineAt: at(100), ...filed(7) }, [['accepted', 3], ['dispatched', 4]]);
    await put(y, { createdAt: at(5), status: 'rejected', reviewedAt: at(6), finishedAt: at(6) });
    await put(y, { createdAt: at(6), status: 'submitted', acceptDueAt: at(30) });
    await put(y, { createdAt: at(7), status: 'withdrawn', finishedAt: at(8) });
    await put(y, { createdAt: at(8), status: 'verifying', departmentId: d2.id, stageDeadlineAt: FAR, ...filed(10) }, [['accepted', 2], ['dispatched', 3], ['signed', 4], ['handled', 9]]);
    await put(y, { createdAt: at(24 * 8), status: 'accepted', acceptedAt: at(24 * 8 + 1) }, [['accepted', 1]]);
    // Outside: received before the window, and in another district.
    await put(x, { createdAt: at(-5), status: 'resolved', outcome: 'fixed', ...filed(-4) });
    await put((await areas.findOneByOrFail({ code: 'FIG02' })) as Area, { createdAt: at(1), status: 'resolved', outcome: 'fixed', ...filed(2) });

    const routing = new ReportRoutingRepository(ds);
    const categories = new ReportCategoriesRepository(ds, tx);
    const departments = new DepartmentsRepository(ds, tx);
    const queries = new ReportQueriesService(new ReportsRepository(ds), routing, new AreasRepository(ds, tx), categories, departments, {} as MediaService, {} as ScopeRegistry);
    service = new ReportDashboardService(new ReportDashboardRepository(ds), queries, categories, departments, routing);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('counts every term of the figures by hand-checked definition', async () => {
    const f = await service.figures(adminAuth(1), { ...window, areaId: district.id }, NOW);
    expect(f.counts).toEqual({
      received: 10,
      filed: 7,
      deferred: 1,
      closedFixed: 2,
      closedOnTime: 1,
      closedNotFixed: 1,
      dispatched: 6,
      handled: 3,
      reworked: 1,
      extended: 1,
      rated: 3,
      satisfied: 1,
      basic: 1,
      unsatisfied: 1,
    });
    expect(f.received).toBe(10);
    expect(f.overdue).toBe(2);
  });

  it('computes each figure with its numerator and denominator; closed-not-fixed and rejected are never 结案', async () => {
    const f = await service.figures(adminAuth(1), { ...window, areaId: district.id }, NOW);
    expect(f.closureRate).toEqual({ value: 2 / 6, numerator: 2, denominator: 6 });
    expect(f.onTimeClosureRate).toEqual({ value: 1 / 6, numerator: 1, denominator: 6 });
    expect(f.reworkRate).toEqual({ value: 1 / 6, numerator: 1, denominator: 6 });
    expect(f.extensionRate).toEqual({ value: 1 / 6, numerator: 1, denominator: 6 });
    expect(f.satisfactionRate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(f.handlingRate).toEqual({ value: 3 / 6, numerator: 3, denominator: 6 });
  });

  it('breaks down by department (处置率 each), by street, by category and by China week', async () => {
    const f = await service.figures(adminAuth(1), { ...window, areaId: district.id }, NOW);
    const dept = (id: number) => f.byDepartment.find((d) => d.departmentId === id)!;
    expect(dept(d1.id)).toMatchObject({ name: '指标城管', received: 3, figures: { handlingRate: { numerator: 2, denominator: 3 } } });
    expect(dept(d2.id)).toMatchObject({ name: '指标交警', received: 3, figures: { handlingRate: { numerator: 1, denominator: 3 } } });
    expect(f.byArea.map((a) => [a.name, a.received, a.overdue, a.counts.closedFixed])).toEqual([
      ['乙街道', 6, 2, 0],
      ['甲街道', 4, 0, 2],
    ]);
    expect(f.byCategory).toHaveLength(1);
    expect(f.byCategory[0]).toMatchObject({ category: 'traffic', received: 10 });
    expect(f.byWeek.map((w) => [w.week, w.received, w.counts.filed])).toEqual([
      ['2025-03-03', 9, 6],
      ['2025-03-10', 1, 1],
    ]);
    const statuses = Object.fromEntries(f.byStatus.filter((s) => s.count).map((s) => [s.status, s.count]));
    expect(statuses).toEqual({ resolved: 2, closed: 1, deferred: 1, handling: 1, rejected: 1, submitted: 1, withdrawn: 1, verifying: 1, accepted: 1 });
  });

  it('takes the median hours of each stage from the timeline', async () => {
    const f = await service.figures(adminAuth(1), { ...window, areaId: district.id }, NOW);
    const m = Object.fromEntries(f.medianHours.map((s) => [s.stage, [s.hours, s.cases]]));
    // 立案, report → acceptedAt: c1 2, c2 4, c3 6, c4 1, c5 3, c9 2, c10 1 → median 2.
    expect(m.file).toEqual([2, 7]);
    // accepted → dispatched: 1, 2, 2, 1, 1, 1 → 1.
    expect(m.dispatch).toEqual([1, 6]);
    // dispatched → signed: 1, 1, 2, 3, 1 → 1.
    expect(m.sign).toEqual([1, 5]);
    // signed/rework → handled: 6, 13, 8, 5 → 7.
    expect(m.handle).toEqual([7, 4]);
    // handled → verified/rework/closed: 2, 2, 1 → 2.
    expect(m.verify).toEqual([2, 3]);
    expect(f.medianSampleSize).toBe(7);
  });

  it('narrows to a staff member’s scope', async () => {
    const f = await service.figures(staffAuth(7, { scopePaths: [y.path], scopeAreaIds: [y.id] }), window, NOW);
    expect(f.received).toBe(6);
    expect(f.closureRate).toEqual({ value: 0, numerator: 0, denominator: 3 });
  });
});
