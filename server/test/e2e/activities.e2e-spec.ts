import ExcelJS from 'exceljs';
import { QR_SLOT_SECONDS } from '@xjy/shared';
import { QrTokens } from '../../src/modules/activities/qr-token';
import { elapse, near } from '../support/hours-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const HOUR = 3600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe.each(TEST_DRIVERS)('报到: memberships, activities and check-ins (%s)', (driver) => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let orgXinhua: number; // 新华社区 (in the demo staff's scope)
  let orgXinhuaGrid: number; // 新华社区第一网格
  let orgHeping: number; // 和平社区
  let seq = 0;

  /** A new worker logged in through the fake WeChat, with verified memberships at the given organizations. */
  async function member(orgs: { residence?: number; workplace?: number } = {}): Promise<{ token: string; id: number }> {
    const login = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(`member-${driver}-${++seq}`) } });
    for (const [role, organizationId] of Object.entries(orgs)) {
      const m = await t.http('POST', '/api/memberships', { token: login.body.token, body: { organizationId, role } });
      expect(m.status).toBe(201);
      expect((await t.http('POST', `/api/memberships/${m.body.id}/verify`, { token: staff })).status).toBe(200);
    }
    return { token: login.body.token, id: login.body.user.id };
  }

  async function activity(body: Record<string, unknown>): Promise<{ id: number; lat: number; lng: number }> {
    const r = await t.http('POST', '/api/activities', {
      token: staff,
      body: { organizationId: orgXinhua, type: 'meeting', title: `组织生活会${++seq}`, startsAt: iso(-10 * 60_000), endsAt: iso(HOUR), lat: 38.3435, lng: 114.6839, ...body },
    });
    expect(r.status).toBe(201);
    return r.body;
  }

  const qrFor = async (activityId: number) => (await t.http('GET', `/api/activities/${activityId}/qr-token`, { token: staff })).body.token as string;
  const checkIn = (token: string, activityId: number, body: Record<string, unknown>) => t.http('POST', `/api/activities/${activityId}/check-ins`, { token, body: { lat: 38.3435, lng: 114.6839, accuracyM: 10, ...body } });
  const balance = async (token: string) => (await t.http('GET', '/api/me', { token })).body.pointsBalance as number;
  /** Volunteer points come after the hours are confirmed: the members stay 50 of 70 minutes, sign out, and staff confirm after the end. */
  async function serveAndConfirm(activityId: number, tokens: string[]): Promise<void> {
    await elapse(t, activityId, 50 * 60_000);
    for (const [i, token] of tokens.entries()) expect((await t.http('POST', `/api/activities/${activityId}/check-outs`, { token, body: { token: await qrFor(activityId), ...near(900 + i), accuracyM: 10 } })).status).toBe(201);
    await elapse(t, activityId, 30 * 60_000);
    expect((await t.http('POST', `/api/activities/${activityId}/confirm-hours`, { token: admin })).status).toBe(200);
  }

  beforeAll(async () => {
    t = await startTestApp(driver);
    staff = (await t.loginAs('staff')).token;
    admin = (await t.loginAs('admin')).token;
    const area = async (code: string) => {
      const rows = await t.ds.query(`SELECT id FROM area WHERE code = '${code}'`);
      return Number(rows[0].id);
    };
    const orgs = async (areaCode: string) => {
      const areaId = await area(areaCode);
      const r = await t.http('GET', `/api/organizations?areaId=${areaId}`, { token: staff });
      return (r.body.items as Array<{ id: number; areaId: number }>).find((o) => o.areaId === areaId)!.id;
    };
    orgXinhua = await orgs('130184001001');
    orgXinhuaGrid = await orgs('13018400100101');
    orgHeping = await orgs('130184001003');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('memberships', () => {
    it('keeps one active membership per role; asking for another organization moves the member', async () => {
      const { token } = await member();
      const first = await t.http('POST', '/api/memberships', { token, body: { organizationId: orgXinhua, role: 'residence' } });
      expect(first.status).toBe(201);
      const again = await t.http('POST', '/api/memberships', { token, body: { organizationId: orgXinhua, role: 'residence' } });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const moved = await t.http('POST', '/api/memberships', { token, body: { organizationId: orgHeping, role: 'residence' } });
      expect(moved.status).toBe(201);
      const work = await t.http('POST', '/api/memberships', { token, body: { organizationId: orgXinhuaGrid, role: 'workplace' } });
      expect(work.status).toBe(201);
      const mine = await t.http('GET', '/api/memberships/mine', { token });
      const byId = new Map((mine.body.items as Array<{ id: number; status: string; endedAt: string | null }>).map((m) => [m.id, m]));
      expect(byId.get(first.body.id)).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
      expect(byId.get(moved.body.id)!.status).toBe('pending');
      expect(byId.get(work.body.id)!.status).toBe('pending');
    });

    it('concurrent requests for the same role leave exactly one active membership', async () => {
      const { token, id } = await member();
      await Promise.all([orgXinhua, orgHeping, orgXinhuaGrid, orgXinhua].map((organizationId) => t.http('POST', '/api/memberships', { token, body: { organizationId, role: 'workplace' } })));
      const rows = await t.ds.query(`SELECT status FROM membership WHERE userId = ${id} AND status IN ('pending', 'verified')`);
      expect(rows).toHaveLength(1);
    });

    it('verifies or declines only a pending membership (409 otherwise), with the note kept', async () => {
      const { token } = await member();
      const m = await t.http('POST', '/api/memberships', { token, body: { organizationId: orgXinhua, role: 'residence' } });
      const declined = await t.http('POST', `/api/memberships/${m.body.id}/decline`, { token: staff, body: { note: '不在本社区居住' } });
      expect(declined.body).toMatchObject({ status: 'declined', note: '不在本社区居住' });
      const verify = await t.http('POST', `/api/memberships/${m.body.id}/verify`, { token: staff });
      expect(verify.status).toBe(409);
      expect(verify.body.code).toBe('illegal_state');
      const retry = await t.http('POST', '/api/memberships', { token, body: { organizationId: orgXinhua, role: 'residence' } });
      expect(retry.status).toBe(201);
    });

    it('refuses an unknown organization and an unknown role', async () => {
      const { token } = await member();
      expect((await t.http('POST', '/api/memberships', { token, body: { organizationId: 999999, role: 'residence' } })).body.code).toBe('organization_not_found');
      const bad = await t.http('POST', '/api/memberships', { token, body: { organizationId: orgXinhua, role: 'home' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields[0].field).toBe('role');
    });
  });

  describe('activities', () => {
    it('lists the activities of both my organizations and every volunteer service, not others', async () => {
      const m = await member({ residence: orgXinhuaGrid, workplace: orgHeping });
      const atHome = await activity({ organizationId: orgXinhuaGrid, title: '网格会议' });
      const atWork = await activity({ organizationId: orgHeping, title: '和平社区会议' });
      const elsewhere = await activity({ organizationId: orgXinhua, title: '新华社区会议' });
      const volunteer = await activity({ organizationId: orgXinhua, type: 'volunteer', title: '志愿服务', points: 5 });
      const r = await t.http('GET', '/api/activities?scope=mine', { token: m.token });
      const ids = (r.body.items as Array<{ id: number }>).map((a) => a.id);
      expect(ids).toEqual(expect.arrayContaining([atHome.id, atWork.id, volunteer.id]));
      expect(ids).not.toContain(elsewhere.id);
      const detail = await t.http('GET', `/api/activities/${atHome.id}`, { token: m.token });
      expect(detail.body).toMatchObject({ eligible: true, myCheckIn: null, radiusM: 300 });
    });

    it('refuses bad activity input naming the field, and points on a meeting', async () => {
      const bad = await t.http('POST', '/api/activities', { token: staff, body: { organizationId: orgXinhua, type: 'meeting', title: 'x', startsAt: iso(HOUR), endsAt: iso(-HOUR), lat: 38.3, lng: 114.6 } });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('activity_time_invalid');
      const points = await t.http('POST', '/api/activities', { token: staff, body: { organizationId: orgXinhua, type: 'meeting', title: 'x', startsAt: iso(HOUR), endsAt: iso(2 * HOUR), lat: 38.3, lng: 114.6, points: 5 } });
      expect(points.status).toBe(400);
      expect(points.body.details.fields[0].field).toBe('points');
      const abroad = await t.http('POST', '/api/activities', { token: staff, body: { organizationId: orgXinhua, type: 'meeting', title: 'x', startsAt: iso(HOUR), endsAt: iso(2 * HOUR), lat: 51.5, lng: -0.1 } });
      expect(abroad.status).toBe(400);
      expect(abroad.body.details.fields[0].field).toBe('lat');
    });

    it('does not give a worker the QR token, nor staff of another area', async () => {
      const a = await activity({});
      const m = await member({ residence: orgXinhua });
      expect((await t.http('GET', `/api/activities/${a.id}/qr-token`, { token: m.token })).status).toBe(403);
      const qr = await t.http('GET', `/api/activities/${a.id}/qr-token`, { token: staff });
      expect(qr.body).toMatchObject({ token: expect.stringMatching(/^\d+\.\d+\.[\w-]{22}$/), slotSeconds: QR_SLOT_SECONDS });
    });
  });

  describe('check-in', () => {
    it('accepts a member at the place and time with a fresh code; a repeat returns the same check-in', async () => {
      const a = await activity({});
      const m = await member({ residence: orgXinhua });
      const first = await checkIn(m.token, a.id, { token: await qrFor(a.id) });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'accepted', refusal: null, activityId: a.id });
      const repeat = await checkIn(m.token, a.id, { token: await qrFor(a.id) });
      expect(repeat.status).toBe(200);
      expect(repeat.body.id).toBe(first.body.id);
      const detail = await t.http('GET', `/api/activities/${a.id}`, { token: m.token });
      expect(detail.body.myCheckIn).toMatchObject({ id: first.body.id, status: 'accepted' });
      expect(detail.body.checkedInCount).toBe(1);
    });

    it('refuses each abuse with its own code and records only the refusal', async () => {
      const a = await activity({ radiusM: 200 });
      const other = await activity({});
      const later = await activity({ startsAt: iso(2 * HOUR), endsAt: iso(3 * HOUR) });
      const m = await member({ residence: orgXinhua });
      const outsider = await member({ residence: orgHeping });
      const key = new QrTokens(t.config.jwtSecret);
      const stale = key.issue(a.id, Date.now() - 2 * QR_SLOT_SECONDS * 1000).token;
      const cases: Array<[string, () => Promise<{ status: number; body: any }>]> = [
        ['qr_token_invalid', () => checkIn(m.token, a.id, { token: `${a.id}.123.AAAAAAAAAAAAAAAAAAAAAA` })],
        ['qr_token_wrong_activity', async () => checkIn(m.token, a.id, { token: await qrFor(other.id) })],
        ['qr_token_expired', () => checkIn(m.token, a.id, { token: stale })],
        ['outside_window', async () => checkIn(m.token, later.id, { token: await qrFor(later.id) })],
        ['outside_fence', async () => checkIn(m.token, a.id, { token: await qrFor(a.id), lat: 38.3535 })],
        ['not_eligible', async () => checkIn(outsider.token, a.id, { token: await qrFor(a.id) })],
      ];
      for (const [code, attempt] of cases) {
        const r = await attempt();
        expect({ code, status: r.status, got: r.body.code }).toEqual({ code, status: 422, got: code });
        expect(r.body.details.checkInId).toEqual(expect.any(Number));
      }
      const fence = await checkIn(m.token, a.id, { token: await qrFor(a.id), lat: 38.3535, accuracyM: 5 });
      expect(fence.body.details).toMatchObject({ distanceM: expect.any(Number), radiusM: 200 });
      expect(fence.body.details.distanceM).toBeGreaterThan(1000);
      const list = await t.http('GET', `/api/activities/${a.id}/check-ins`, { token: staff });
      expect(list.body.items.every((c: { status: string }) => c.status === 'refused')).toBe(true);
      expect(new Set(list.body.items.map((c: { refusal: string }) => c.refusal))).toEqual(new Set(['qr_token_invalid', 'qr_token_wrong_activity', 'qr_token_expired', 'outside_fence', 'not_eligible']));
      expect((await t.http('GET', `/api/activities/${a.id}`, { token: m.token })).body).toMatchObject({ checkedInCount: 0, myCheckIn: null });
    });

    it('widens the fence by the reported accuracy, but only up to 100 m', async () => {
      const a = await activity({ radiusM: 100 });
      const m = await member({ residence: orgXinhua });
      const north = (m: number) => 38.3435 + m / 111_195;
      // 230 m away: even a claimed 5 km accuracy widens a 100 m fence only to 200 m.
      expect((await checkIn(m.token, a.id, { token: await qrFor(a.id), lat: north(230), accuracyM: 5000 })).body.code).toBe('outside_fence');
      // 170 m away: 100 + 50 is not enough, 100 + 80 is.
      expect((await checkIn(m.token, a.id, { token: await qrFor(a.id), lat: north(170), accuracyM: 50 })).body.code).toBe('outside_fence');
      expect((await checkIn(m.token, a.id, { token: await qrFor(a.id), lat: north(170), accuracyM: 80 })).status).toBe(201);
    });

    it('refuses when the activity is full, and after it was cancelled', async () => {
      const a = await activity({ capacity: 1 });
      const [m1, m2] = [await member({ residence: orgXinhua }), await member({ residence: orgXinhua })];
      expect((await checkIn(m1.token, a.id, { token: await qrFor(a.id) })).status).toBe(201);
      expect((await checkIn(m2.token, a.id, { token: await qrFor(a.id) })).body.code).toBe('activity_full');
      const token = await qrFor(a.id);
      await t.http('POST', `/api/activities/${a.id}/cancel`, { token: staff });
      const r = await checkIn(m2.token, a.id, { token });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('activity_cancelled');
    });

    it('awards volunteer points exactly once per member, however many concurrent attempts', async () => {
      const a = await activity({ type: 'volunteer', points: 7 });
      const members = await Promise.all(Array.from({ length: 8 }, () => member()));
      const token = await qrFor(a.id);
      const results = await Promise.all(members.flatMap((m, i) => [1, 2, 3].map(() => checkIn(m.token, a.id, { token, ...near(i) }))));
      expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
      expect(results.filter((r) => r.status === 201)).toHaveLength(8);
      for (const m of members) expect(await balance(m.token)).toBe(0);
      await serveAndConfirm(a.id, members.map((m) => m.token));
      for (const m of members) expect(await balance(m.token)).toBe(7);
      const rows = await t.ds.query(`SELECT COUNT(*) AS n FROM points_entry WHERE reason = 'volunteer_check_in' AND sourceType = 'check_in' AND userId IN (${members.map((m) => m.id).join(',')})`);
      expect(Number(rows[0].n)).toBe(8);
      expect((await t.http('GET', `/api/activities/${a.id}`, { token: staff })).body.checkedInCount).toBe(8);
    });

    it('lets staff approve a refused check-in by hand once, with a note, and awards points once', async () => {
      const a = await activity({ type: 'volunteer', points: 6 });
      const m = await member();
      const refused = await checkIn(m.token, a.id, { token: await qrFor(a.id), lat: 38.5 });
      expect(refused.body.code).toBe('outside_fence');
      const id = refused.body.details.checkInId;
      expect((await t.http('POST', `/api/check-ins/${id}/approve`, { token: m.token, body: { note: '自己批' } })).status).toBe(403);
      const ok = await t.http('POST', `/api/check-ins/${id}/approve`, { token: staff, body: { note: '手机定位漂移，现场核实' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', refusal: 'outside_fence', note: '手机定位漂移，现场核实', approvedBy: { nickname: '张社工' }, pointsAwarded: 0, hoursStatus: 'pending' });
      const twice = await t.http('POST', `/api/check-ins/${id}/approve`, { token: staff, body: { note: '再批' } });
      expect(twice.status).toBe(409);
      const repeat = await checkIn(m.token, a.id, { token: await qrFor(a.id) });
      expect(repeat.status).toBe(200);
      expect(repeat.body.id).toBe(id);
      await serveAndConfirm(a.id, [m.token]);
      expect(await balance(m.token)).toBe(6);
    });

    it('closes hand approval one activity-length after the end', async () => {
      const a = await activity({ startsAt: iso(-5 * HOUR), endsAt: iso(-4 * HOUR) });
      const m = await member({ residence: orgXinhua });
      const refused = await checkIn(m.token, a.id, { token: await qrFor(a.id) });
      expect(refused.body.code).toBe('outside_window');
      const r = await t.http('POST', `/api/check-ins/${refused.body.details.checkInId}/approve`, { token: staff, body: { note: '补签' } });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('approval_window_closed');
    });
  });

  describe('conflict of interest', () => {
    it('refuses staff verifying or declining their own membership; a colleague may decide it', async () => {
      const me = await t.loginAs('staff');
      const own = await t.http('POST', '/api/memberships', { token: me.token, body: { organizationId: orgXinhuaGrid, role: 'workplace' } });
      expect([200, 201]).toContain(own.status);
      const verify = await t.http('POST', `/api/memberships/${own.body.id}/verify`, { token: staff });
      expect({ status: verify.status, code: verify.body.code }).toEqual({ status: 403, code: 'own_membership' });
      const decline = await t.http('POST', `/api/memberships/${own.body.id}/decline`, { token: staff, body: { note: '自己拒绝' } });
      expect({ status: decline.status, code: decline.body.code }).toEqual({ status: 403, code: 'own_membership' });
      const mine = await t.http('GET', '/api/memberships/mine', { token: staff });
      expect((mine.body.items as Array<{ id: number; status: string }>).find((m) => m.id === own.body.id)!.status).toBe('pending');
      const byColleague = await t.http('POST', `/api/memberships/${own.body.id}/verify`, { token: admin });
      expect(byColleague.status).toBe(200);
      expect(byColleague.body.status).toBe('verified');
    });

    it('refuses the creator checking in at their own activity (own_activity), earning nothing', async () => {
      const a = await activity({ type: 'volunteer', points: 20 });
      const before = await balance(staff);
      const r = await checkIn(staff, a.id, { token: await qrFor(a.id) });
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 422, code: 'own_activity' });
      expect(r.body.details.checkInId).toEqual(expect.any(Number));
      expect(await balance(staff)).toBe(before);
      expect((await t.http('GET', `/api/activities/${a.id}`, { token: staff })).body.checkedInCount).toBe(0);
      const mine = await t.http('GET', '/api/check-ins/mine', { token: staff });
      expect(mine.body.items.find((c: { id: number }) => c.id === r.body.details.checkInId)).toMatchObject({ status: 'refused', refusal: 'own_activity', pointsAwarded: 0 });
    });

    it('refuses staff approving their own refused check-in by hand (own_check_in); a colleague may', async () => {
      const a = await activity({ type: 'volunteer', points: 5 });
      const refused = await checkIn(staff, a.id, { token: await qrFor(a.id) });
      const id = refused.body.details.checkInId;
      const own = await t.http('POST', `/api/check-ins/${id}/approve`, { token: staff, body: { note: '我确实在场' } });
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'own_check_in' });
      const stillRefused = await t.http('GET', `/api/activities/${a.id}/check-ins`, { token: staff });
      expect(stillRefused.body.items.find((c: { id: number }) => c.id === id).status).toBe('refused');
      const byColleague = await t.http('POST', `/api/check-ins/${id}/approve`, { token: admin, body: { note: '由管理员核实' } });
      expect(byColleague.status).toBe(200);
      expect(byColleague.body).toMatchObject({ status: 'approved', hoursStatus: 'pending' });
    });

    it('caps volunteer points per China-time day through the ledger, once per check-in', async () => {
      // VOLUNTEER_POINTS_DAILY_CAP defaults to 40: two 20-point services fill the day, the third earns nothing.
      const m = await member();
      const earned: number[] = [];
      for (let i = 0; i < 3; i++) {
        const a = await activity({ type: 'volunteer', points: 20 });
        const r = await checkIn(m.token, a.id, { token: await qrFor(a.id), ...near(i) });
        expect(r.status).toBe(201);
        await serveAndConfirm(a.id, [m.token]);
        const again = await checkIn(m.token, a.id, { token: await qrFor(a.id) });
        expect(again.status).toBe(200);
        earned.push(again.body.pointsAwarded);
      }
      expect(earned).toEqual([20, 20, 0]);
      expect(await balance(m.token)).toBe(40);
      const rows = await t.ds.query(`SELECT delta FROM points_entry WHERE reason = 'volunteer_check_in' AND userId = ${m.id} ORDER BY id`);
      expect(rows.map((r: { delta: number | string }) => Number(r.delta))).toEqual([20, 20, 0]);
      const mine = await t.http('GET', '/api/check-ins/mine', { token: m.token });
      expect((mine.body.items as Array<{ pointsAwarded: number }>).map((c) => c.pointsAwarded).sort((x, y) => y - x)).toEqual([20, 20, 0]);
      expect((await t.http('GET', '/api/attendance/mine', { token: m.token })).body.volunteerPoints).toBe(40);
    });
  });

  describe('attendance and the register', () => {
    it('counts meetings at either organization once each, and lists who has not attended', async () => {
      const m = await member({ residence: orgXinhuaGrid, workplace: orgHeping });
      const absentees = async (org: number) => ((await t.http('GET', `/api/organizations/${org}/absentees`, { token: staff })).body.items as Array<{ member: { id: number } }>).map((x) => x.member.id);
      expect(await absentees(orgXinhuaGrid)).toContain(m.id);
      const home = await activity({ organizationId: orgXinhuaGrid });
      const work = await activity({ organizationId: orgHeping });
      await checkIn(m.token, home.id, { token: await qrFor(home.id) });
      await checkIn(m.token, home.id, { token: await qrFor(home.id) });
      await checkIn(m.token, work.id, { token: await qrFor(work.id) });
      const att = await t.http('GET', '/api/attendance/mine', { token: m.token });
      expect(att.body).toMatchObject({ meetingsAttended: 2, activitiesAttended: 2, volunteerPoints: 0 });
      expect(await absentees(orgXinhuaGrid)).not.toContain(m.id);
      expect(await absentees(orgHeping)).not.toContain(m.id);
      const mine = await t.http('GET', '/api/check-ins/mine', { token: m.token });
      expect(mine.body.items.filter((c: { status: string }) => c.status === 'accepted')).toHaveLength(2);
    });

    it('exports the register as xlsx with both organizations and attendance for members in scope', async () => {
      const r = await fetch(`${t.baseUrl}/api/register/export.xlsx`, { headers: { authorization: `Bearer ${staff}` } });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
      const sheet = wb.getWorksheet('台账')!;
      const header = (sheet.getRow(1).values as string[]).filter(Boolean);
      expect(header.slice(0, 8)).toEqual(['姓名', '手机', '行业', '平台/单位', '居住地组织', '居住地状态', '工作地组织', '工作地状态']);
      const names: string[] = [];
      sheet.eachRow((row, i) => i > 1 && names.push(String(row.getCell(1).value)));
      expect(names).toEqual(expect.arrayContaining(['李师傅', '赵强']));
      // 石狮 is outside the demo staff's scope: its members never appear.
      const shishiOrg = (await t.ds.query("SELECT o.id FROM organization o JOIN area a ON a.id = o.areaId WHERE a.code = '350581001001'"))[0].id;
      const outsider = await member({});
      await t.http('POST', '/api/memberships', { token: outsider.token, body: { organizationId: Number(shishiOrg), role: 'residence' } });
      const nick = (await t.http('GET', '/api/me', { token: outsider.token })).body.nickname;
      const again = await fetch(`${t.baseUrl}/api/register/export.xlsx`, { headers: { authorization: `Bearer ${staff}` } });
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(Buffer.from(await again.arrayBuffer()) as never);
      const names2: string[] = [];
      wb2.getWorksheet('台账')!.eachRow((row, i) => i > 1 && names2.push(String(row.getCell(1).value)));
      expect(names2).not.toContain(nick);
      const adminExport = await fetch(`${t.baseUrl}/api/register/export.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
      const wb3 = new ExcelJS.Workbook();
      await wb3.xlsx.load(Buffer.from(await adminExport.arrayBuffer()) as never);
      const names3: string[] = [];
      wb3.getWorksheet('台账')!.eachRow((row, i) => i > 1 && names3.push(String(row.getCell(1).value)));
      expect(names3).toContain(nick);
    });
  });
});

describe('check-in attempt rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('embedded', { RATE_LIMIT_CHECKIN_PER_MIN: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 after the per-user limit of attempts', async () => {
    const { token } = await t.loginAs('rider');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http('POST', '/api/activities/1/check-ins', { token, body: { token: 'x', lat: 38.34, lng: 114.68, accuracyM: 5 } })).status);
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(statuses[3]).toBe(429);
  });
});
