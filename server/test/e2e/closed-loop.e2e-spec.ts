import { Message } from '../../src/modules/reports/messages/message.entity';
import { ReportClock } from '../../src/modules/reports/report-clock';
import { ReportEscalationService } from '../../src/modules/reports/report-escalation.service';
import { ENDPOINTS } from '../support/endpoints';
import { centerOf, createReport, uploadPhoto } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const HOUR = 3600_000;
/** About 50 m and 150 m north of a point (one degree of latitude is about 111 km). */
const north = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + m / 111_000, lng: p.lng });

describe.each(TEST_DRIVERS)('一办到底: the closed loop over HTTP (%s)', (driver) => {
  let t: TestApp;
  let streamer: string;
  let staff: string;
  let admin: string;
  let dept: string;
  let chengguan: number;
  let jiaojing: number;
  let offsetH = 0;
  const advance = (hours: number) => (offsetH += hours);
  const now = () => new Date(Date.now() + offsetH * HOUR);
  const near = (iso: string, hoursFromNow: number) => Math.abs(new Date(iso).getTime() - (now().getTime() + hoursFromNow * HOUR)) < 5 * 60_000;

  const post = (token: string, path: string, body: unknown = {}) => t.http('POST', path, { token, body });
  const detail = async (token: string, id: number) => (await t.http('GET', `/api/reports/${id}`, { token })).body;
  const types = async (id: number) => ((await detail(staff, id)).timeline as Array<{ type: string }>).map((e) => e.type);

  /** A report by the streamer, accepted by staff (6 points) and dispatched to a department. */
  const dispatched = async (departmentId = chengguan) => {
    const r = await createReport(t, streamer);
    expect(r.status).toBe(201);
    expect((await post(staff, `/api/reports/${r.body.id}/accept`, { points: 6 })).status).toBe(200);
    const d = await post(staff, `/api/reports/${r.body.id}/dispatch`, { departmentId });
    expect(d.status).toBe(200);
    return r.body.id as number;
  };
  const signed = async () => {
    const id = await dispatched();
    expect((await post(dept, `/api/reports/${id}/sign`)).status).toBe(200);
    return id;
  };
  const handled = async () => {
    const id = await signed();
    expect((await post(dept, `/api/reports/${id}/handled`, { note: '已清理' })).status).toBe(200);
    return id;
  };
  const resolved = async () => {
    const id = await handled();
    expect((await post(staff, `/api/reports/${id}/verify`, { pass: true, note: '现场核查属实' })).status).toBe(200);
    return id;
  };
  /** A department handler account, made by admin (the demo has one, of 城管). */
  const handlerOf = async (departmentId: number, username: string) => {
    const body = { username, password: 'handler-pass-1', nickname: '交警 李警官', role: 'department', scopeAreaIds: [], departmentId };
    expect(await t.http('POST', '/api/admin/staff', { token: admin, body: { ...body, departmentId: undefined } })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const made = await t.http('POST', '/api/admin/staff', { token: admin, body });
    expect(made).toMatchObject({ status: 201, body: { role: 'department', departmentId, scopes: [] } });
    return (await t.http('POST', '/api/auth/password', { body: { username, password: 'handler-pass-1' } })).body.token as string;
  };
  /** A staff account whose scope is one area (by code). */
  const staffOf = async (code: string, username: string) => {
    const area = await centerOf(t, code);
    const made = await t.http('POST', '/api/admin/staff', { token: admin, body: { username, password: 'staff-pass-12', nickname: username, role: 'staff', scopeAreaIds: [area.id] } });
    expect(made.status).toBe(201);
    return { token: (await t.http('POST', '/api/auth/password', { body: { username, password: 'staff-pass-12' } })).body.token as string, id: made.body.id as number };
  };

  beforeAll(async () => {
    t = await startTestApp(driver);
    jest.spyOn(t.app.get(ReportClock), 'now').mockImplementation(now);
    [streamer, staff, admin, dept] = await Promise.all(['streamer', 'staff', 'admin', 'department'].map(async (a) => (await t.loginAs(a as 'rider')).token));
    const departments = (await t.http('GET', '/api/departments', { token: staff })).body.items as Array<{ id: number; name: string }>;
    chengguan = departments.find((d) => d.name === '城管')!.id;
    jiaojing = departments.find((d) => d.name === '交警')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs the demo department handler in as a 城管 handler', async () => {
    const me = (await t.http('GET', '/api/me', { token: dept })).body;
    expect(me).toMatchObject({ role: 'department', departmentId: chengguan, nickname: '城管执法队 张队长' });
  });

  it('walks every stage with its deadline: sign (late is marked), handle with a photo, verify, confirm and rate', async () => {
    const id = await dispatched();
    let d = await detail(streamer, id);
    expect(d).toMatchObject({ status: 'dispatched', holder: { kind: 'department', name: '城管', departmentId: chengguan }, currentDeadline: { kind: 'sign', overdue: false } });
    expect(near(d.currentDeadline.dueAt, 4)).toBe(true);
    expect((await t.http('GET', '/api/department/cases?status=dispatched', { token: dept })).body).toMatchObject({ department: { id: chengguan, name: '城管' }, items: expect.arrayContaining([expect.objectContaining({ id })]) });
    const inbox = (await t.http('GET', '/api/messages', { token: dept })).body.items as Array<{ title: string; reportId: number }>;
    expect(inbox).toEqual(expect.arrayContaining([expect.objectContaining({ title: '新派遣的案件，请签收', reportId: id })]));

    advance(5);
    expect((await detail(streamer, id)).currentDeadline.overdue).toBe(true);
    expect((await post(dept, `/api/reports/${id}/sign`, { note: '马上处理' })).status).toBe(200);
    d = await detail(streamer, id);
    expect(d.timeline.find((e: { type: string }) => e.type === 'signed')).toMatchObject({ late: true, status: 'handling' });
    expect(d.stages.find((s: { stage: string }) => s.stage === 'dispatch')).toMatchObject({ state: 'done', overdue: true });
    expect(d).toMatchObject({ status: 'handling', currentDeadline: { kind: 'handle', overdue: false } });
    expect(near(d.currentDeadline.dueAt, 72)).toBe(true);

    const photo = await uploadPhoto(t, dept);
    expect((await post(dept, `/api/reports/${id}/handled`, { note: '已清理完毕', mediaIds: [photo] })).status).toBe(200);
    d = await detail(streamer, id);
    expect(d).toMatchObject({ status: 'verifying', currentDeadline: { kind: 'verify' }, resolutionPhotos: [expect.objectContaining({ id: photo })] });
    expect(near(d.currentDeadline.dueAt, 24)).toBe(true);

    const v = await post(staff, `/api/reports/${id}/verify`, { pass: true, note: '现场核查已解决' });
    expect(v.body).toMatchObject({ status: 'resolved', outcome: 'fixed', currentDeadline: null, holder: null });
    d = await detail(streamer, id);
    expect(d.stages.map((s: { state: string }) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'current']);
    expect(d.reporterActions).toEqual(['confirm', 'rate']);

    const at = await centerOf(t, '13018400100101');
    const follow = await uploadPhoto(t, streamer);
    const c = await post(streamer, `/api/reports/${id}/confirm`, { fixed: true, mediaIds: [follow], ...north(at, 50) });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'resolved', reporterFixed: true });
    expect((await post(streamer, `/api/reports/${id}/rate`, { rating: 'satisfied', note: '很快' })).body).toMatchObject({ rating: 'satisfied', ratingNote: '很快' });
    // Rated: 综合评价 is done too, the loop closed end to end.
    expect((await detail(streamer, id)).stages.map((s: { state: string }) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done']);
    expect(await post(streamer, `/api/reports/${id}/rate`, { rating: 'basic' })).toMatchObject({ status: 409, body: { code: 'already_rated' } });
    expect(await types(id)).toEqual(['created', 'accepted', 'dispatched', 'signed', 'handled', 'verified', 'confirmed', 'rated']);
  });

  it('lets the department return a dispatched case with a reason, back to staff; it then holds nothing', async () => {
    const id = await dispatched();
    expect(await post(dept, `/api/reports/${id}/return`, {})).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const r = await post(dept, `/api/reports/${id}/return`, { reason: '不属于城管职责' });
    expect(r.status).toBe(200);
    const d = await detail(staff, id);
    expect(d).toMatchObject({ status: 'accepted', department: null, holder: { kind: 'staff', name: '社区' }, currentDeadline: { kind: 'resolve' } });
    expect(d.timeline.at(-1)).toMatchObject({ type: 'returned', note: '不属于城管职责', departmentName: '城管', status: 'accepted' });
    expect(await post(dept, `/api/reports/${id}/sign`)).toMatchObject({ status: 403, body: { code: 'not_department_case' } });
  });

  it('sends a failed verification back as rework (counted) with a new handle deadline; a note is required', async () => {
    const id = await handled();
    expect(await post(staff, `/api/reports/${id}/verify`, { pass: false })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    advance(2);
    const r = await post(staff, `/api/reports/${id}/verify`, { pass: false, note: '垃圾仍未清走' });
    expect(r.body).toMatchObject({ status: 'handling', reworkCount: 1, currentDeadline: { kind: 'handle' } });
    expect(near(r.body.currentDeadline.dueAt, 72)).toBe(true);
    expect((await post(dept, `/api/reports/${id}/handled`, { note: '已返工' })).status).toBe(200);
    expect((await post(staff, `/api/reports/${id}/verify`, { pass: true })).body).toMatchObject({ status: 'resolved', reworkCount: 1, outcome: 'fixed' });
    expect(await types(id)).toEqual(['created', 'accepted', 'dispatched', 'signed', 'handled', 'rework', 'handled', 'verified']);
  });

  it('moves the handle deadline by an approved extension, keeps it on a refusal, and allows one ask at a time', async () => {
    const id = await signed();
    const before = (await detail(staff, id)).currentDeadline.dueAt as string;
    expect(await post(dept, `/api/reports/${id}/extension`, { hours: 0, reason: 'x' })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((await post(dept, `/api/reports/${id}/extension`, { hours: 48, reason: '等待材料' })).body).toMatchObject({ pendingRequest: { kind: 'extension', hours: 48, reason: '等待材料' } });
    expect(await post(dept, `/api/reports/${id}/deferral`, { reason: '再等等' })).toMatchObject({ status: 409, body: { code: 'request_pending' } });
    expect(await post(staff, `/api/reports/${id}/extension/refuse`, {})).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await post(staff, `/api/reports/${id}/deferral/approve`)).toMatchObject({ status: 409, body: { code: 'no_pending_request' } });
    const refused = await post(staff, `/api/reports/${id}/extension/refuse`, { note: '时限足够' });
    expect(refused.body).toMatchObject({ pendingRequest: null, extensionCount: 0, currentDeadline: { dueAt: before } });

    await post(dept, `/api/reports/${id}/extension`, { hours: 48, reason: '等待材料' });
    const approved = await post(staff, `/api/reports/${id}/extension/approve`);
    expect(approved.body).toMatchObject({ pendingRequest: null, extensionCount: 1 });
    expect(new Date(approved.body.currentDeadline.dueAt).getTime() - new Date(before).getTime()).toBe(48 * HOUR);
    expect(await post(staff, `/api/reports/${id}/extension/approve`)).toMatchObject({ status: 409, body: { code: 'no_pending_request' } });
    expect((await types(id)).slice(-4)).toEqual(['extension_requested', 'extension_refused', 'extension_requested', 'extension_approved']);
  });

  it('stops the clock while deferred (缓办) and starts a whole handle period on resume', async () => {
    const id = await signed();
    await post(dept, `/api/reports/${id}/deferral`, { reason: '雨季无法施工' });
    expect(await post(staff, `/api/reports/${id}/deferral/refuse`, { note: '可以施工' })).toMatchObject({ status: 200, body: { status: 'handling', pendingRequest: null } });
    await post(dept, `/api/reports/${id}/deferral`, { reason: '雨季无法施工' });
    expect((await post(staff, `/api/reports/${id}/deferral/approve`)).body).toMatchObject({ status: 'deferred', currentDeadline: null, holder: { kind: 'department' } });
    advance(1000);
    expect((await detail(staff, id)).overdue).toBe(false);
    expect(await post(dept, `/api/reports/${id}/handled`, { note: 'x' })).toMatchObject({ status: 409, body: { code: 'illegal_state' } });
    const resumed = await post(staff, `/api/reports/${id}/resume`);
    expect(resumed.body).toMatchObject({ status: 'handling', currentDeadline: { kind: 'handle', overdue: false } });
    expect(near(resumed.body.currentDeadline.dueAt, 72)).toBe(true);
  });

  it('escalates an overdue stage to the street, then the district, with an event, a message and the 督办 queue', async () => {
    const community = await staffOf('130184001001', 'loop-community');
    const district = await staffOf('130184', 'loop-district');
    const id = await dispatched();
    const sweep = () => t.app.get(ReportEscalationService).sweep();
    await sweep();
    expect((await detail(staff, id)).escalationLevel).toBe(0);
    const queue = async (token: string) => ((await t.http('GET', '/api/escalations', { token })).body.items as Array<{ report: { id: number } }>).find((x) => x.report.id === id);
    expect(await queue(staff)).toBeUndefined();

    advance(5);
    expect(await queue(community.token)).toMatchObject({ stage: 'sign', escalationLevel: 0 });
    await sweep();
    let d = await detail(staff, id);
    expect(d.escalationLevel).toBe(1);
    expect(d.timeline.at(-1)).toMatchObject({ type: 'escalated', escalationLevel: 1, escalatedToName: '长寿街道', actor: null, status: 'dispatched' });
    const item = await queue(staff);
    expect(item).toMatchObject({ stage: 'sign', stageLabel: '签收', holder: { kind: 'department', name: '城管' }, escalationLevel: 1, escalatedTo: { name: '长寿街道' } });
    expect((item as unknown as { hoursOverdue: number }).hoursOverdue).toBeGreaterThan(0.9);
    expect(await queue(community.token)).toBeUndefined();
    const staffId = (await t.http('GET', '/api/me', { token: staff })).body.id as number;
    expect(await t.ds.getRepository(Message).findOneBy({ userId: staffId, reportId: id, kind: 'report_escalated' })).not.toBeNull();

    expect(await sweep()).toBe(0);
    advance(25);
    await sweep();
    d = await detail(staff, id);
    expect(d.escalationLevel).toBe(2);
    expect(await queue(staff)).toBeUndefined();
    expect(await queue(district.token)).toMatchObject({ escalationLevel: 2, escalatedTo: { name: expect.any(String) } });
    expect(await queue(admin)).toBeDefined();
    expect(await t.ds.getRepository(Message).findOneBy({ userId: district.id, reportId: id, kind: 'report_escalated' })).not.toBeNull();
    advance(30);
    await sweep();
    expect((await detail(staff, id)).escalationLevel).toBe(2);

    expect((await post(dept, `/api/reports/${id}/sign`)).body).toMatchObject({ escalationLevel: 0, status: 'handling' });
    expect((await types(id)).filter((x) => x === 'escalated')).toHaveLength(2);
  });

  it('lets the reporter withdraw before acceptance only', async () => {
    const r = await createReport(t, streamer);
    expect(await post(staff, `/api/reports/${r.body.id}/withdraw`)).toMatchObject({ status: 404, body: { code: 'report_not_found' } });
    expect((await post(streamer, `/api/reports/${r.body.id}/withdraw`)).body).toMatchObject({ status: 'withdrawn', statusGroup: 'closed', reporterActions: [] });
    expect(await post(staff, `/api/reports/${r.body.id}/accept`, { points: 6 })).toMatchObject({ status: 409 });
    const id = await dispatched();
    expect(await post(streamer, `/api/reports/${id}/withdraw`)).toMatchObject({ status: 409, body: { code: 'illegal_state' } });
  });

  it('takes the reporter’s supplement while open, with a photo, and not after closure', async () => {
    const id = await dispatched();
    const photo = await uploadPhoto(t, streamer);
    const s = await post(streamer, `/api/reports/${id}/supplement`, { text: '晚上更严重', mediaIds: [photo] });
    expect(s.status).toBe(200);
    expect(s.body.timeline.at(-1)).toMatchObject({ type: 'supplemented', note: '晚上更严重', photos: [expect.objectContaining({ id: photo })] });
    expect(s.body.status).toBe('dispatched');
    expect(await post(dept, `/api/reports/${id}/supplement`, { text: 'x' })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const done = await resolved();
    expect(await post(streamer, `/api/reports/${done}/supplement`, { text: '补充' })).toMatchObject({ status: 409, body: { code: 'illegal_state' } });
  });

  it('checks a follow-up photo is within 100 m; "not fixed" sends the case back to staff verification', async () => {
    const id = await resolved();
    const at = await centerOf(t, '13018400100101');
    const photo = await uploadPhoto(t, streamer);
    const far = await post(streamer, `/api/reports/${id}/confirm`, { fixed: false, mediaIds: [photo], ...north(at, 150) });
    expect(far).toMatchObject({ status: 422, body: { code: 'follow_up_too_far', details: { distanceM: expect.any(Number) } } });
    expect(far.body.details.distanceM).toBeGreaterThan(100);
    expect(await post(streamer, `/api/reports/${id}/confirm`, { fixed: false, mediaIds: [photo] })).toMatchObject({ status: 400, body: { code: 'follow_up_location_required' } });
    expect((await detail(streamer, id)).status).toBe('resolved');
    const ok = await post(streamer, `/api/reports/${id}/confirm`, { fixed: false, mediaIds: [photo], ...north(at, 50), note: '还在' });
    expect(ok.body).toMatchObject({ status: 'verifying', reporterFixed: false, outcome: null, currentDeadline: { kind: 'verify' } });
    expect(ok.body.timeline.at(-1)).toMatchObject({ type: 'confirmed', fixed: false, photos: [expect.objectContaining({ id: photo })] });
    expect(await post(streamer, `/api/reports/${id}/confirm`, { fixed: true })).toMatchObject({ status: 409 });
    expect((await post(staff, `/api/reports/${id}/verify`, { pass: false, note: '确实未清理' })).body).toMatchObject({ status: 'handling', reworkCount: 1 });
  });

  it('refuses a confirmation or a rating before closure; 不满意 sends the case back to staff review', async () => {
    const open = await dispatched();
    expect(await post(streamer, `/api/reports/${open}/rate`, { rating: 'satisfied' })).toMatchObject({ status: 409, body: { code: 'report_not_finished' } });
    expect(await post(streamer, `/api/reports/${open}/confirm`, { fixed: true })).toMatchObject({ status: 409, body: { code: 'report_not_finished' } });
    const id = await resolved();
    expect(await post(streamer, `/api/reports/${id}/rate`, { rating: 'great' })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((await post(streamer, `/api/reports/${id}/rate`, { rating: 'unsatisfied', note: '敷衍' })).body).toMatchObject({ status: 'verifying', rating: 'unsatisfied' });
  });

  it('closes a case honestly as not fixable, never as fixed', async () => {
    const id = await signed();
    expect(await post(staff, `/api/reports/${id}/close`, { outcome: 'fixed', reason: 'x' })).toMatchObject({ status: 400 });
    const c = await post(staff, `/api/reports/${id}/close`, { outcome: 'not_fixable', reason: '产权不明，无法施工' });
    expect(c.body).toMatchObject({ status: 'closed', statusGroup: 'closed', outcome: 'not_fixable', holder: null });
    expect(c.body.timeline.at(-1)).toMatchObject({ type: 'closed', outcome: 'not_fixable', note: '产权不明，无法施工' });
  });

  it('reverses the points once when a case is later ruled a duplicate', async () => {
    const original = await dispatched();
    const r = await createReport(t, streamer);
    const balance = async () => (await t.http('GET', '/api/points/me', { token: streamer })).body.balance as number;
    await post(staff, `/api/reports/${r.body.id}/accept`, { points: 6 });
    await post(staff, `/api/reports/${r.body.id}/resolve`, { note: '已处理' });
    const before = await balance();
    await post(staff, `/api/reports/${r.body.id}/reopen`, { note: '复查发现重复' });
    expect((await post(staff, `/api/reports/${r.body.id}/duplicate`, { ofReportId: original })).body).toMatchObject({ status: 'duplicate', pointsAwarded: 0 });
    expect(await balance()).toBe(before - 6);
    await post(staff, `/api/reports/${r.body.id}/reopen`, { note: '再查' });
    await post(staff, `/api/reports/${r.body.id}/reject`, { reason: 'other' });
    expect(await balance()).toBe(before - 6);
  });

  describe('a department handler', () => {
    let other: string;
    beforeAll(async () => {
      other = await handlerOf(jiaojing, 'jiaojing-li');
    });

    it("sees only its own department's cases, and is refused another department's", async () => {
      const id = await dispatched();
      const mine = (await t.http('GET', '/api/department/cases', { token: other })).body;
      expect(mine.department).toEqual({ id: jiaojing, name: '交警' });
      expect(mine.items.map((x: { id: number }) => x.id)).not.toContain(id);
      expect(await t.http('GET', `/api/reports/${id}`, { token: other })).toMatchObject({ status: 403, body: { code: 'not_department_case' } });
      expect(await post(other, `/api/reports/${id}/sign`)).toMatchObject({ status: 403, body: { code: 'not_department_case' } });
      expect((await detail(dept, id)).actions).toEqual(['sign', 'return']);
      expect((await detail(dept, id)).reporter).toBeNull();
    });

    it('is refused every route that does not name the department role (403 forbidden)', async () => {
      const refused = ENDPOINTS.filter((e) => e.roles !== null && !e.roles.includes('department'));
      expect(refused.length).toBeGreaterThan(50);
      for (const e of refused) {
        const path = e.route.replace(':id', '1');
        const r = await t.http(e.method, path, { token: dept, body: e.method === 'GET' ? undefined : {} });
        expect({ route: `${e.method} ${e.route}`, status: r.status, code: r.body?.code }).toEqual({ route: `${e.method} ${e.route}`, status: 403, code: 'forbidden' });
      }
    });
  });
});
