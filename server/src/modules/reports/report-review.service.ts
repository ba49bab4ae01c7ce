import { Injectable } from '@nestjs/common';
import {
  canTransition,
  isReportFinished,
  REPORT_ACTION_LABELS,
  REPORT_REJECT_REASON_LABELS,
  REPORT_STATUS_LABELS,
  REPORT_TRANSITIONS,
  ReportAction,
  ReportActionRequests,
  ReportDetailResponse,
  ReportStatus,
} from '@xjy/shared';
import type { UnitOfWork as EntityManager } from '../../database/transaction.runner';
import { AppException, fieldError } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { inScope } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../database/transaction.runner';
import { MediaService } from '../media/media.service';
import type { ReportAwardResult } from '../points/points.service';
import { PointsService } from '../points/points.service';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import type { ReportCategory } from './categories/report-category.entity';
import type { Department } from './departments/department.entity';
import { DepartmentsRepository } from './departments/departments.repository';
import { MessagesService, StatusNotice } from './messages/messages.service';
import type { ReportEventData } from './report-event.entity';
import { ReportQueriesService, reportNotFound } from './report-queries.service';
import { Report } from './report.entity';
import { ReportsRepository } from './reports.repository';

const HOUR_MS = 3600_000;
const illegal = (action: ReportAction, status: ReportStatus) =>
  new AppException('illegal_state', { status, action }, `该问题当前为“${REPORT_STATUS_LABELS[status]}”，不能${REPORT_ACTION_LABELS[action]}`);
const ownReport = () => new AppException('own_report');

/** One staff action on one report, as it goes through act(). */
export interface ReviewStep {
  auth: AuthContext;
  report: Report;
  category: ReportCategory;
  now: Date;
  note: string | null;
  /** Loaded by a rule's check. */
  department?: Department;
  original?: Report;
  /** Set by the points effect of an action that awards. */
  award?: ReportAwardResult;
}

/**
 * What is particular to an action; everything else (may it start here, the status, the event, the message, the
 * points effect) comes from the shared REPORT_TRANSITIONS. A new stage is a row there and a rule here.
 */
interface ActionRule<A extends ReportAction> {
  /** Refuses bad input before any write, and loads what the change needs into the step. */
  check?(s: ReviewStep, input: ReportActionRequests[A]): Promise<void> | void;
  /** Fields written with the status, in the same conditional update. */
  patch?(s: ReviewStep, input: ReportActionRequests[A]): Partial<Report>;
  /** For an action whose transition awards points: how many were asked for. */
  points?(input: ReportActionRequests[A]): number;
  data?(s: ReviewStep, input: ReportActionRequests[A]): ReportEventData | null;
  /** Further writes in the same transaction, after the status change. */
  write?(m: EntityManager, s: ReviewStep, input: ReportActionRequests[A]): Promise<void>;
  /** The body of the reporter's message. */
  body(s: ReviewStep, input: ReportActionRequests[A]): string;
}
type ActionRules = { [A in ReportAction]: ActionRule<A> };

