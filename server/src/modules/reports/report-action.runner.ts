import {
  canTransition,
  isReportFinished,
  REPORT_ACTION_LABELS,
  REPORT_DEADLINE_FIELD,
  REPORT_STATUS_DEADLINE,
  REPORT_STATUS_LABELS,
  REPORT_TRANSITIONS,
  ReportAction,
  ReportActionRequests,
  ReportStatus,
} from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import type { TransactionRunner, UnitOfWork as EntityManager } from '../../database/transaction.runner';
import type { ReportAwardResult } from '../points/points.service';
import type { PointsService } from '../points/points.service';
import type { ReportCategoriesRepository } from './categories/report-categories.repository';
import type { ReportCategory } from './categories/report-category.entity';
import type { Department } from './departments/department.entity';
import type { MessagesService, StatusNotice } from './messages/messages.service';
import type { ReportEventData } from './report-event.entity';
import { currentDeadline } from './report-stages';
import type { Report } from './report.entity';
import type { ReportGuard, ReportsRepository } from './reports.repository';

export const HOUR_MS = 3600_000;
export const hoursAfter = (t: Date, hours: number) => new Date(t.getTime() + hours * HOUR_MS);

export const illegalAction = (action: ReportAction, status: ReportStatus) =>
  new AppException('illegal_state', { status, action }, `该问题当前为“${REPORT_STATUS_LABELS[status]}”，不能${REPORT_ACTION_LABELS[action]}`);

/** One action on one report, as it goes through the runner. */
export interface ActionStep {
  /** null: the server itself (an escalation sweep). */
  auth: AuthContext | null;
  report: Report;
  category: ReportCategory;
  now: Date;
  note: string | null;
  /** Loaded by a rule's check. */
  department?: Department;
  original?: Report;
  /** Set by the points effect of an action that awards. */
  award?: ReportAwardResult;
  /** Where the action leads when a rule decides it (the reporter's "not fixed" goes back to staff review). */
  to?: ReportStatus | null;
  /** Why content security flagged the text the action adds, if it did. */
  flag?: string | null;
}

/**
 * What is particular to an action; everything else (may it start here, the status, the event, the message, the
 * points effect, the stage bookkeeping) comes from the shared REPORT_TRANSITIONS. A new stage is a row there and a
 * rule beside the service that owns it.
 */
export interface ActionRule<A extends ReportAction> {
  /** Refuses bad input before any write, and loads what the change needs into the step. */
  check?(s: ActionStep, input: ReportActionRequests[A]): Promise<void> | void;
  /** Fields written with the status, in the same conditional update. */
  patch?(s: ActionStep, input: ReportActionRequests[A]): Partial<Report>;
  /** Columns that must still hold what the check saw (the holding department, no pending ask …). */
  guard?(s: ActionStep, input: ReportActionRequests[A]): ReportGuard;
  /** For an action whose transition awards points: how many were asked for. */
  points?(input: ReportActionRequests[A]): number;
  data?(s: ActionStep, input: ReportActionRequests[A]): ReportEventData | null;
  /** Further writes in the same transaction, after the status change. */
  write?(m: EntityManager, s: ActionStep, input: ReportActionRequests[A]): Promise<void>;
  /** The title of the reporter's message, when it is not the table's (null: none). */
  notice?(s: ActionStep, input: ReportActionRequests[A]): string | null;
  /** The body of the reporter's message. */
  body?(s: ActionStep, input: ReportActionRequests[A]): string;
  /** Messages to others (staff, the department), in the same transaction. */
  notify?(m: EntityManager, s: ActionStep, input: ReportActionRequests[A]): Promise<void>;
  /** What an action the status does not allow means, when it is not the generic illegal_state. */
  illegal?(status: ReportStatus): AppException;
  /** What a lost conditional update means, when it is not a status change (e.g. an ask decided a moment ago). */
  conflict?(fresh: Report): AppException | null;
}

/**
 * Runs one action of the state machine: checks the table, applies the rule, changes the report with a conditional
 * update (two people at once, or a retry, change it once), records the event with the status after and the deadline
 * it starts, applies the points effect, and tells the reporter. Leaving a stage clears its escalation; leaving a
 * department stage past its deadline marks the event late.
 */
