import { adminAuth, areaFactory, staffAuth } from '../../../test/factories';
import { FakeReportRoutingRepository } from '../../../test/fakes/reports.fakes';
import { loopHarness } from '../../../test/fakes/report-loop.fakes';
import type { AppConfig } from '../../config/app.config';
import { escalationTarget, ReportEscalationService } from './report-escalation.service';
import { isOverdue } from './report-stages';
import type { Report } from './report.entity';

describe(ReportEscalationService.name, () => {
  let h: ReturnType<typeof loopHarness>;
  let sut: ReportEscalationService;
  const areas = [
    areaFactory({ id: 1, level: 'district', name: '新乐市', path: '/1/' }),
    areaFactory({ id: 2, level: 'street', name: '长寿街道', path: '/1/2/' }),
    areaFactory({ id: 3, level: 'community', name: '东关社区', path: '/1/2/3/' }),
    areaFactory({ id: 4, level: 'grid', name: '一网格', path: '/1/2/3/4/' }),
  ];
  /** 城管 should have signed 1 hour ago. */
  const late = (over: Partial<Report> = {}) => h.seed({ status: 'dispatched', departmentId: h.chengguan.id, dispatchedById: 9, stageDeadlineAt: h.hoursFromNow(-1), ...over });

  beforeEach(() => {
    h = loopHarness();
    // The repository's overdue queries over the in-memory rows.
    const rows = () => [...h.reports.rows.values()];
    Object.assign(h.reports, {
      findEscalationDue: async (now: Date, repeatBefore: Date, maxLevel: number) =>
        rows().filter((r) => isOverdue(r, now) && (r.escalationLevel === 0 || (r.escalationLevel < maxLevel && r.escalatedAt! < repeatBefore))),
      findOverduePage: async (scope: string[] | null, escalatedOnly: boolean, _before: number | null, _limit: number, now: Date) =>
        rows().filter((r) => isOverdue(r, now) && (!escalatedOnly || r.escalationLevel > 0) && (!scope || scope.some((p) => (r.escalationPath ?? r.areaPath).startsWith(p)))),
    });
    h.staffByArea.set(2, [20]);
    h.staffByArea.set(1, [10]);
    const d = h.deps;
    const routing = new FakeReportRoutingRepository(areas).asRepository();
    sut = new ReportEscalationService(d.reports, d.categories, d.departments, routing, d.queries, d.points, d.messages, d.tx, { env: 'test' } as AppConfig, d.clock);
  });

  it('raises a community’s case to its street, then its district, and no higher', () => {
    expect(escalationTarget({ areaPath: '/1/2/3/4/', escalationLevel: 0 })).toEqual({ level: 1, areaId: 2 });
    expect(escalationTarget({ areaPath: '/1/2/3/', escalationLevel: 1 })).toEqual({ level: 2, areaId: 1 });
    expect(escalationTarget({ areaPath: '/1/2/3/4/', escalationLevel: 2 })).toBeNull();
  });

  it('escalates an overdue stage once per sweep: event, message to the street’s staff, level and area on the report', async () => {
    const r = late();
    const onTime = late({ stageDeadlineAt: h.hoursFromNow(1) });
    expect(await sut.sweep()).toBe(1);
    expect(h.row(r.id)).toMatchObject({ escalationLevel: 1, escalationAreaId: 2, escalationPath: '/1/2/', escalatedAt: h.clock.now(), status: 'dispatched' });
    expect(h.row(onTime.id).escalationLevel).toBe(0);
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'escalated', actorId: null, status: 'dispatched', data: { escalationLevel: 1, areaId: 2 }, note: '签收超时约 1 小时，提级督办至长寿街道' });
    // The staff whose scope holds the street: the street's own, and the district's above it.
    expect(h.sent).toEqual([expect.objectContaining({ userIds: [10, 20], kind: 'report_escalated', reportId: r.id })]);
    expect(h.notices).toEqual([]);
    expect(await sut.sweep()).toBe(0);
  });

  it('raises it to the district after another day still overdue, then stops', async () => {
    const r = late();
    await sut.sweep();
    h.clock.advance(25);
    expect(await sut.sweep()).toBe(1);
    expect(h.row(r.id)).toMatchObject({ escalationLevel: 2, escalationAreaId: 1 });
    expect(h.sent.at(-1)).toMatchObject({ userIds: [10] });
    h.clock.advance(25);
    expect(await sut.sweep()).toBe(0);
  });

  it('escalates every kind of stage: review, sign, handle and verify; never a deferred case', async () => {
    late({ status: 'submitted', acceptDueAt: h.hoursFromNow(-2), stageDeadlineAt: null });
    late({ status: 'handling' });
    late({ status: 'verifying' });
    late({ status: 'deferred', stageDeadlineAt: null });
    expect(await sut.sweep()).toBe(3);
  });

  it('lists the 督办 queue for the staff supervising the area raised to, with stage, holder and hours overdue', async () => {
    const r = late();
    h.clock.advance(2);
    const before = await sut.list(staffAuth(3, { scopePaths: ['/1/2/3/'] }), {});
    expect(before.items).toEqual([expect.objectContaining({ status: 'dispatched', stage: 'sign', stageLabel: '签收', hoursOverdue: 3, escalationLevel: 0, escalatedTo: null, holder: { kind: 'department', name: '城管', departmentId: h.chengguan.id } })]);
    await sut.sweep();
    expect((await sut.list(staffAuth(3, { scopePaths: ['/1/2/3/'] }), {})).items).toEqual([]);
    const street = await sut.list(staffAuth(20, { scopePaths: ['/1/2/'] }), { escalated: true });
    expect(street.items).toEqual([expect.objectContaining({ report: expect.objectContaining({ id: r.id }), escalationLevel: 1, escalatedTo: { id: 2, name: '长寿街道' } })]);
    expect((await sut.list(adminAuth(1), {})).items).toHaveLength(1);
  });
});