/** Staff review: every status change goes through act(), which reads the shared transition table. */
@Injectable()
export class ReportReviewService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly categories: ReportCategoriesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly queries: ReportQueriesService,
    private readonly media: MediaService,
    private readonly points: PointsService,
    private readonly messages: MessagesService,
    private readonly tx: TransactionRunner,
  ) {}

  private readonly rules: ActionRules = {
    accept: {
      check: (s, input) => {
        const c = s.category;
        if (input.points < c.pointsMin || input.points > c.pointsMax) {
          const message = `${c.label}的积分须在 ${c.pointsMin} 至 ${c.pointsMax} 之间`;
          throw new AppException('points_out_of_range', { fields: [{ field: 'points', message }], pointsMin: c.pointsMin, pointsMax: c.pointsMax }, message);
        }
      },
      // Accepting is a person's review: a content-security flag is cleared with it. pointsAwarded is set to what was
      // asked for here and corrected by the award in the rare cases that give less (the daily cap, a re-accept).
      patch: (s, input) => ({ acceptedAt: s.now, flaggedAt: null, pointsAwarded: input.points }),
      points: (input) => input.points,
      data: (s) => ({ points: s.award?.recorded ? s.award.delta : 0 }),
      body: (s, input) => {
        const a = s.award!;
        if (!a.recorded) return '感谢你的上报';
        return a.delta > 0 ? `获得 ${a.delta} 积分${a.delta < input.points ? '（已达今日上限）' : ''}` : '今日积分已达上限';
      },
    },
    reject: {
      data: (_s, input) => ({ reason: input.reason }),
      body: (_s, input) => `原因：${REPORT_REJECT_REASON_LABELS[input.reason]}`,
    },
    duplicate: {
      check: async (s, input) => {
        if (input.ofReportId === s.report.id) {
          throw fieldError('validation_failed', 'ofReportId', '不能把问题标记为与自己重复');
        }
        const original = await this.reports.findById(input.ofReportId);
        if (!original) throw reportNotFound();
        if (!inScope(s.auth, original.areaPath)) throw new AppException('out_of_scope');
        s.original = original;
      },
      patch: (s) => ({ duplicateOfId: s.original!.id }),
      data: (s) => ({ ofReportId: s.original!.id }),
      write: (m, s) => this.reports.raisePriority(m, s.original!.id, 0),
      body: (s) => `已合并到第 ${s.original!.id} 号上报一并处理`,
    },
    dispatch: {
      check: async (s, input) => {
        const department = await this.departments.findById(input.departmentId);
        if (!department || department.archivedAt) throw new AppException('department_not_found');
        s.department = department;
      },
      patch: (s) => ({ departmentId: s.department!.id }),
      data: (s) => ({ departmentId: s.department!.id }),
      body: (s) => `已交由${s.department!.name}办理`,
    },
    resolve: {
      data: (_s, input) => (input.mediaIds?.length ? { mediaIds: input.mediaIds } : null),
      write: async (m, s, input) => {
        if (input.mediaIds?.length) await this.media.attach(m, s.auth.userId, input.mediaIds, 'report_resolution', s.report.id);
      },
      body: (s) => s.note ?? '',
    },
    reopen: {
      // A reopened report is reviewed again: its deadlines start over.
      patch: (s) => ({
        duplicateOfId: null,
        acceptDueAt: new Date(s.now.getTime() + s.category.acceptHours * HOUR_MS),
        resolveDueAt: new Date(s.now.getTime() + s.category.resolveHours * HOUR_MS),
      }),
      body: (s) => s.note ?? '',
    },
  };

  /**
   * Moves a report by one staff action. `preloaded` is the row the access guard has just read for its scope.
   * Nobody acts on their own report: a reporter who is also staff is refused before anything else.
   */
  async act<A extends ReportAction>(action: A, auth: AuthContext, id: number, input: ReportActionRequests[A], preloaded?: Report): Promise<ReportDetailResponse> {
    const transition = REPORT_TRANSITIONS[action];
    const rule = this.rules[action] as ActionRule<A>;
    const report = preloaded instanceof Report && preloaded.id === id ? preloaded : await this.reports.findById(id);
    if (!report) throw reportNotFound();
    if (report.reporterId === auth.userId) throw ownReport();
    if (!canTransition(action, report.status)) throw illegal(action, report.status);
    const category = await this.categoryOf(report);
    const note = (input as { note?: string }).note?.trim() || null;
    const s: ReviewStep = { auth, report, category, now: new Date(), note };
    await rule.check?.(s, input);

    const notice = await this.tx.run(async (m) => {
      const patch: Partial<Report> = {
        status: transition.to,
        ...(transition.reviews ? { reviewedAt: report.reviewedAt ?? s.now } : {}),
        finishedAt: isReportFinished(transition.to) ? s.now : null,
        ...rule.patch?.(s, input),
      };
      // The guard in SQL: two staff at once, or a retry, change the report once; the loser sees the status it is in.
      if (!(await this.reports.transition(m, id, transition.from, patch))) throw illegal(action, (await this.reports.findById(id, m))?.status ?? report.status);
      // An award comes before the event that states it; a reversal follows the event that caused it.
      if (transition.points === 'award') await this.award(m, s, rule.points!(input));
      await rule.write?.(m, s, input);
      await this.reports.addEvent(m, { reportId: id, type: transition.event, actorId: auth.userId, note: s.note, data: rule.data?.(s, input) ?? null });
      if (transition.points === 'reverse') await this.reverse(m, s);
      const n: StatusNotice = {
        userId: report.reporterId,
        reportId: id,
        title: transition.notice,
        body: rule.body(s, input),
        category: category.label,
        status: REPORT_STATUS_LABELS[transition.to],
        note: s.note ?? '',
      };
      await this.messages.record(m, n);
      return n;
    });
    void this.messages.push(notice);
    return this.queries.detail(auth, id);
  }

  private async award(m: EntityManager, s: ReviewStep, points: number): Promise<void> {
    s.award = await this.points.awardForReport(m, { reporterId: s.report.reporterId, reportId: s.report.id, points, actorId: s.auth.userId, now: s.now });
    if (s.award.held !== points) await this.reports.update(m, s.report.id, { pointsAwarded: s.award.held });
  }

  private async reverse(m: EntityManager, s: ReviewStep): Promise<void> {
    const fresh = (await this.reports.findById(s.report.id, m))!;
    const held = fresh.pointsAwarded;
    if (!(await this.points.reverseForReport(m, { reporterId: fresh.reporterId, reportId: fresh.id, held, actorId: s.auth.userId }))) return;
    await this.reports.update(m, fresh.id, { pointsAwarded: 0 });
    await this.reports.addEvent(m, { reportId: fresh.id, type: 'points_reversed', actorId: s.auth.userId, data: { points: -held } });
  }

  private async categoryOf(r: Report): Promise<ReportCategory> {
    const c = await this.categories.findById(r.categoryId);
    if (!c) throw new Error(`Report ${r.id} has no category ${r.categoryId}`);
    return c;
  }
}
