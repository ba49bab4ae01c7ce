import { staffAuth, workerAuth } from '../../../test/factories';
import { loopHarness } from '../../../test/fakes/report-loop.fakes';
import { ReportReporterService } from './report-reporter.service';
import type { ReportTextCheck } from './report-text-check';

describe(ReportReporterService.name, () => {
  let h: ReturnType<typeof loopHarness>;
  let sut: ReportReporterService;
  const reporter = workerAuth(7);
  /** Resolved by verification after 城管 handled it, at the factory point (38.3435, 114.6839). */
  const resolved = (over = {}) => h.seed({ status: 'resolved', outcome: 'fixed', closedAt: h.clock.now(), departmentId: h.chengguan.id, dispatchedById: 2, ...over });
  const metresNorth = (m: number) => ({ lat: 38.3435 + m / 111_000, lng: 114.6839 });

  let flag: string | null;
  beforeEach(() => {
    h = loopHarness();
    flag = null;
    const d = h.deps;
    const textCheck = { flagReason: async () => flag } as unknown as ReportTextCheck;
    sut = new ReportReporterService(d.reports, d.categories, d.queries, d.media, d.points, d.messages, d.tx, textCheck, d.clock);
  });

  it('takes the confirmation once, with a follow-up photo taken within 100 m', async () => {
    const r = resolved();
    await sut.act('confirm', reporter, r.id, { fixed: true, mediaIds: [9], ...metresNorth(60) });
    expect(h.row(r.id)).toMatchObject({ status: 'resolved', reporterFixed: true });
    expect(h.attached).toEqual([{ owner: 7, ids: [9], type: 'report_follow_up', id: r.id }]);
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'confirmed', data: { fixed: true, mediaIds: [9], distanceM: 60 } });
    await expect(sut.act('confirm', reporter, r.id, { fixed: false })).rejects.toMatchObject({ code: 'already_confirmed' });
  });

  it('refuses a follow-up photo farther than 100 m, or without its location, and changes nothing', async () => {
    const r = resolved();
    await expect(sut.act('confirm', reporter, r.id, { fixed: true, mediaIds: [9], ...metresNorth(130) })).rejects.toMatchObject({ code: 'follow_up_too_far', status: 422, details: { distanceM: 130 } });
    await expect(sut.act('confirm', reporter, r.id, { fixed: true, mediaIds: [9] })).rejects.toMatchObject({ code: 'follow_up_location_required', status: 400 });
    expect(h.row(r.id).reporterFixed).toBeNull();
    expect(h.reports.events).toEqual([]);
    expect(h.attached).toEqual([]);
  });

  it('sends "not fixed" back to staff verification when a department handled it, else to accepted', async () => {
    const byDepartment = resolved();
    await sut.act('confirm', reporter, byDepartment.id, { fixed: false });
    expect(h.row(byDepartment.id)).toMatchObject({ status: 'verifying', outcome: null, closedAt: null, finishedAt: null, stageDeadlineAt: h.hoursFromNow(24) });
    expect(h.sent).toEqual([expect.objectContaining({ userIds: [2], reportId: byDepartment.id })]);
    const byStaff = resolved({ departmentId: null, dispatchedById: null });
    await sut.act('confirm', reporter, byStaff.id, { fixed: false });
    expect(h.row(byStaff.id)).toMatchObject({ status: 'accepted', outcome: null });
  });

  it('rates once; 不满意 sends the case back to staff review', async () => {
    const ok = resolved();
    await sut.act('rate', reporter, ok.id, { rating: 'basic', note: '还行' });
    expect(h.row(ok.id)).toMatchObject({ status: 'resolved', rating: 'basic', ratingNote: '还行', ratedAt: h.clock.now() });
    await expect(sut.act('rate', reporter, ok.id, { rating: 'satisfied' })).rejects.toMatchObject({ code: 'already_rated', status: 409 });
    const bad = resolved({ status: 'closed', outcome: 'not_fixable' });
    await sut.act('rate', reporter, bad.id, { rating: 'unsatisfied' });
    expect(h.row(bad.id)).toMatchObject({ status: 'verifying', rating: 'unsatisfied', outcome: null });
  });

  it('refuses a judgement before closure (report_not_finished)', async () => {
    const r = resolved({ status: 'handling', outcome: null });
    await expect(sut.act('rate', reporter, r.id, { rating: 'satisfied' })).rejects.toMatchObject({ code: 'report_not_finished', status: 409 });
    await expect(sut.act('confirm', reporter, r.id, { fixed: true })).rejects.toMatchObject({ code: 'report_not_finished' });
  });

  it('takes a supplement with photos while open, never after', async () => {
    const r = resolved({ status: 'dispatched', outcome: null });
    await sut.act('supplement', reporter, r.id, { text: '晚上更严重', mediaIds: [3] });
    expect(h.row(r.id).status).toBe('dispatched');
    expect(h.reports.events.at(-1)).toMatchObject({ type: 'supplemented', note: '晚上更严重', data: { mediaIds: [3] }, status: 'dispatched' });
    await expect(sut.act('supplement', reporter, resolved().id, { text: 'x' })).rejects.toMatchObject({ code: 'illegal_state' });
  });

  it('flags the report for review when content security finds the supplement risky', async () => {
    const r = resolved({ status: 'handling', outcome: null });
    flag = '补充内容未通过内容安全检测';
    await sut.act('supplement', reporter, r.id, { text: '不当内容' });
    expect(h.row(r.id).flaggedAt).toEqual(h.clock.now());
    expect(h.reports.timeline(r.id)).toEqual(['flagged', 'supplemented']);
    flag = null;
    const clean = resolved({ status: 'handling', outcome: null });
    await sut.act('supplement', reporter, clean.id, { text: '补充说明' });
    expect(h.row(clean.id).flaggedAt).toBeNull();
  });

  it('withdraws only before acceptance, and only for the reporter', async () => {
    const r = h.seed();
    await expect(sut.act('withdraw', staffAuth(2), r.id, {})).rejects.toMatchObject({ code: 'report_not_found', status: 404 });
    await sut.act('withdraw', reporter, r.id, {});
    expect(h.row(r.id)).toMatchObject({ status: 'withdrawn', finishedAt: h.clock.now() });
    const accepted = h.seed({ status: 'accepted' });
    await expect(sut.act('withdraw', reporter, accepted.id, {})).rejects.toMatchObject({ code: 'illegal_state' });
  });
});
