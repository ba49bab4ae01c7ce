import ExcelJS from 'exceljs';
import { QR_SLOT_SECONDS } from '@xjy/shared';
import { QrSightings } from '../../src/modules/activities/qr-sightings';
import { QrTokens } from '../../src/modules/activities/qr-token';
import { elapse, near } from '../support/hours-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe.each(TEST_DRIVERS)('志愿服务时长 and proxy suspicion (%s)', (driver) => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let orgXinhua: number;
  let orgHeping: number;
  let seq = 0;

  type Member = { token: string; id: number; client: string; at: { lat: number; lng: number } };
  async function member(orgs: { residence?: number; workplace?: number } = {}): Promise<Member> {
    const n = ++seq;
    const login = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(`hours-${driver}-${n}`) } });
    for (const [role, organizationId] of Object.entries(orgs)) {
      const m = await t.http('POST', '/api/memberships', { token: login.body.token, body: { organizationId, role } });
      expect((await t.http('POST', `/api/memberships/${m.body.id}/verify`, { token: staff })).status).toBe(200);
    }
    return { token: login.body.token, id: login.body.user.id, client: `install-${driver}-${n}-abcdef`, at: near(n) };
  }

  /** A 70-minute activity that started 10 minutes ago, at 新华社区, made by the admin (so staff may review and close). */
  async function activity(body: Record<string, unknown> = {}): Promise<{ id: number; lat: number; lng: number }> {
    const r = await t.http('POST', '/api/activities', {
      token: admin,
      body: { organizationId: orgXinhua, type: 'volunteer', title: `志愿服务${++seq}`, startsAt: iso(-10 * MIN), endsAt: iso(60 * MIN), lat: 38.3435, lng: 114.6839, ...body },
    });
    expect(r.status).toBe(201);
    return r.body;
  }

  const qr = async (activityId: number) => (await t.http('GET', `/api/activities/${activityId}/qr-token`, { token: admin })).body as { token: string; code: string };
  const step = async (kind: 'check-ins' | 'check-outs', m: Member, activityId: number, body: Record<string, unknown> = {}, client = m.client) =>
    t.http('POST', `/api/activities/${activityId}/${kind}`, { token: m.token, headers: { 'x-client-id': client }, body: { token: (await qr(activityId)).token, ...m.at, accuracyM: 10, ...body } });
  const signIn = (m: Member, id: number, body: Record<string, unknown> = {}, client?: string) => step('check-ins', m, id, body, client);
  const signOut = (m: Member, id: number, body: Record<string, unknown> = {}) => step('check-outs', m, id, body);
  const confirm = (id: number, token = staff) => t.http('POST', `/api/activities/${id}/confirm-hours`, { token });
  const balance = async (m: Member) => (await t.http('GET', '/api/me', { token: m.token })).body.pointsBalance as number;
  const mine = async (m: Member, activityId: number) => ((await t.http('GET', '/api/check-ins/mine', { token: m.token })).body.items as Array<Record<string, any>>).find((c) => c.activityId === activityId)!;

  beforeAll(async () => {
    t = await startTestApp(driver);
    staff = (await t.loginAs('staff')).token;
    admin = (await t.loginAs('admin')).token;
    const orgOf = async (code: string) => {
      const areaId = Number((await t.ds.query(`SELECT id FROM area WHERE code = '${code}'`))[0].id);
      return ((await t.http('GET', `/api/organizations?areaId=${areaId}`, { token: staff })).body.items as Array<{ id: number; areaId: number }>).find((o) => o.areaId === areaId)!.id;
    };
    orgXinhua = await orgOf('130184001001');
    orgHeping = await orgOf('130184001003');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('hours', () => {
    it('counts a session covering at least 60% of the activity and not one below it', async () => {
      const a = await activity({ points: 5 });
      const [stays, leaves] = [await member(), await member()];
      expect((await signIn(stays, a.id)).body).toMatchObject({ status: 'accepted', hoursStatus: 'pending', hours: null, signedOutAt: null, flags: [] });
      await signIn(leaves, a.id);
      await elapse(t, a.id, 30 * MIN);
      const early = await signOut(leaves, a.id);
      expect(early.status).toBe(201);
      // 30 of 70 minutes: 43%.
      expect(early.body).toMatchObject({ hours: 0.5, hoursStatus: 'below_threshold' });
      await elapse(t, a.id, 20 * MIN);
      const late = await signOut(stays, a.id);
      // 50 of 70 minutes: 71%.
      expect(late.body).toMatchObject({ hours: 0.83, hoursStatus: 'pending', signedOutAt: expect.any(String) });
      expect((await signOut(stays, a.id)).status).toBe(200);
      await elapse(t, a.id, 30 * MIN);
      const r = await confirm(a.id);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ confirmed: 1, belowThreshold: 1, openSessions: 0, awaitingReview: 0, pointsAwarded: 5 });
      expect(await mine(stays, a.id)).toMatchObject({ hours: 0.83, hoursStatus: 'confirmed', pointsAwarded: 5 });
      expect(await mine(leaves, a.id)).toMatchObject({ hours: 0.5, hoursStatus: 'below_threshold', pointsAwarded: 0 });
      expect([await balance(stays), await balance(leaves)]).toEqual([5, 0]);
    });

    it('takes the threshold from the activity (editable), e.g. 40%', async () => {
      const a = await activity({ hoursThresholdPct: 50 });
      expect((await t.http('PATCH', `/api/activities/${a.id}`, { token: admin, body: { hoursThresholdPct: 40 } })).body.hoursThresholdPct).toBe(40);
      expect((await t.http('PATCH', `/api/activities/${a.id}`, { token: admin, body: { hoursThresholdPct: 0 } })).status).toBe(400);
      const m = await member();
      await signIn(m, a.id);
      await elapse(t, a.id, 30 * MIN);
      expect((await signOut(m, a.id)).body.hoursStatus).toBe('pending');
    });

    it('clips hours to the activity window: early sign-in and late sign-out count the activity length only', async () => {
      const a = await activity({ startsAt: iso(20 * MIN), endsAt: iso(80 * MIN) });
      const m = await member();
      expect((await signIn(m, a.id)).status).toBe(201);
      // Sign-out is open only from the start.
      expect((await signOut(m, a.id)).body.code).toBe('sign_out_window');
      await elapse(t, a.id, 100 * MIN); // now 20 minutes after the end: sign-out still open
      const out = await signOut(m, a.id);
      expect(out.body).toMatchObject({ hours: 1, hoursStatus: 'pending' });
    });

    it('closes sign-out 30 minutes after the end', async () => {
      const a = await activity();
      const m = await member();
      await signIn(m, a.id);
      await elapse(t, a.id, 60 * MIN + 31 * MIN);
      expect((await signOut(m, a.id)).body.code).toBe('sign_out_window');
    });

    it('refuses sign-out without a check-in, with a bad code, outside the fence, and on a meeting', async () => {
      const a = await activity();
      const m = await member();
      expect((await signOut(m, a.id)).body.code).toBe('not_checked_in');
      await signIn(m, a.id);
      expect((await signOut(m, a.id, { token: `${a.id}.1.AAAAAAAAAAAAAAAAAAAAAA` })).body.code).toBe('qr_token_invalid');
      const far = await signOut(m, a.id, { lat: 38.36 });
      expect({ status: far.status, code: far.body.code }).toEqual({ status: 422, code: 'outside_fence' });
      expect(far.body.details).toMatchObject({ radiusM: 300 });
      const meeting = await activity({ type: 'meeting', organizationId: orgXinhua });
      expect((await signOut(m, meeting.id)).body.code).toBe('hours_not_applicable');
      expect((await mine(m, a.id)).signedOutAt).toBeNull();
    });

    it('leaves a forgotten sign-out open (never full length) until staff close it by hand with a note', async () => {
      const a = await activity({ points: 4 });
      const m = await member();
      const c = await signIn(m, a.id);
      await elapse(t, a.id, 2 * HOUR);
      const first = await confirm(a.id);
      expect(first.body).toMatchObject({ confirmed: 0, openSessions: 1, pointsAwarded: 0 });
      expect(await mine(m, a.id)).toMatchObject({ hours: null, hoursStatus: 'pending', signedOutAt: null });
      const signedInAt = new Date((await mine(m, a.id)).createdAt).getTime();
      const closeAt = (ms: number, token = staff, note = '忘记签退，组织者核实在场至此') =>
        t.http('POST', `/api/check-ins/${c.body.id}/close`, { token, body: { signedOutAt: new Date(ms).toISOString(), note } });
      expect((await closeAt(signedInAt - MIN)).body.code).toBe('sign_out_time_invalid');
      expect((await closeAt(Date.now() + MIN)).body.code).toBe('sign_out_time_invalid');
      expect((await closeAt(signedInAt + 50 * MIN, m.token)).status).toBe(403);
      expect((await closeAt(signedInAt + 50 * MIN, staff, '')).status).toBe(400);
      const closed = await closeAt(signedInAt + 50 * MIN);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ hours: 0.83, hoursStatus: 'pending', closedBy: { nickname: '张社工' }, closeNote: '忘记签退，组织者核实在场至此' });
      expect((await closeAt(signedInAt + 60 * MIN)).body.code).toBe('already_signed_out');
      const again = await confirm(a.id);
      expect(again.body).toMatchObject({ confirmed: 1, openSessions: 0, pointsAwarded: 4 });
      expect(await balance(m)).toBe(4);
    });

    it('confirms only after the end, only hours activities, and awards points exactly once under concurrent confirms', async () => {
      const meeting = await activity({ type: 'meeting' });
      expect((await confirm(meeting.id)).body.code).toBe('hours_not_applicable');
      const a = await activity({ points: 7 });
      const members = await Promise.all(Array.from({ length: 5 }, () => member()));
      for (const m of members) expect((await signIn(m, a.id)).status).toBe(201);
      expect((await confirm(a.id)).body.code).toBe('activity_not_ended');
      expect((await confirm(a.id, members[0].token)).status).toBe(403);
      await elapse(t, a.id, 55 * MIN);
      for (const m of members) expect((await signOut(m, a.id)).status).toBe(201);
      await elapse(t, a.id, 20 * MIN);
      const results = await Promise.all([confirm(a.id), confirm(a.id), confirm(a.id, admin), confirm(a.id)]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(results.reduce((n, r) => n + r.body.confirmed, 0)).toBe(5);
      expect(results.reduce((n, r) => n + r.body.pointsAwarded, 0)).toBe(35);
      for (const m of members) expect(await balance(m)).toBe(7);
      const rows = await t.ds.query(`SELECT COUNT(*) AS n FROM points_entry WHERE reason = 'volunteer_check_in' AND userId IN (${members.map((m) => m.id).join(',')})`);
      expect(Number(rows[0].n)).toBe(5);
      const detail = await t.http('GET', `/api/activities/${a.id}`, { token: members[0].token });
      expect(detail.body).toMatchObject({ countsHours: true, hoursConfirmedAt: expect.any(String), myCheckIn: { hoursStatus: 'confirmed', hours: 0.92 } });
      const att = await t.http('GET', '/api/attendance/mine', { token: members[0].token });
      expect(att.body).toMatchObject({ confirmedHours: 0.92, volunteerPoints: 7 });
    });

    it('puts confirmed hours per member per quarter and year in the register export', async () => {
      const a = await activity();
      const m = await member({ residence: orgXinhua });
      await signIn(m, a.id);
      await elapse(t, a.id, HOUR);
      await signOut(m, a.id);
      await elapse(t, a.id, 20 * MIN);
      expect((await confirm(a.id)).body.confirmed).toBe(1);
      const nick = (await t.http('GET', '/api/me', { token: m.token })).body.nickname;
      const r = await fetch(`${t.baseUrl}/api/register/export.xlsx`, { headers: { authorization: `Bearer ${staff}` } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
      const sheet = wb.getWorksheet('台账')!;
      const header = (sheet.getRow(1).values as string[]).map(String);
      const qCol = header.findIndex((h) => /Q\d 服务时长/.test(h));
      const yCol = header.findIndex((h) => /年 服务时长/.test(h));
      expect(qCol).toBeGreaterThan(0);
      expect(yCol).toBeGreaterThan(0);
      let row: ExcelJS.Row | undefined;
      sheet.eachRow((x) => {
        if (x.getCell(1).value === nick) row = x;
      });
      expect(Number(row!.getCell(qCol).value)).toBe(1);
      expect(Number(row!.getCell(yCol).value)).toBe(1);
    });
  });

  describe('typed code', () => {
    it('accepts the 6-digit code of the current slot and refuses a wrong or stale one', async () => {
      const a = await activity();
      const { code } = await qr(a.id);
      expect(code).toMatch(/^\d{6}$/);
      const m = await member();
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      expect((await signIn(m, a.id, { token: wrong })).body.code).toBe('qr_token_invalid');
      const stale = new QrTokens(t.config.jwtSecret).issue(a.id, Date.now() - 3 * QR_SLOT_SECONDS * 1000).code;
      expect((await signIn(m, a.id, { token: stale })).body.code).toBe('qr_token_expired');
      expect((await signIn(m, a.id, { token: code })).status).toBe(201);
    });
  });

  describe('proxy suspicion (flagged, never refused)', () => {
    const flagsOf = async (m: Member, id: number) => (await mine(m, id)).flags as string[];

    it('shared_client: one install checking in two accounts flags both; two installs flag nothing', async () => {
      const a = await activity();
      const [x, y, z] = [await member(), await member(), await member()];
      expect((await signIn(x, a.id)).status).toBe(201);
      const second = await signIn(y, a.id, {}, x.client);
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ status: 'accepted', flags: ['shared_client'], review: 'pending' });
      expect(await flagsOf(x, a.id)).toEqual(['shared_client']);
      await signIn(z, a.id);
      expect(await flagsOf(z, a.id)).toEqual([]);
    });

    it('same_coordinates: identical points to 6 decimals flag; a fix 1e-6 apart does not', async () => {
      const a = await activity();
      const [x, y, z] = [await member(), await member(), await member()];
      await signIn(x, a.id, { lat: 38.343712, lng: 114.684012 });
      expect((await signIn(y, a.id, { lat: 38.343712, lng: 114.684012 })).body.flags).toEqual(['same_coordinates']);
      expect(await flagsOf(x, a.id)).toEqual(['same_coordinates']);
      expect((await signIn(z, a.id, { lat: 38.343713, lng: 114.684012 })).body.flags).toEqual([]);
    });

    it('activity_point: exactly the published point flags; a real fix next to it does not', async () => {
      const a = await activity();
      const [x, y] = [await member(), await member()];
      expect((await signIn(x, a.id, { lat: 38.3435, lng: 114.6839 })).body.flags).toEqual(['activity_point']);
      expect((await signIn(y, a.id, { lat: 38.343503, lng: 114.683898 })).body.flags).toEqual([]);
    });

    it('impossible_travel: 50 km in a minute flags; 50 km after two hours does not', async () => {
      const here = await activity();
      const far = await activity({ lat: 38.7935, lng: 114.6839 }); // 50 km north
      const [x, y] = [await member(), await member()];
      await signIn(x, here.id);
      expect((await signIn(x, far.id, { lat: 38.7936, lng: 114.684 })).body.flags).toEqual(['impossible_travel']);
      await signIn(y, here.id);
      await elapse(t, here.id, 2 * HOUR);
      expect((await signIn(y, far.id, { lat: 38.79365, lng: 114.68405 })).body.flags).toEqual([]);
    });

    it('token_relayed: a code used long after the screen moved on flags; a fresh one does not', async () => {
      const a = await activity();
      const keys = new QrTokens(t.config.jwtSecret);
      const sightings = t.app.get(QrSightings);
      const now = Date.now();
      const previous = keys.issue(a.id, now - QR_SLOT_SECONDS * 1000);
      const current = keys.issue(a.id, now);
      sightings.shown(a.id, previous.slot, now - 45_000);
      sightings.shown(a.id, current.slot, now - 15_000);
      const [x, y] = [await member(), await member()];
      expect((await signIn(x, a.id, { token: previous.token })).body.flags).toEqual(['token_relayed']);
      expect((await signIn(y, a.id, { token: current.token })).body.flags).toEqual([]);
    });

    it('lists flagged check-ins to staff in scope; a review accepts or rejects once, and a rejection stops counting', async () => {
      const a = await activity();
      const [x, y] = [await member(), await member()];
      const cx = await signIn(x, a.id, { lat: 38.3435, lng: 114.6839 });
      const cy = await signIn(y, a.id, { lat: 38.3435, lng: 114.6839 });
      const flagged = await t.http('GET', '/api/check-ins/flagged', { token: staff });
      const ids = (flagged.body.items as Array<{ id: number }>).map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining([cx.body.id, cy.body.id]));
      // Outside the demo staff's scope (石狮): the admin sees it, the staff do not.
      const shishiOrg = Number((await t.ds.query("SELECT o.id FROM organization o JOIN area a ON a.id = o.areaId WHERE a.code = '350581001001'"))[0].id);
      const away = await activity({ organizationId: shishiOrg });
      const cz = await signIn(x, away.id, { lat: 38.3435, lng: 114.6839 });
      expect(cz.body).toMatchObject({ flags: expect.arrayContaining(['activity_point']) });
      expect(ids).not.toContain(cz.body.id);
      const all = await t.http('GET', '/api/check-ins/flagged', { token: admin });
      expect((all.body.items as Array<{ id: number }>).map((c) => c.id)).toContain(cz.body.id);
      expect(await mine(x, a.id)).toMatchObject({ review: 'pending', flags: expect.arrayContaining(['activity_point', 'same_coordinates']) });
      const ok = await t.http('POST', `/api/check-ins/${cx.body.id}/review`, { token: staff, body: { accept: true, note: '现场见到本人' } });
      expect(ok.body).toMatchObject({ status: 'accepted', review: 'accepted', reviewNote: '现场见到本人' });
      const no = await t.http('POST', `/api/check-ins/${cy.body.id}/review`, { token: staff, body: { accept: false, note: '本人不在现场' } });
      expect(no.body).toMatchObject({ status: 'rejected', review: 'rejected' });
      expect((await t.http('POST', `/api/check-ins/${cy.body.id}/review`, { token: staff, body: { accept: true, note: '改判' } })).body.code).toBe('already_reviewed');
      expect((await t.http('GET', `/api/activities/${a.id}`, { token: staff })).body.checkedInCount).toBe(1);
      // A rejected member cannot sign out or check in again over it.
      expect((await signOut(y, a.id)).body.code).toBe('not_checked_in');
      expect((await signIn(y, a.id)).body).toMatchObject({ id: cy.body.id, status: 'rejected' });
      const clean = await member();
      const cc = await signIn(clean, a.id);
      expect((await t.http('POST', `/api/check-ins/${cc.body.id}/review`, { token: staff, body: { accept: true, note: '无' } })).body.code).toBe('check_in_not_flagged');
      expect((await t.http('POST', `/api/check-ins/${cx.body.id}/review`, { token: x.token, body: { accept: true, note: '无' } })).status).toBe(403);
    });

    it('holds a flagged session out of confirmation until it is accepted, then confirms it with its points', async () => {
      const a = await activity({ points: 3 });
      const m = await member();
      const c = await signIn(m, a.id, { lat: 38.3435, lng: 114.6839 });
      await elapse(t, a.id, HOUR);
      await signOut(m, a.id);
      await elapse(t, a.id, 20 * MIN);
      expect((await confirm(a.id)).body).toMatchObject({ confirmed: 0, awaitingReview: 1 });
      expect(await balance(m)).toBe(0);
      const ok = await t.http('POST', `/api/check-ins/${c.body.id}/review`, { token: staff, body: { accept: true, note: '本人在场' } });
      expect(ok.body).toMatchObject({ hoursStatus: 'confirmed', pointsAwarded: 3 });
      expect(await balance(m)).toBe(3);
    });
  });

  describe('三会一课', () => {
    it("shows each member's quarter against the rules, meetings at either organization counted once", async () => {
      const m = await member({ residence: orgXinhua, workplace: orgHeping });
      const meeting = (organizationId: number, meetingKind: string) => activity({ type: 'meeting', organizationId, meetingKind });
      const congress = await meeting(orgHeping, 'party_congress');
      const lecture = await meeting(orgXinhua, 'party_lecture');
      const group = await meeting(orgXinhua, 'group_meeting');
      for (const a of [congress, lecture, group]) expect((await signIn(m, a.id)).status).toBe(201);
      const view = async (org: number) => (await t.http('GET', `/api/organizations/${org}/meetings`, { token: staff })).body;
      for (const org of [orgXinhua, orgHeping]) {
        const body = await view(org);
        const mineRow = body.items.find((i: { member: { id: number } }) => i.member.id === m.id);
        const byKind = Object.fromEntries(mineRow.rules.map((r: { kind: string; attended: number[]; met: boolean }) => [r.kind, r]));
        expect(byKind.party_congress).toMatchObject({ attended: [1], met: true });
        expect(byKind.party_lecture).toMatchObject({ attended: [1], met: true });
        expect(byKind.group_meeting.attended.reduce((x: number, y: number) => x + y, 0)).toBe(1);
        // One group meeting cannot cover all three months.
        expect(byKind.group_meeting.met).toBe(false);
        expect(mineRow.met).toBe(false);
      }
      expect((await t.http('POST', '/api/activities', { token: admin, body: { organizationId: orgXinhua, type: 'volunteer', title: 'x', startsAt: iso(HOUR), endsAt: iso(2 * HOUR), lat: 38.3, lng: 114.6, meetingKind: 'party_lecture' } })).status).toBe(400);
    });
  });
});
