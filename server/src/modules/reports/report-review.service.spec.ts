import type { AreasRepository } from '../areas/areas.repository';
import { REPORT_TRANSITIONS, REVIEW_ACTIONS, ReportActionRequests, ReviewAction } from '@xjy/shared';
import type { AppConfig } from '../../config/app.config';
import type { TransactionRunner } from '../../database/transaction.runner';
import {
  adminAuth,
  categoryFactory,
  departmentFactory,
  InMemoryPointsLedger,
  InMemoryReportsRepository,
  inMemoryTransactions,
  reportFactory,
  staffAuth,
} from '../../../test/factories';
import type { MediaService } from '../media/media.service';
import type { PointsLedger } from '../points/points-ledger.repository';
import type { PointsRepository } from '../points/points.repository';
import { PointsService } from '../points/points.service';
import type { ReportCategoriesRepository } from './categories/report-categories.repository';
import type { DepartmentsRepository } from './departments/departments.repository';
import type { MessagesService, StatusNotice } from './messages/messages.service';
import type { ReportQueriesService } from './report-queries.service';
import { ReportReviewService } from './report-review.service';
import type { Report } from './report.entity';
import type { ReportsRepository } from './reports.repository';

describe(ReportReviewService.name, () => {
  const reporterId = 7;
  const staff = staffAuth(2);
  const category = categoryFactory({ id: 1, label: '交通劝导', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 72 });
  const department = departmentFactory({ name: '住建' });
  const archived = departmentFactory({ name: '旧部门', archivedAt: new Date() });
  let reports: InMemoryReportsRepository;
  let ledger: InMemoryPointsLedger;
  let notices: StatusNotice[];
  let attached: Array<{ ids: number[]; type: string; id: number }>;
  let tx: TransactionRunner;
  let sut: ReportReviewService;

  /** A valid input for every action, so a table-driven test can walk them all. */
  const inputs: Pick<ReportActionRequests, ReviewAction> = {
    accept: { points: 6, note: '情况属实' },
    reject: { reason: 'insufficient_info' },
    duplicate: { ofReportId: 999 },
    dispatch: { departmentId: department.id },
    resolve: { note: '已修复', mediaIds: [41] },
    reopen: { note: '复查未修好' },
  };
  const seed = (over: Partial<Report> = {}) => {
    const r = reportFactory({ reporterId, categoryId: category.id, areaPath: '/1/3/', ...over });
    reports.rows.set(r.id, r);
    return r;
  };
  const act = <A extends ReviewAction>(action: A, id: number, input: ReportActionRequests[A] = inputs[action] as ReportActionRequests[A], auth = staff) => sut.act(action, auth, id, input);
  const row = (id: number) => reports.rows.get(id)!;

  beforeEach(() => {
    reports = new InMemoryReportsRepository();
    reports.rows.set(999, reportFactory({ id: 999, reporterId: 8, areaPath: '/1/4/' }));
    ledger = new InMemoryPointsLedger();
    ledger.now = new Date();
    notices = [];
    attached = [];
    tx = inMemoryTransactions();
    const points = new PointsService({} as PointsRepository, ledger as unknown as PointsLedger, { reportPointsDailyCap: 30 } as AppConfig, {} as AreasRepository);
    sut = new ReportReviewService(
      reports as unknown as ReportsRepository,
      { findById: async (id: number) => (id === category.id ? category : null) } as ReportCategoriesRepository,
      { findById: async (id: number) => [department, archived].find((d) => d.id === id) ?? null } as DepartmentsRepository,
      { detail: async (_auth: unknown, id: number) => ({ id, status: reports.rows.get(id)!.status }) } as unknown as ReportQueriesService,
      { attach: async (_m: unknown, _owner: number, ids: number[], type: string, id: number) => void attached.push({ ids, type, id }) } as unknown as MediaService,
      points,
      { record: async (_m: unknown, n: StatusNotice) => void notices.push(n), push: async () => undefined } as unknown as MessagesService,
      tx,
    );
  });

  it.each(REVIEW_ACTIONS.map((a) => [a]))('moves a report by %s where the shared transition table says, with its event and message', async (action) => {
    const t = REPORT_TRANSITIONS[action];
    const r = seed({ status: t.from[0] });
    await act(action, r.id);
    expect(row(r.id).status).toBe(t.to);
    expect(reports.timeline(r.id)[0]).toBe(t.event);
    expect(notices).toEqual([expect.objectContaining({ userId: reporterId, reportId: r.id, title: t.notice })]);
  });

  it.each(REVIEW_ACTIONS.map((a) => [a]))('refuses a staff member who would %s their own report (own_report) and writes nothing', async (action) => {
    const r = seed({ status: REPORT_TRANSITIONS[action].from[0], reporterId: staff.userId });
    await expect(act(action, r.id)).rejects.toMatchObject({ code: 'own_report', status: 403 });
    expect(row(r.id).status).toBe(REPORT_TRANSITIONS[action].from[0]);
    expect(reports.events).toEqual([]);
    expect(ledger.entries).toEqual([]);
  });

  it('refuses an admin acting on their own report too', async () => {
    const r = seed({ reporterId: 1 });
    await expect(act('accept', r.id, inputs.accept, adminAuth(1))).rejects.toMatchObject({ code: 'own_report' });
  });

  it('refuses an action the status does not allow, before any write (illegal_state)', async () => {
    const r = seed({ status: 'resolved' });
    await expect(act('accept', r.id)).rejects.toMatchObject({ code: 'illegal_state', status: 409 });
    expect(reports.events).toEqual([]);
  });

  it('explains a refused action, the points range and a self-duplicate in Chinese', async () => {
    const done = seed({ status: 'resolved' });
    await expect(act('accept', done.id)).rejects.toMatchObject({ message: '该问题当前为“已办结”，不能采纳' });
    const r = seed();
    await expect(act('accept', r.id, { points: 9 })).rejects.toMatchObject({
      message: '交通劝导的积分须在 5 至 8 之间',
      details: { fields: [{ field: 'points', message: '交通劝导的积分须在 5 至 8 之间' }], pointsMin: 5, pointsMax: 8 },
    });
    await expect(act('duplicate', r.id, { ofReportId: r.id })).rejects.toMatchObject({
      code: 'validation_failed',
      status: 400,
      details: { fields: [{ field: 'ofReportId', message: '不能把问题标记为与自己重复' }] },
    });
  });

  it('refuses a report that does not exist (report_not_found)', async () => {
    await expect(act('accept', 12345)).rejects.toMatchObject({ code: 'report_not_found', status: 404 });
  });

  describe('accept', () => {
    it('awards the points once, records them on the report and the event, and tells the reporter', async () => {
      const r = seed();
      await act('accept', r.id);
      expect(row(r.id)).toMatchObject({ status: 'accepted', pointsAwarded: 6, flaggedAt: null });
      expect(row(r.id).reviewedAt).toEqual(row(r.id).acceptedAt);
      expect(ledger.balance(reporterId)).toBe(6);
      expect(reports.events[0]).toMatchObject({ type: 'accepted', note: '情况属实', data: { points: 6 } });
      expect(notices[0].body).toBe('获得 6 积分');
    });

    it('rejects a second accept of the same report', async () => {
      const r = seed();
      await act('accept', r.id);
      await expect(act('accept', r.id)).rejects.toMatchObject({ code: 'illegal_state' });
      expect(ledger.entries).toHaveLength(1);
    });

    it('awards once when another staff member accepted the same report a moment earlier (the conditional update loses)', async () => {
      const r = seed();
      const stale = Object.assign(Object.create(Object.getPrototypeOf(r)) as Report, r);
      await act('accept', r.id);
      await expect(sut.act('accept', staffAuth(3), r.id, inputs.accept, stale)).rejects.toMatchObject({ code: 'illegal_state', details: { status: 'accepted' } });
      expect(ledger.entries).toHaveLength(1);
    });

    it.each([4, 9])('refuses %i points outside the category range (points_out_of_range) before any write', async (points) => {
      const r = seed();
      await expect(act('accept', r.id, { points })).rejects.toMatchObject({ code: 'points_out_of_range', status: 400 });
      expect(row(r.id).status).toBe('submitted');
      expect(ledger.entries).toEqual([]);
    });

    it('records what the daily cap left, and says so', async () => {
      for (let i = 0; i < 3; i++) await act('accept', seed().id, { points: 8 });
      const r = seed();
      await act('accept', r.id, { points: 8 });
      expect(row(r.id).pointsAwarded).toBe(6);
      expect(notices.at(-1)!.body).toBe('获得 6 积分（已达今日上限）');
    });

    it('keeps what was awarded when a reopened report is accepted again, and awards nothing new', async () => {
      const r = seed();
      await act('accept', r.id, { points: 6 });
      await act('resolve', r.id);
      await act('reopen', r.id);
      await act('accept', r.id, { points: 8 });
      expect(row(r.id).pointsAwarded).toBe(6);
      expect(ledger.balance(reporterId)).toBe(6);
      expect(reports.events.filter((e) => e.type === 'accepted').map((e) => e.data)).toEqual([{ points: 6 }, { points: 0 }]);
    });
  });

  describe('reject', () => {
    it('reverses the points of an earlier acceptance after the rejected event', async () => {
      const r = seed();
      await act('accept', r.id);
      await act('resolve', r.id);
      await act('reopen', r.id);
      await act('reject', r.id);
      expect(row(r.id)).toMatchObject({ status: 'rejected', pointsAwarded: 0 });
      expect(ledger.balance(reporterId)).toBe(0);
      expect(reports.timeline(r.id).slice(-2)).toEqual(['rejected', 'points_reversed']);
      expect(reports.events.at(-1)!.data).toEqual({ points: -6 });
    });

    it('writes no reversal for a report that never earned points', async () => {
      const r = seed();
      await act('reject', r.id);
      expect(reports.timeline(r.id)).toEqual(['rejected']);
      expect(notices[0].body).toBe('原因：信息不全');
      expect(row(r.id).finishedAt).not.toBeNull();
    });
  });

  describe('duplicate', () => {
    it('points at the original and raises its priority', async () => {
      const r = seed();
      await act('duplicate', r.id);
      expect(row(r.id)).toMatchObject({ status: 'duplicate', duplicateOfId: 999 });
      expect(row(999).priority).toBe(1);
    });

    it('refuses a report as a duplicate of itself', async () => {
      const r = seed();
      await expect(act('duplicate', r.id, { ofReportId: r.id })).rejects.toMatchObject({ code: 'validation_failed' });
    });

    it('refuses an original outside the staff member’s scope (out_of_scope)', async () => {
      const elsewhere = seed({ areaPath: '/2/' });
      const r = seed();
      await expect(act('duplicate', r.id, { ofReportId: elsewhere.id })).rejects.toMatchObject({ code: 'out_of_scope' });
      expect(row(r.id).status).toBe('submitted');
    });
  });

  describe('dispatch and resolve', () => {
    it('refuses an archived department (department_not_found)', async () => {
      const r = seed({ status: 'accepted' });
      await expect(act('dispatch', r.id, { departmentId: archived.id })).rejects.toMatchObject({ code: 'department_not_found', status: 404 });
      expect(row(r.id).departmentId).toBeNull();
    });

    it('names the department in the message and the event', async () => {
      const r = seed({ status: 'accepted' });
      await act('dispatch', r.id);
      expect(row(r.id).departmentId).toBe(department.id);
      expect(reports.events[0].data).toEqual({ departmentId: department.id });
      expect(notices[0].body).toBe('已交由住建办理');
    });

    it('attaches the outcome photos and finishes the report', async () => {
      const r = seed({ status: 'dispatched' });
      await act('resolve', r.id);
      expect(attached).toEqual([{ ids: [41], type: 'report_resolution', id: r.id }]);
      expect(reports.events[0]).toMatchObject({ type: 'resolved', note: '已修复', data: { mediaIds: [41] } });
      expect(row(r.id).finishedAt).not.toBeNull();
    });
  });

  it('reopening clears the outcome and starts the deadlines over', async () => {
    const r = seed({ status: 'duplicate', duplicateOfId: 999, finishedAt: new Date(0), acceptDueAt: new Date(0), resolveDueAt: new Date(0) });
    const before = Date.now();
    await act('reopen', r.id);
    const after = row(r.id);
    expect(after).toMatchObject({ status: 'submitted', duplicateOfId: null, finishedAt: null });
    expect(after.acceptDueAt.getTime()).toBeGreaterThanOrEqual(before + 24 * 3600_000);
    expect(after.resolveDueAt.getTime()).toBeGreaterThanOrEqual(before + 72 * 3600_000);
  });
});
