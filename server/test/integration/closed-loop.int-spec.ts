import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { resolveDataSourceOptions } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seeds/demo.seed';
import { TransactionRunner } from '../../src/database/transaction.runner';
import { Area } from '../../src/modules/areas/area.entity';
import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { Department } from '../../src/modules/reports/departments/department.entity';
import { ReportEvent } from '../../src/modules/reports/report-event.entity';
import type { Report } from '../../src/modules/reports/report.entity';
import { NewReport, ReportsRepository } from '../../src/modules/reports/reports.repository';
import { User } from '../../src/modules/users/user.entity';
import { createTestDatabase, TEST_DRIVERS, TestDatabase } from '../support/test-db';

const HOUR = 3600_000;

/** The closed loop's queries on each driver: overdue per stage, the 督办 scope, escalation guards, the department queue. */
describe.each(TEST_DRIVERS)('closed-loop repository queries on %s', (driver) => {
  let db: TestDatabase;
  let ds: DataSource;
  let reports: ReportsRepository;
  let tx: TransactionRunner;
  let grid: Area;
  let base: Omit<NewReport, 'idempotencyKey' | 'status'>;
  let chengguan: Department;
  const now = new Date('2026-06-01T04:00:00Z');
  const at = (h: number) => new Date(now.getTime() + h * HOUR);
  let seq = 0;
  const insert = (over: Partial<Report>) => tx.run((m) => reports.insert(m, { ...base, idempotencyKey: `loop-int-${++seq}`, status: 'submitted', ...over } as NewReport));

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    ds = new DataSource(await resolveDataSourceOptions({ databaseUrl: db.databaseUrl, embeddedDbFile: db.embeddedDbFile, dbPoolSize: 10 }));
    await ds.initialize();
    await ds.runMigrations();
    await seedDemo(ds);
    tx = new TransactionRunner(ds);
    reports = new ReportsRepository(ds);
    grid = await ds.getRepository(Area).findOneByOrFail({ code: '13018400100101' });
    chengguan = await ds.getRepository(Department).findOneByOrFail({ name: '城管' });
    const reporter = await ds.getRepository(User).findOneByOrFail({ demoAccount: 'streamer' });
    const category = await ds.getRepository(ReportCategory).findOneByOrFail({ key: 'environment' });
    base = {
      reporterId: reporter.id,
      categoryId: category.id,
      description: '闭环测试',
      lat: 38.34,
      lng: 114.68,
      areaId: grid.id,
      areaPath: grid.path,
      stationId: null,
      priority: 0,
      witnessCount: 0,
      pointsAwarded: 0,
      flaggedAt: null,
      departmentId: null,
      duplicateOfId: null,
      acceptDueAt: at(24),
      resolveDueAt: at(72),
      reviewedAt: null,
      acceptedAt: null,
      finishedAt: null,
    };
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('gives the default categories the shared stage hours (null columns) and new reports the loop defaults', async () => {
    const c = await ds.getRepository(ReportCategory).findOneByOrFail({ key: 'traffic' });
    expect([c.signHours, c.verifyHours]).toEqual([null, null]);
    const r = await insert({});
    expect(await reports.findById(r.id)).toMatchObject({ reworkCount: 0, extensionCount: 0, escalationLevel: 0, reporterFixed: null, outcome: null, stageDeadlineAt: null });
  });

  it('keeps the reporter’s confirmation as a boolean and the event’s status, deadline and time', async () => {
    const r = await insert({ status: 'resolved' });
    await tx.run((m) => reports.update(m, r.id, { reporterFixed: false }));
    expect((await reports.findById(r.id))!.reporterFixed).toBe(false);
    await tx.run((m) => reports.addEvent(m, { reportId: r.id, type: 'signed', actorId: null, status: 'handling', dueAt: at(72), createdAt: at(5), data: { late: true } }));
    const e = (await reports.findEvents(r.id)).at(-1)!;
    expect(e).toMatchObject({ type: 'signed', status: 'handling', data: { late: true } });
    expect([e.dueAt!.getTime(), e.createdAt.getTime()]).toEqual([at(72).getTime(), at(5).getTime()]);
  });

  it('finds overdue cases by the deadline of the stage each is in, and never a deferred one', async () => {
    const late = await Promise.all([
      insert({ status: 'submitted', acceptDueAt: at(-1) }),
      insert({ status: 'accepted', resolveDueAt: at(-1) }),
      insert({ status: 'dispatched', stageDeadlineAt: at(-1), departmentId: chengguan.id, dispatchedById: base.reporterId }),
      insert({ status: 'handling', stageDeadlineAt: at(-1) }),
      insert({ status: 'verifying', stageDeadlineAt: at(-1) }),
    ]);
    const onTime = await Promise.all([
      insert({ status: 'dispatched', stageDeadlineAt: at(1), resolveDueAt: at(-10) }),
      insert({ status: 'deferred', stageDeadlineAt: null, resolveDueAt: at(-10) }),
      insert({ status: 'resolved', stageDeadlineAt: at(-10) }),
    ]);
    const due = (await reports.findEscalationDue(now, at(-24), 2, 1000)).map((r) => r.id);
    expect(due).toEqual(expect.arrayContaining(late.map((r) => r.id)));
    for (const r of onTime) expect(due).not.toContain(r.id);
    const page = await reports.findPage({ scopePaths: null, overdue: true }, null, 1000, now);
    expect(page.map((r) => r.id)).toEqual(expect.arrayContaining(late.map((r) => r.id)));
    for (const r of onTime) expect(page.map((x) => x.id)).not.toContain(r.id);
  });

  it('raises a case once when two sweeps race (the level guard), and again only after the repeat time', async () => {
    const r = await insert({ status: 'handling', stageDeadlineAt: at(-2) });
    const raise = () => tx.run((m) => reports.transition(m, r.id, ['handling'], { escalationLevel: 1, escalatedAt: now, escalationPath: '/x/' }, { escalationLevel: 0 }));
    const results = await Promise.all([raise(), raise(), raise()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await reports.findEscalationDue(now, at(-24), 2, 1000)).map((x) => x.id)).not.toContain(r.id);
    expect((await reports.findEscalationDue(at(25), at(1), 2, 1000)).map((x) => x.id)).toContain(r.id);
  });

  it('shows the 督办 queue to staff supervising the area raised to (before that, the report’s own area)', async () => {
    const street = await ds.getRepository(Area).findOneByOrFail({ code: '130184001' });
    const community = await ds.getRepository(Area).findOneByOrFail({ code: '130184001001' });
    const plain = await insert({ status: 'handling', stageDeadlineAt: at(-1) });
    const raised = await insert({ status: 'handling', stageDeadlineAt: at(-1), escalationLevel: 1, escalationAreaId: street.id, escalationPath: street.path, escalatedAt: now });
    const ids = async (scope: string[] | null, escalated = false) => (await reports.findOverduePage(scope, escalated, null, 1000, now)).map((r) => r.id);
    expect(await ids([community.path])).toContain(plain.id);
    expect(await ids([community.path])).not.toContain(raised.id);
    expect(await ids([street.path])).toEqual(expect.arrayContaining([plain.id, raised.id]));
    expect(await ids([street.path], true)).toContain(raised.id);
    expect(await ids([street.path], true)).not.toContain(plain.id);
    expect(await ids([])).toEqual([]);
  });

  it("pages a department's queue with only the cases dispatched to it", async () => {
    const mine = await insert({ status: 'dispatched', departmentId: chengguan.id, dispatchedById: base.reporterId, stageDeadlineAt: at(4) });
    const other = await insert({ status: 'dispatched', departmentId: chengguan.id + 1, dispatchedById: base.reporterId, stageDeadlineAt: at(4) });
    const rows = await reports.findPage({ scopePaths: null, departmentId: chengguan.id, statuses: ['dispatched'] }, null, 1000, now);
    expect(rows.map((r) => r.id)).toContain(mine.id);
    expect(rows.map((r) => r.id)).not.toContain(other.id);
  });

  it('finds the staff of an area and the areas above it, and a department’s handlers', async () => {
    const street = await ds.getRepository(Area).findOneByOrFail({ code: '130184001' });
    const staff = await ds.getRepository(User).findOneByOrFail({ demoAccount: 'staff' });
    const handler = await ds.getRepository(User).findOneByOrFail({ demoAccount: 'department' });
    expect(await reports.findStaffOfAreas([street.id])).toEqual([staff.id]);
    expect(await reports.findStaffOfAreas([grid.id])).toEqual([]);
    expect(await reports.findDepartmentUsers(chengguan.id)).toEqual([handler.id]);
    expect(await ds.getRepository(ReportEvent).count()).toBeGreaterThan(0);
  });
});
