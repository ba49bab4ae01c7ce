import { Injectable } from '@nestjs/common';
import { REPORT_REJECT_REASON_LABELS, ReportActionRequests, ReportDetailResponse, ReviewAction } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { inScope } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../database/transaction.runner';
import { MediaService } from '../media/media.service';
import { PointsService } from '../points/points.service';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { stageHours } from './categories/report-category.entity';
import { DepartmentsRepository } from './departments/departments.repository';
import { MessagesService } from './messages/messages.service';
import { ActionRule, hoursAfter, ReportActionRunner } from './report-action.runner';
import { ReportClock, SYSTEM_CLOCK } from './report-clock';
import { ReportQueriesService, reportNotFound } from './report-queries.service';
import { Report } from './report.entity';
import { ReportsRepository } from './reports.repository';

export const ownReport = () => new AppException('own_report');

type ReviewRules = { [A in ReviewAction]: ActionRule<A> };

/** Staff review (accept, reject, duplicate, dispatch, resolve, reopen): each a rule over the shared transition table. */
@Injectable()
export class ReportReviewService {
  private readonly runner: ReportActionRunner;

  constructor(
    private readonly reports: ReportsRepository,
    categories: ReportCategoriesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly queries: ReportQueriesService,
    private readonly media: MediaService,
    points: PointsService,
    private readonly messages: MessagesService,
    tx: TransactionRunner,
    private readonly clock: ReportClock = SYSTEM_CLOCK,
  ) {
    this.runner = new ReportActionRunner(reports, categories, points, messages, tx);
  }

  private readonly rules: ReviewRules = {
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
        if (!inScope(s.auth!, original.areaPath)) throw new AppException('out_of_scope');
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
      // The department's sign deadline starts now; verification later goes back to this staff member's scope.
      patch: (s) => ({ departmentId: s.department!.id, dispatchedById: s.auth!.userId, stageDeadlineAt: hoursAfter(s.now, stageHours(s.category).sign), pendingRequest: null, pendingHours: null, pendingReason: null }),
      data: (s) => ({ departmentId: s.department!.id }),
      body: (s) => `已交由${s.department!.name}办理`,
      // The department's handlers find it in their queue, and hear of it.
      notify: async (m, s) => {
        const handlers = await this.reports.findDepartmentUsers(s.department!.id);
        if (!handlers.length) return;
        const body = `第 ${s.report.id} 号：${s.note ?? s.report.description}`;
        await this.messages.notifyWorkers(m, handlers, { kind: 'report_status', title: '新派遣的案件，请签收', body, reportId: s.report.id });
      },
    },
    resolve: {
      // Staff who handled it themselves close it as fixed.
      patch: (s) => ({ outcome: 'fixed', closedAt: s.now }),
      data: (_s, input) => (input.mediaIds?.length ? { mediaIds: input.mediaIds } : null),
      write: async (m, s, input) => {
        if (input.mediaIds?.length) await this.media.attach(m, s.auth!.userId, input.mediaIds, 'report_resolution', s.report.id);
      },
      body: (s) => s.note ?? '',
    },
    reopen: {
      // A reopened report is reviewed again: its deadlines start over.
      patch: (s) => ({
        duplicateOfId: null,
        acceptDueAt: hoursAfter(s.now, s.category.acceptHours),
        resolveDueAt: hoursAfter(s.now, s.category.resolveHours),
        outcome: null,
        closedAt: null,
        reporterFixed: null,
        rating: null,
        ratingNote: null,
        ratedAt: null,
      }),
      body: (s) => s.note ?? '',
    },
  };

  /**
   * Moves a report by one staff action. `preloaded` is the row the access guard has just read for its scope.
   * Nobody acts on their own report: a reporter who is also staff is refused before anything else.
   */
  async act<A extends ReviewAction>(action: A, auth: AuthContext, id: number, input: ReportActionRequests[A], preloaded?: Report): Promise<ReportDetailResponse> {
    const report = preloaded instanceof Report && preloaded.id === id ? preloaded : await this.reports.findById(id);
    if (!report) throw reportNotFound();
    if (report.reporterId === auth.userId) throw ownReport();
    await this.runner.run(action, this.rules[action] as ActionRule<A>, auth, report, input, this.clock.now());
    return this.queries.detail(auth, id);
  }
}
