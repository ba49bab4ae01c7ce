import { Injectable } from '@nestjs/common';
import { haversineM, isReportFinished, REPORT_FOLLOW_UP_RADIUS_M, REPORT_RATING_LABELS, ReportActionRequests, ReportDetailResponse, ReportStatus } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import type { UnitOfWork } from '../../database/transaction.runner';
import { TransactionRunner } from '../../database/transaction.runner';
import { MediaService } from '../media/media.service';
import { PointsService } from '../points/points.service';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { stageHours } from './categories/report-category.entity';
import { MessagesService } from './messages/messages.service';
import { ActionRule, ActionStep, hoursAfter, illegalAction, ReportActionRunner } from './report-action.runner';
import { ReportClock, SYSTEM_CLOCK } from './report-clock';
import { ReportQueriesService, reportNotFound } from './report-queries.service';
import type { Report } from './report.entity';
import { ReportsRepository } from './reports.repository';
import { ReportTextCheck } from './report-text-check';

export type ReporterAction = 'confirm' | 'rate' | 'supplement' | 'withdraw';
type ReporterRules = { [A in ReporterAction]: ActionRule<A> };

/**
 * Where a case the reporter finds not fixed (or rates 不满意) goes: back to staff verification when a department
 * handled it (pass closes it again, fail is rework), else back to staff as an accepted case to handle or dispatch.
 */
function backToReview(r: Report, now: Date, verifyHours: number): { to: ReportStatus; patch: Partial<Report> } {
  if (r.departmentId !== null && r.dispatchedById !== null) {
    return { to: 'verifying', patch: { outcome: null, closedAt: null, stageDeadlineAt: hoursAfter(now, verifyHours) } };
  }
  return { to: 'accepted', patch: { outcome: null, closedAt: null } };
}

const notFinished = () => new AppException('report_not_finished');

/**
 * 综合评价 and the reporter's part while the case is open: confirm the outcome after closure (a follow-up photo must
 * be taken within 100 m of the report's point), rate it once, add information while it is open, withdraw it before
 * acceptance. Not fixed or 不满意 sends it back to staff review.
 */
@Injectable()
export class ReportReporterService {
  private readonly runner: ReportActionRunner;

  constructor(
    private readonly reports: ReportsRepository,
    categories: ReportCategoriesRepository,
    private readonly queries: ReportQueriesService,
    private readonly media: MediaService,
    points: PointsService,
    private readonly messages: MessagesService,
    tx: TransactionRunner,
    private readonly textCheck: ReportTextCheck,
    private readonly clock: ReportClock = SYSTEM_CLOCK,
  ) {
    this.runner = new ReportActionRunner(reports, categories, points, messages, tx);
  }

  private readonly rules: ReporterRules = {
    confirm: {
      illegal: (st) => (isReportFinished(st) ? illegalAction('confirm', st) : notFinished()),
      check: (s, input) => {
        if (s.report.reporterFixed !== null) throw new AppException('already_confirmed');
        if (input.mediaIds?.length) {
          if (input.lat === undefined || input.lng === undefined) throw new AppException('follow_up_location_required', { fields: [{ field: 'lat', message: '附复查照片时须提供拍摄位置' }] });
          const distanceM = Math.round(haversineM({ lat: input.lat, lng: input.lng }, s.report));
          if (distanceM > REPORT_FOLLOW_UP_RADIUS_M) throw new AppException('follow_up_too_far', { distanceM, radiusM: REPORT_FOLLOW_UP_RADIUS_M });
        }
        if (!input.fixed) s.to = backToReview(s.report, s.now, stageHours(s.category).verify).to;
      },
      guard: () => ({ reporterFixed: null }),
      patch: (s, input) => ({ reporterFixed: input.fixed, ...(input.fixed ? {} : backToReview(s.report, s.now, stageHours(s.category).verify).patch) }),
      data: (s, input) => ({
        fixed: input.fixed,
        ...(input.mediaIds?.length ? { mediaIds: input.mediaIds, lat: input.lat, lng: input.lng, distanceM: Math.round(haversineM({ lat: input.lat!, lng: input.lng! }, s.report)) } : {}),
      }),
      write: async (m, s, input) => {
        if (input.mediaIds?.length) await this.media.attach(m, s.auth!.userId, input.mediaIds, 'report_follow_up', s.report.id);
      },
      conflict: (fresh) => (fresh.reporterFixed !== null ? new AppException('already_confirmed') : null),
      notify: (m, s, input) => (input.fixed ? Promise.resolve() : this.tellStaff(m, s, '上报人反馈问题未解决，请复核')),
    },
    rate: {
      illegal: (st) => (isReportFinished(st) ? illegalAction('rate', st) : notFinished()),
      check: (s, input) => {
        if (s.report.rating !== null) throw new AppException('already_rated');
        if (input.rating === 'unsatisfied') s.to = backToReview(s.report, s.now, stageHours(s.category).verify).to;
      },
      guard: () => ({ rating: null }),
      patch: (s, input) => ({
        rating: input.rating,
        ratingNote: s.note,
        ratedAt: s.now,
        ...(input.rating === 'unsatisfied' ? backToReview(s.report, s.now, stageHours(s.category).verify).patch : {}),
      }),
      data: (_s, input) => ({ rating: input.rating }),
      conflict: (fresh) => (fresh.rating !== null ? new AppException('already_rated') : null),
      notify: (m, s, input) => (input.rating === 'unsatisfied' ? this.tellStaff(m, s, `上报人评价：${REPORT_RATING_LABELS[input.rating]}，请复核`) : Promise.resolve()),
    },
    // Text WeChat finds risky hides the report from others until staff review it, as on submission.
    supplement: {
      check: async (s, input) => {
        s.flag = await this.textCheck.flagReason(s.auth!.userId, input.text);
      },
      patch: (s) => (s.flag ? { flaggedAt: s.now } : {}),
      data: (_s, input) => (input.mediaIds?.length ? { mediaIds: input.mediaIds } : null),
      write: async (m, s, input) => {
        if (input.mediaIds?.length) await this.media.attach(m, s.auth!.userId, input.mediaIds, 'report_follow_up', s.report.id);
        if (s.flag) await this.reports.addEvent(m, { reportId: s.report.id, type: 'flagged', actorId: null, note: s.flag, status: s.report.status, createdAt: s.now });
      },
    },
    withdraw: {},
  };

  /** Only the reporter; anyone else is told the report does not exist. */
  async act<A extends ReporterAction>(action: A, auth: AuthContext, id: number, input: ReportActionRequests[A]): Promise<ReportDetailResponse> {
    const report = await this.reports.findById(id);
    if (!report || report.reporterId !== auth.userId) throw reportNotFound();
    await this.runner.run(action, this.rules[action] as ActionRule<A>, auth, report, input, this.clock.now());
    return this.queries.detail(auth, id);
  }

  /** The staff member who dispatched the case (if any) hears that it is back for review; it is in the queue anyway. */
  private async tellStaff(m: UnitOfWork, s: ActionStep, title: string): Promise<void> {
    if (s.report.dispatchedById === null) return;
    await this.messages.notifyWorkers(m, [s.report.dispatchedById], { kind: 'report_status', title, body: `第 ${s.report.id} 号：${s.note ?? s.report.description}`, reportId: s.report.id });
  }
}
