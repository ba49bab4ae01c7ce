import { departmentAuth, staffAuth } from '../../../test/factories';
import { loopHarness } from '../../../test/fakes/report-loop.fakes';
import { ReportDepartmentService } from './report-department.service';

describe(ReportDepartmentService.name, () => {
  let h: ReturnType<typeof loopHarness>;
  let sut: ReportDepartmentService;
  const handler = () => departmentAuth(31, h.chengguan.id);
  /** A case dispatched to 城管 by staff 2 at the harness's now, its sign deadline 4 hours on. */
  const dispatched = (over = {}) => h.seed({ status: 'dispatched', departmentId: h.chengguan.id, dispatchedById: 2, stageDeadlineAt: h.hoursFromNow(4), ...over });

  beforeEach(() => {
    h = loopHarness();
    const d = h.deps;
    sut = new ReportDepartmentService(d.reports, d.categories, d.departments, d.queries, d.media, d.points, d.messages, d.tx, d.clock);
  });

  describe('sign', () => {
    it('starts handling with the handle deadline (the category’s resolve hours) and tells the dispatcher', async () => {
      const r = dispatched();
      await sut.act('sign', handler(), r.id, {});
      expect(h.row(r.id)).toMatchObject({ status: 'handling', stageDeadlineAt: h.hoursFromNow(72) });
      expect(h.reports.events.at(-1)).toMatchObject({ type: 'signed', status: 'handling', dueAt: h.hoursFromNow(72), data: null, actorId: 31 });
      expect(h.sent).toEqual([expect.objectContaining({ userIds: [2], title: '部门已签收', reportId: r.id })]);
      expect(h.notices).toEqual([expect.objectContaining({ userId: 7, title: '你的随手拍已由处置部门签收' })]);
    });

    it('allows a late signing and marks the event late', async () => {
      const r = dispatched();
      h.clock.advance(5);
      await sut.act('sign', handler(), r.id, {});
      expect(h.reports.events.at(-1)).toMatchObject({ type: 'signed', data: { late: true } });
    });

    it("refuses another department's case (not_department_case) and a handler without a department (no_department)", async () => {
      const r = dispatched({ departmentId: h.jiaojing.id });
      await expect(sut.act('sign', handler(), r.id, {})).rejects.toMatchObject({ code: 'not_department_case', status: 403 });
      await expect(sut.act('sign', departmentAuth(32, null), r.id, {})).rejects.toMatchObject({ code: 'no_department', status: 403 });
      await expect(sut.act('sign', handler(), 424242, {})).rejects.toMatchObject({ code: 'report_not_found' });
      expect(h.reports.events).toEqual([]);
    });

    it('refuses a case not dispatched any more (illegal_state) and writes nothing', async () => {
      const r = dispatched({ status: 'handling' });
      await expect(sut.act('sign', handler(), r.id, {})).rejects.toMatchObject({ code: 'illegal_state', status: 409 });
      expect(h.reports.events).toEqual([]);
    });
  });

  it('returns a case to staff as accepted: the department no longer holds it, the event names it', async () => {
    const r = dispatched();
    await sut.act('return', handler(), r.id, { reason: '不属于城管职责' });
    expect(h.row(r.id)).toMatchObject({ status: 'accepted', departmentId: null, stageDeadlineAt: null });
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'returned', note: '不属于城管职责', data: { departmentId: h.chengguan.id } });
    expect(h.notices).toEqual([]);
  });

  it('reports it handled with the caller’s photos; verification has its own deadline', async () => {
    const r = dispatched({ status: 'handling', stageDeadlineAt: h.hoursFromNow(72) });
    await sut.act('handled', handler(), r.id, { note: '已清理', mediaIds: [55] });
    expect(h.row(r.id)).toMatchObject({ status: 'verifying', stageDeadlineAt: h.hoursFromNow(24) });
    expect(h.attached).toEqual([{ owner: 31, ids: [55], type: 'report_resolution', id: r.id }]);
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'handled', data: { mediaIds: [55] } });
  });

  it('asks for an extension once at a time; a deferral cannot be asked while it waits', async () => {
    const r = dispatched({ status: 'handling', stageDeadlineAt: h.hoursFromNow(72) });
    await sut.act('request_extension', handler(), r.id, { hours: 48, reason: '等材料' });
    expect(h.row(r.id)).toMatchObject({ status: 'handling', pendingRequest: 'extension', pendingHours: 48, pendingReason: '等材料', stageDeadlineAt: h.hoursFromNow(72) });
    await expect(sut.act('request_deferral', handler(), r.id, { reason: '雨季' })).rejects.toMatchObject({ code: 'request_pending', message: '已有待审批的延期申请' });
    expect(h.reports.timeline(r.id)).toEqual(['extension_requested']);
  });

  it('loses a request to one made a moment earlier (the conditional update) with request_pending', async () => {
    const r = dispatched({ status: 'handling' });
    const stale = { ...h.row(r.id) };
    h.row(r.id).pendingRequest = 'deferral';
    jest.spyOn(h.deps.reports, 'findById').mockResolvedValueOnce(Object.assign(Object.create(Object.getPrototypeOf(h.row(r.id))), stale));
    await expect(sut.act('request_extension', handler(), r.id, { hours: 8, reason: 'x' })).rejects.toMatchObject({ code: 'request_pending' });
  });

  it("lists the department's own cases with its name, by status group", async () => {
    dispatched();
    h.seed({ status: 'dispatched', departmentId: h.jiaojing.id, dispatchedById: 2 });
    const page = await sut.cases(handler(), { status: 'open' });
    expect(page.department).toEqual({ id: h.chengguan.id, name: '城管' });
    expect(h.reports.lastFilter).toMatchObject({ scopePaths: null, departmentId: h.chengguan.id });
    await expect(sut.cases(staffAuth(2), {})).rejects.toMatchObject({ code: 'no_department' });
  });
});
