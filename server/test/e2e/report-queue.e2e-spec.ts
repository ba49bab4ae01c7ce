import { PAGE_SIZE_DEFAULT, REPORT_DEADLINE_FIELD, REPORT_STATUS_DEADLINE, ReportSummaryResponse } from '@xjy/shared';
import { ReportClock } from '../../src/modules/reports/report-clock';
import { QUEUE_DUE_NEVER, queueDueOf } from '../../src/modules/reports/report-queue-due';
import { Report } from '../../src/modules/reports/report.entity';
import { createReport } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const HOUR = 3600_000;

/** The running deadline as the client reads it from a summary (NEVER for an open case without one). */
function runningDue(r: ReportSummaryResponse): number {
  const kind = REPORT_STATUS_DEADLINE[r.status];
  const due = kind ? r[REPORT_DEADLINE_FIELD[kind]] : null;
  return due ? Date.parse(due) : QUEUE_DUE_NEVER.getTime();
}

describe.each(TEST_DRIVERS)('the staff queue by deadline (%s)', (driver) => {
  let t: TestApp;
  let streamer: string;
  let staff: string;
  let dept: string;
  let chengguan: number;
  let offsetH = 0;
  const post = (token: string, path: string, body: unknown = {}) => t.http('POST', path, { token, body });

  /** Every page of a queue, following nextCursor. */
  async function all(query: string, token = staff, path = '/api/reports'): Promise<ReportSummaryResponse[]> {
    const out: ReportSummaryResponse[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res = await t.http('GET', `${path}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      expect(res.status).toBe(200);
      const page = res.body as { items: ReportSummaryResponse[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(PAGE_SIZE_DEFAULT);
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('too many pages');
  }

  beforeAll(async () => {
    t = await startTestApp(driver);
    // Deadlines run on the report clock: cases made "earlier" are overdue now.
    jest.spyOn(t.app.get(ReportClock), 'now').mockImplementation(() => new Date(Date.now() + offsetH * HOUR));
    [streamer, staff, dept] = await Promise.all(['streamer', 'staff', 'department'].map(async (a) => (await t.loginAs(a as 'rider')).token));
    chengguan = ((await t.http('GET', '/api/departments', { token: staff })).body.items as Array<{ id: number; name: string }>).find((d) => d.name === '城管')!.id;

    // More than two pages of open cases in every stage, some made 100 hours ago (overdue), one deferred, one closed.
    const made: number[] = [];
    for (let i = 0; i < 2 * PAGE_SIZE_DEFAULT + 5; i++) {
      offsetH = i % 3 === 0 ? -100 : -(i % 7);
      const r = await createReport(t, streamer, { description: `队列测试第 ${i} 条` });
      expect(r.status).toBe(201);
      made.push(r.body.id);
    }
    const act = async (token: string, id: number, path: string, body: unknown = {}) => expect((await post(token, `/api/reports/${id}/${path}`, body)).status).toBe(200);
    for (const [i, id] of made.entries()) {
      offsetH = i % 4 === 0 ? -50 : 0;
      if (i % 5 === 0) continue; // stays submitted
      await act(staff, id, 'accept', { points: 6 });
      if (i % 5 === 1) continue; // accepted
      await act(staff, id, 'dispatch', { departmentId: chengguan });
      if (i % 5 === 2) continue; // dispatched (sign deadline)
      await act(dept, id, 'sign');
      if (i % 5 === 3) continue; // handling
      await act(dept, id, 'handled', { note: '已处理' });
    }
    offsetH = 0;
    // One deferred (no running deadline: last), one resolved (not in the open queue).
    await act(dept, made[3], 'deferral', { reason: '雨季无法施工' });
    await act(staff, made[3], 'deferral/approve');
    await act(staff, made[4], 'verify', { pass: true, note: '核查属实' });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps every report’s order key equal to its running deadline through every transition', async () => {
    const rows = await t.ds.getRepository(Report).find();
    expect(rows.length).toBeGreaterThan(2 * PAGE_SIZE_DEFAULT);
    for (const r of rows) expect({ id: r.id, queueDueAt: r.queueDueAt?.getTime() ?? null }).toEqual({ id: r.id, queueDueAt: queueDueOf(r)?.getTime() ?? null });
    expect(rows.some((r) => r.status === 'deferred' && r.queueDueAt?.getTime() === QUEUE_DUE_NEVER.getTime())).toBe(true);
  });

  it('pages the open queue by running deadline, overdue first and deferred last, with the same cases as the default order', async () => {
    const byDeadline = await all('status=open&sort=deadline');
    const keys = byDeadline.map((r) => [runningDue(r), r.id]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    expect(new Set(byDeadline.map((r) => r.id)).size).toBe(byDeadline.length);
    expect(byDeadline.every((r) => r.statusGroup === 'open')).toBe(true);
    expect(byDeadline[0].overdue).toBe(true);
    expect(byDeadline[byDeadline.length - 1].status).toBe('deferred');
    const byPriority = await all('status=open');
    expect(byDeadline.map((r) => r.id).sort((a, b) => a - b)).toEqual(byPriority.map((r) => r.id).sort((a, b) => a - b));
    expect(byDeadline.length).toBeGreaterThan(2 * PAGE_SIZE_DEFAULT);
  });

  it('filters overdue, a single status and a stage the same way as the default order', async () => {
    for (const q of ['status=open&overdue=true', 'status=open&overdue=false', 'status=submitted', 'status=handling&overdue=true', 'status=dispatched']) {
      const byDeadline = await all(`${q}&sort=deadline`);
      const byPriority = await all(q);
      expect({ q, ids: byDeadline.map((r) => r.id).sort((a, b) => a - b) }).toEqual({ q, ids: byPriority.map((r) => r.id).sort((a, b) => a - b) });
      expect(byDeadline.map((r) => runningDue(r))).toEqual(byDeadline.map((r) => runningDue(r)).sort((a, b) => a - b));
    }
    const overdue = await all('status=open&overdue=true&sort=deadline');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((r) => r.overdue && runningDue(r) < Date.now())).toBe(true);
  });

  it('gives a department handler its own open cases by deadline too', async () => {
    const byDeadline = await all('status=open&sort=deadline', dept, '/api/department/cases');
    expect(byDeadline.length).toBeGreaterThan(PAGE_SIZE_DEFAULT);
    expect(byDeadline.map((r) => [runningDue(r), r.id])).toEqual(byDeadline.map((r) => [runningDue(r), r.id]).sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const byPriority = await all('status=open', dept, '/api/department/cases');
    expect(byDeadline.map((r) => r.id).sort((a, b) => a - b)).toEqual(byPriority.map((r) => r.id).sort((a, b) => a - b));
    expect(await t.http('GET', '/api/department/cases?status=fixed&sort=deadline', { token: dept })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  });

  it('refuses a deadline order over finished cases, an unknown order and a forged cursor, in Chinese', async () => {
    for (const q of ['status=resolved&sort=deadline', 'status=fixed&sort=deadline', 'sort=deadline&status=closed']) {
      expect(await t.http('GET', `/api/reports?${q}`, { token: staff })).toMatchObject({ status: 400, body: { code: 'validation_failed', message: expect.stringContaining('未办结'), details: { fields: [{ field: 'sort', message: expect.stringContaining('未办结') }] } } });
    }
    expect(await t.http('GET', '/api/reports?sort=oldest', { token: staff })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await t.http('GET', `/api/reports?status=open&sort=deadline&cursor=${QUEUE_DUE_NEVER.getTime() + 1}:5`, { token: staff })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await t.http('GET', '/api/reports?cursor=999999999999:5', { token: staff })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(await t.http('GET', '/api/reports?status=open&sort=deadline&cursor=abc', { token: staff })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  });
});
