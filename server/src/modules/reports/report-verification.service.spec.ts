import { staffAuth } from '../../../test/factories';
import { loopHarness } from '../../../test/fakes/report-loop.fakes';
import { ReportVerificationService } from './report-verification.service';

describe(ReportVerificationService.name, () => {
  let h: ReturnType<typeof loopHarness>;
  let sut: ReportVerificationService;
  const staff = staffAuth(2);
  /** A case 城管 holds, dispatched by staff 2. */
  const held = (over = {}) => h.seed({ status: 'handling', departmentId: h.chengguan.id, dispatchedById: 2, stageDeadlineAt: h.hoursFromNow(10), ...over });

  beforeEach(() => {
    h = loopHarness();
    const d = h.deps;
    sut = new ReportVerificationService(d.reports, d.categories, d.queries, d.points, d.messages, d.tx, d.clock);
  });

  it('closes a verified case as fixed, tells the reporter and the department', async () => {
    const r = held({ status: 'verifying' });
    await sut.verify(staff, r.id, { pass: true, note: '已解决' });
    expect(h.row(r.id)).toMatchObject({ status: 'resolved', outcome: 'fixed', closedAt: h.clock.now(), finishedAt: h.clock.now(), stageDeadlineAt: null });
    expect(h.notices).toEqual([expect.objectContaining({ userId: 7, title: '你的随手拍已办结', body: '已解决' })]);
    expect(h.sent).toEqual([expect.objectContaining({ userIds: [31], title: '核查通过，案件已结案' })]);
  });

  it('sends a failed verification back as rework, counted, with a new handle deadline; a note is required', async () => {
    const r = held({ status: 'verifying', reworkCount: 1 });
    await expect(sut.verify(staff, r.id, { pass: false })).rejects.toMatchObject({ code: 'validation_failed' });
    await sut.verify(staff, r.id, { pass: false, note: '未清理干净' });
    expect(h.row(r.id)).toMatchObject({ status: 'handling', reworkCount: 2, stageDeadlineAt: h.hoursFromNow(72), outcome: null });
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'rework', status: 'handling', dueAt: h.hoursFromNow(72) });
    expect(h.notices).toEqual([]);
  });

  it('refuses to verify a case that is not waiting for verification', async () => {
    const r = held();
    await expect(sut.verify(staff, r.id, { pass: true })).rejects.toMatchObject({ code: 'illegal_state', message: '该问题当前为“处置中”，不能核查通过' });
  });

  it('closes honestly with an outcome that is never fixed', async () => {
    const r = held();
    await sut.act('close', staff, r.id, { outcome: 'not_responsible', reason: '属于物业' });
    expect(h.row(r.id)).toMatchObject({ status: 'closed', outcome: 'not_responsible', closedAt: h.clock.now() });
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'closed', note: '属于物业', data: { outcome: 'not_responsible' } });
    expect(h.notices[0]).toMatchObject({ title: '你的随手拍已结案', body: '不属于职责范围：属于物业' });
  });

  it('moves the handle deadline by the approved hours and counts the extension', async () => {
    const r = held({ pendingRequest: 'extension', pendingHours: 48, pendingReason: '等材料' });
    await sut.act('approve_extension', staff, r.id, {});
    expect(h.row(r.id)).toMatchObject({ status: 'handling', stageDeadlineAt: h.hoursFromNow(58), extensionCount: 1, pendingRequest: null, pendingHours: null });
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'extension_approved', data: { hours: 48 }, dueAt: h.hoursFromNow(58) });
  });

  it('refuses an extension with a note and keeps the deadline; no decision without a pending ask of that kind', async () => {
    const r = held({ pendingRequest: 'extension', pendingHours: 48 });
    await expect(sut.act('approve_deferral', staff, r.id, {})).rejects.toMatchObject({ code: 'no_pending_request', message: '没有待审批的缓办申请' });
    await sut.act('refuse_extension', staff, r.id, { note: '时限足够' });
    expect(h.row(r.id)).toMatchObject({ pendingRequest: null, stageDeadlineAt: h.hoursFromNow(10), extensionCount: 0 });
    await expect(sut.act('approve_extension', staff, r.id, {})).rejects.toMatchObject({ code: 'no_pending_request' });
  });

  it('defers a case (no deadline runs) and resumes it with a whole handle period', async () => {
    const r = held({ pendingRequest: 'deferral', pendingReason: '雨季' });
    await sut.act('approve_deferral', staff, r.id, {});
    expect(h.row(r.id)).toMatchObject({ status: 'deferred', stageDeadlineAt: null, deferredAt: h.clock.now(), pendingRequest: null });
    h.clock.advance(500);
    await sut.act('resume', staff, r.id, {});
    expect(h.row(r.id)).toMatchObject({ status: 'handling', stageDeadlineAt: h.hoursFromNow(72) });
    expect(h.reports.timeline(r.id)).toEqual(['deferral_approved', 'resumed']);
  });

  it('refuses a staff member acting on their own report (own_report)', async () => {
    const r = held({ status: 'verifying', reporterId: 2 });
    await expect(sut.verify(staff, r.id, { pass: true })).rejects.toMatchObject({ code: 'own_report' });
  });
});
