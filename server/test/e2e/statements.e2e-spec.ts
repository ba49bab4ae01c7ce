import { chinaDateKey, DAY_MS, STATEMENT_SPAN_DAYS_MAX } from '@xjy/shared';
import { randomUUID } from 'node:crypto';
import { Activity } from '../../src/modules/activities/activity.entity';
import { CheckIn } from '../../src/modules/activities/check-in.entity';
import { Organization } from '../../src/modules/organizations/organization.entity';
import { PointsEntry } from '../../src/modules/points/points-entry.entity';
import { Report } from '../../src/modules/reports/report.entity';
import { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import { Statement, StatementLineRow } from '../../src/modules/statements/statement.entity';
import { elapse, near } from '../support/hours-helpers';
import { createReport } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

describe.each(TEST_DRIVERS)('积分与志愿服务时长证明 over HTTP (%s)', (driver) => {
  let t: TestApp;
  let staff: string;
  let seq = 0;
  const today = () => chinaDateKey(new Date());
  const daysAgo = (n: number) => chinaDateKey(Date.now() - n * DAY_MS);

  /** A member of their own (WeChat login), with a name and a phone the statement must not show. */
  const member = async (nickname: string) => {
    const openid = `openid-statement-${++seq}-${randomUUID().slice(0, 6)}`;
    const r = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(openid) } });
    const token = r.body.token as string;
    const phone = `139${String(10_000_000 + seq * 7919).slice(0, 8)}`;
    const p = await t.http('PATCH', '/api/me', { token, body: { nickname, phone } });
    expect(p.status).toBe(200);
    return { token, id: r.body.user.id as number, openid, phone, nickname };
  };
  /** A report by the member, accepted by staff with these points. */
  const acceptedReport = async (token: string, points: number, category = 'other') => {
    const r = await createReport(t, token, { category });
    expect(r.status).toBe(201);
    const a = await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points } });
    expect(a.status).toBe(200);
    return r.body.id as number;
  };
  const issue = (token: string | undefined, from: string, to: string) => t.http('POST', '/api/statements', { token, body: { from, to } });

  beforeAll(async () => {
    t = await startTestApp(driver, { REPORT_POINTS_DAILY_CAP: '100' });
    staff = (await t.loginAs('staff')).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('issues a statement whose every points line traces to its ledger entry and report, totals matching the ledger', async () => {
    const m = await member('王小明');
    const first = await acceptedReport(m.token, 6, 'facility');
    const second = await acceptedReport(m.token, 8, 'traffic');
    const r = await issue(m.token, daysAgo(30), today());
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(r.body).toMatchObject({ from: daysAgo(30), to: today(), memberName: '王**', pointsTotal: 14, hoursTotal: 0 });
    expect(r.body.digest).toMatch(/^[0-9a-f]{64}$/);

    const ledger = await t.ds.getRepository(PointsEntry).find({ where: { userId: m.id }, order: { id: 'ASC' } });
    expect(r.body.pointsTotal).toBe(ledger.reduce((s, e) => s + e.delta, 0));
    const points = r.body.lines.filter((l: { kind: string }) => l.kind === 'points');
    expect(points).toHaveLength(ledger.length);
    const categories = new Map((await t.ds.getRepository(ReportCategory).find()).map((c) => [c.id, c.label]));
    for (const line of points) {
      const entry = ledger.find((e) => e.id === line.recordId)!;
      expect(entry).toBeDefined();
      expect({ points: line.points, reason: line.reason, sourceType: line.sourceType, sourceId: line.sourceId }).toEqual({ points: entry.delta, reason: entry.reason, sourceType: 'report', sourceId: entry.sourceId });
      const report = await t.ds.getRepository(Report).findOneByOrFail({ id: line.sourceId });
      expect(report.reporterId).toBe(m.id);
      expect(line.label).toBe(categories.get(report.categoryId));
    }
    expect(points.map((l: { sourceId: number }) => l.sourceId)).toEqual([first, second]);
  });

  it('lists confirmed volunteer hours only, each traced to its check-in and activity, with the check-in points', async () => {
    const m = await member('冯七');
    const org = (await t.ds.getRepository(Organization).find({ take: 1 }))[0];
    const activity = async (title: string, hoursAgo: number) =>
      t.ds.getRepository(Activity).save(
        t.ds.getRepository(Activity).create({
          organizationId: org.id, type: 'volunteer', title, address: null, startsAt: new Date(Date.now() - hoursAgo * 3600_000), endsAt: new Date(Date.now() - (hoursAgo - 3) * 3600_000),
          lat: 38.34, lng: 114.68, radiusM: 200, points: 5, capacity: null, status: 'scheduled', createdBy: org.id,
        }),
      );
    const attended = async (a: Activity, hours: number, hoursStatus: 'pending' | 'confirmed' | 'below_threshold') =>
      t.ds.getRepository(CheckIn).save(
        t.ds.getRepository(CheckIn).create({ activityId: a.id, userId: m.id, status: 'accepted', attendanceKey: `${a.id}:${m.id}`, lat: 38.34, lng: 114.68, accuracyM: 10, distanceM: 5, hours, hoursStatus, signedOutAt: new Date() }),
      );
    const cleanUp = await activity('河道清洁志愿服务', 30);
    const pendingOne = await activity('敬老院陪护', 20);
    const shortOne = await activity('文明交通劝导', 10);
    const confirmed = await attended(cleanUp, 2.75, 'confirmed');
    await attended(pendingOne, 3, 'pending');
    await attended(shortOne, 0.5, 'below_threshold');
    await t.ds.getRepository(PointsEntry).insert({ userId: m.id, delta: 5, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: confirmed.id, actorId: null });

    const r = await issue(m.token, daysAgo(3), today());
    expect(r.status).toBe(201);
    expect(r.body.hoursTotal).toBe(2.75);
    expect(r.body.lines).toEqual([
      { kind: 'points', at: expect.any(String), points: 5, hours: null, reason: 'volunteer_check_in', sourceType: 'activity', sourceId: cleanUp.id, label: '河道清洁志愿服务', recordId: expect.any(Number) },
      { kind: 'hours', at: cleanUp.startsAt.toISOString(), points: null, hours: 2.75, reason: null, sourceType: 'activity', sourceId: cleanUp.id, label: '河道清洁志愿服务', recordId: confirmed.id },
    ]);
    expect((await t.http('GET', `/api/statements/${r.body.code}`)).body).toEqual(r.body);
  });

  it('traces hours and points earned through sign-in, sign-out and staff confirmation to the activity and check-in', async () => {
    const admin = (await t.loginAs('admin')).token;
    const areaId = Number((await t.ds.query("SELECT id FROM area WHERE code = '130184001001'"))[0].id);
    const orgs = (await t.http('GET', `/api/organizations?areaId=${areaId}`, { token: staff })).body.items as Array<{ id: number; areaId: number }>;
    const organizationId = orgs.find((o) => o.areaId === areaId)!.id;
    const start = new Date(Date.now() - 10 * 60_000).toISOString();
    const end = new Date(Date.now() + 60 * 60_000).toISOString();
    const a = await t.http('POST', '/api/activities', { token: admin, body: { organizationId, type: 'volunteer', title: '社区助老志愿服务', startsAt: start, endsAt: end, lat: 38.3435, lng: 114.6839, points: 5 } });
    expect(a.status).toBe(201);
    const [stays, leaves] = [await member('褚八'), await member('卫九')];
    const step = async (kind: 'check-ins' | 'check-outs', m: { token: string; id: number }, n: number) => {
      const token = (await t.http('GET', `/api/activities/${a.body.id}/qr-token`, { token: admin })).body.token;
      return t.http('POST', `/api/activities/${a.body.id}/${kind}`, { token: m.token, headers: { 'x-client-id': `statement-install-${n}` }, body: { token, ...near(9000 + n), accuracyM: 10 } });
    };
    const checkIn = await step('check-ins', stays, 1);
    expect(checkIn.status).toBe(201);
    expect((await step('check-ins', leaves, 2)).status).toBe(201);
    await elapse(t, a.body.id, 30 * 60_000);
    expect((await step('check-outs', leaves, 2)).body.hoursStatus).toBe('below_threshold');
    await elapse(t, a.body.id, 20 * 60_000);
    expect((await step('check-outs', stays, 1)).body).toMatchObject({ hours: 0.83, hoursStatus: 'pending' });
    await elapse(t, a.body.id, 30 * 60_000);
    expect((await t.http('POST', `/api/activities/${a.body.id}/confirm-hours`, { token: staff })).status).toBe(200);

    const mine = await issue(stays.token, daysAgo(3), today());
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ pointsTotal: 5, hoursTotal: 0.83 });
    expect(mine.body.lines.map((l: { kind: string; sourceType: string; sourceId: number; label: string; points: number | null; hours: number | null }) => [l.kind, l.sourceType, l.sourceId, l.label, l.points ?? l.hours])).toEqual([
      ['points', 'activity', a.body.id, '社区助老志愿服务', 5],
      ['hours', 'activity', a.body.id, '社区助老志愿服务', 0.83],
    ]);
    expect(mine.body.lines[1].recordId).toBe(checkIn.body.id);
    const entry = await t.ds.getRepository(PointsEntry).findOneByOrFail({ id: mine.body.lines[0].recordId });
    expect([entry.userId, entry.sourceType, entry.sourceId]).toEqual([stays.id, 'check_in', checkIn.body.id]);
    // Below the threshold: no hours and no points on the statement.
    const short = await issue(leaves.token, daysAgo(3), today());
    expect(short.body).toMatchObject({ pointsTotal: 0, hoursTotal: 0, lines: [] });
  });

  it('shows the same statement to anyone holding the code, without login, and never the phone, openid or full name', async () => {
    const m = await member('欧阳明月');
    await acceptedReport(m.token, 5);
    const mine = await issue(m.token, daysAgo(1), today());
    expect(mine.status).toBe(201);
    const pub = await t.http('GET', `/api/statements/${mine.body.code}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual(mine.body);
    // Typed as printed (groups of four), in lower case, with O for 0: the same statement.
    const typed = mine.body.code.replace(/(.{4})(?=.)/g, '$1-').toLowerCase().replace(/0/g, 'o');
    expect((await t.http('GET', `/api/statements/${encodeURIComponent(typed)}`)).body.code).toBe(mine.body.code);

    const text = JSON.stringify(pub.body);
    expect(pub.body.memberName).toBe('欧***');
    for (const secret of [m.phone, m.openid, m.nickname, '明月']) expect(text).not.toContain(secret);
    expect(Object.keys(pub.body).sort()).toEqual(['code', 'digest', 'from', 'hoursTotal', 'issuedAt', 'lines', 'memberName', 'pointsTotal', 'to']);
    expect(text).not.toMatch(/userId|openid|phone|reporterId/);
  });

  it('answers 404 for a code never issued, one changed character, or something that is not a code', async () => {
    const m = await member('赵一');
    const r = await issue(m.token, today(), today());
    expect(r.status).toBe(201);
    const code: string = r.body.code;
    const changed = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    for (const bad of [changed, '0000-0000-0000-0000-0000', 'abc', code + 'X', '%E4%B8%AD'.repeat(3)]) {
      const res = await t.http('GET', `/api/statements/${bad}`);
      expect({ bad, status: res.status, code: res.body.code }).toEqual({ bad, status: 404, code: 'statement_not_found' });
    }
  });

  it('refuses a statement whose stored rows were changed after issue (409 statement_altered)', async () => {
    const m = await member('钱二');
    await acceptedReport(m.token, 6);
    const r = await issue(m.token, today(), today());
    const row = await t.ds.getRepository(Statement).findOneByOrFail({ code: r.body.code });
    await t.ds.getRepository(StatementLineRow).update({ statementId: row.id, seq: 0 }, { points: 10 });
    const res = await t.http('GET', `/api/statements/${r.body.code}`);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'statement_altered' });
    await t.ds.getRepository(StatementLineRow).update({ statementId: row.id, seq: 0 }, { points: 6 });
    expect((await t.http('GET', `/api/statements/${r.body.code}`)).status).toBe(200);
    await t.ds.getRepository(Statement).update({ id: row.id }, { pointsTotal: 60 });
    expect((await t.http('GET', `/api/statements/${r.body.code}`)).body.code).toBe('statement_altered');
  });

  it('keeps an issued statement as it was: points earned later appear only in a new statement', async () => {
    const m = await member('孙三');
    await acceptedReport(m.token, 5);
    const before = await issue(m.token, today(), today());
    await acceptedReport(m.token, 7);
    const again = await t.http('GET', `/api/statements/${before.body.code}`);
    expect(again.body).toEqual(before.body);
    expect(again.body.pointsTotal).toBe(5);
    const after = await issue(m.token, today(), today());
    expect(after.body.pointsTotal).toBe(12);
    expect(after.body.code).not.toBe(before.body.code);
  });

  it('lists only my statements, newest first', async () => {
    const a = await member('周四');
    const b = await member('吴五');
    const a1 = await issue(a.token, daysAgo(10), today());
    const a2 = await issue(a.token, daysAgo(2), today());
    await issue(b.token, today(), today());
    const list = await t.http('GET', '/api/statements', { token: a.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { code: string }) => s.code)).toEqual([a2.body.code, a1.body.code]);
    expect(list.body.items[0]).toEqual({ code: a2.body.code, issuedAt: a2.body.issuedAt, from: daysAgo(2), to: today(), pointsTotal: 0, hoursTotal: 0 });
  });

  it('refuses a bad period with a clear code and issues nothing', async () => {
    const m = await member('郑六');
    const cases: Array<[string, string, number, string, string?]> = [
      [today(), daysAgo(1), 400, 'statement_period_invalid', 'order'],
      [today(), chinaDateKey(Date.now() + 2 * DAY_MS), 400, 'statement_period_invalid', 'future'],
      [daysAgo(STATEMENT_SPAN_DAYS_MAX), today(), 400, 'statement_period_invalid', 'too_long'],
      ['2026-02-30', '2026-03-01', 400, 'statement_period_invalid', 'date'],
      ['2026/01/01', today(), 400, 'validation_failed'],
    ];
    for (const [from, to, status, code, reason] of cases) {
      const r = await issue(m.token, from, to);
      expect({ from, to, status: r.status, code: r.body.code, reason: r.body.details?.reason }).toEqual({ from, to, status, code, reason });
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await issue(m.token, daysAgo(STATEMENT_SPAN_DAYS_MAX - 1), today())).status).toBe(201);
    expect((await t.http('GET', '/api/statements', { token: m.token })).body.items).toHaveLength(1);
    expect((await issue(undefined, today(), today())).status).toBe(401);
  });
});