export class ReportActionRunner {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly categories: ReportCategoriesRepository,
    private readonly points: PointsService,
    private readonly messages: MessagesService,
    private readonly tx: TransactionRunner,
  ) {}

  async run<A extends ReportAction>(action: A, rule: ActionRule<A>, auth: AuthContext | null, report: Report, input: ReportActionRequests[A], now: Date): Promise<void> {
    const transition = REPORT_TRANSITIONS[action];
    if (!canTransition(action, report.status)) throw rule.illegal?.(report.status) ?? illegalAction(action, report.status);
    const category = await this.categoryOf(report);
    const raw = (input as { note?: string; reason?: string; text?: string }).note ?? (input as { reason?: string }).reason ?? (input as { text?: string }).text;
    const s: ActionStep = { auth, report, category, now, note: raw?.trim() || null };
    await rule.check?.(s, input);
    const to = s.to !== undefined ? s.to : transition.to;
    const moves = to !== null && to !== report.status;

    const notice = await this.tx.run(async (m) => {
      const patch: Partial<Report> = {
        ...(to !== null ? { status: to } : {}),
        ...(transition.reviews ? { reviewedAt: report.reviewedAt ?? now } : {}),
        ...(to !== null ? { finishedAt: isReportFinished(to) ? now : null } : {}),
        // A new stage starts without the old one's escalation, and without a stage deadline unless the rule sets one.
        ...(moves ? { escalationLevel: 0, escalationAreaId: null, escalationPath: null, stageDeadlineAt: null } : {}),
        ...rule.patch?.(s, input),
      };
      const guard = rule.guard?.(s, input) ?? {};
      if (!(await this.reports.transition(m, report.id, transition.from, patch, guard))) {
        const fresh = await this.reports.findById(report.id, m);
        throw (fresh && rule.conflict?.(fresh)) ?? illegalAction(action, fresh?.status ?? report.status);
      }
      if (transition.points === 'award') await this.award(m, s, rule.points!(input));
      await rule.write?.(m, s, input);
      const after = to ?? report.status;
      // The deadline this event starts: the new stage's, as the patch set it.
      const field = moves ? REPORT_STATUS_DEADLINE[after] : null;
      const dueAt = field ? ((patch[REPORT_DEADLINE_FIELD[field]] as Date | null | undefined) ?? null) : ((patch.stageDeadlineAt as Date | null | undefined) ?? null);
      const left = currentDeadline(report);
      const late = moves && left !== null && REPORT_DEADLINE_FIELD[left.kind] === 'stageDeadlineAt' && left.dueAt < now;
      const data = { ...(rule.data?.(s, input) ?? {}), ...(late ? { late: true } : {}) };
      await this.reports.addEvent(m, { reportId: report.id, type: transition.event, actorId: auth?.userId ?? null, note: s.note, data: Object.keys(data).length ? data : null, status: after, dueAt, createdAt: now });
      if (transition.points === 'reverse') await this.reverse(m, s);
      await rule.notify?.(m, s, input);
      const title = rule.notice ? rule.notice(s, input) : transition.notice;
      if (!title) return null;
      const n: StatusNotice = {
        userId: report.reporterId,
        reportId: report.id,
        title,
        body: rule.body?.(s, input) ?? s.note ?? '',
        category: category.label,
        status: REPORT_STATUS_LABELS[after],
        note: s.note ?? '',
      };
      await this.messages.record(m, n);
      return n;
    });
    if (notice) void this.messages.push(notice);
  }

  private async award(m: EntityManager, s: ActionStep, points: number): Promise<void> {
    s.award = await this.points.awardForReport(m, { reporterId: s.report.reporterId, reportId: s.report.id, points, actorId: s.auth!.userId, now: s.now });
    if (s.award.held !== points) await this.reports.update(m, s.report.id, { pointsAwarded: s.award.held });
  }

  /** Points stay exactly once: a report ruled invalid or a duplicate gives back what it holds (once). */
  private async reverse(m: EntityManager, s: ActionStep): Promise<void> {
    const fresh = (await this.reports.findById(s.report.id, m))!;
    const held = fresh.pointsAwarded;
    const actorId = s.auth!.userId;
    if (!(await this.points.reverseForReport(m, { reporterId: fresh.reporterId, reportId: fresh.id, held, actorId }))) return;
    await this.reports.update(m, fresh.id, { pointsAwarded: 0 });
    await this.reports.addEvent(m, { reportId: fresh.id, type: 'points_reversed', actorId, data: { points: -held }, status: fresh.status });
  }

  async categoryOf(r: Report): Promise<ReportCategory> {
    const c = await this.categories.findById(r.categoryId);
    if (!c) throw new Error(`Report ${r.id} has no category ${r.categoryId}`);
    return c;
  }
}
