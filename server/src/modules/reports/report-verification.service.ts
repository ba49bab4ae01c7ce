import { Injectable } from '@nestjs/common';
import { REPORT_OUTCOME_LABELS, REPORT_PENDING_REQUEST_LABELS, ReportActionRequests, ReportDetailResponse, ReportPendingRequest } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import type { UnitOfWork } from '../../database/transaction.runner';
import { TransactionRunner } from '../../database/transaction.runner';
import { PointsService } from '../points/points.service';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { MessagesService } from './messages/messages.service';
import { ActionRule, ActionStep, hoursAfter, ReportActionRunner } from './report-action.runner';
import { ReportClock, SYSTEM_CLOCK } from './report-clock';
import { ReportQueriesService, reportNotFound } from './report-queries.service';
import { ownReport } from './report-review.service';
import { Report } from './report.entity';
import { ReportsRepository } from './reports.repository';

export type VerificationAction = 'verify' | 'rework' | 'close' | 'approve_extension' | 'refuse_extension' | 'approve_deferral' | 'refuse_deferral' | 'resume';
type VerificationRules = { [A in VerificationAction]: ActionRule<A> };

const noPending = (kind: ReportPendingRequest) => new AppException('no_pending_request', { kind }, `没有待审批的${REPORT_PENDING_REQUEST_LABELS[kind]}`);
const CLEAR_PENDING = { pendingRequest: null, pendingHours: null, pendingReason: null } as const;

/**
 * Staff after dispatch: 核查结案 (pass closes the case as fixed; fail sends it back as 返工 with a new handle deadline),
 * an honest closure without a fix (not fixable, not our responsibility), and decisions on a department's asks
 * (延期 moves the handle deadline; 缓办 stops the clock until staff resume it). The department hears of each.
 */
@Injectable()
export class ReportVerificationService {
  private readonly runner: ReportActionRunner;

  constructor(
    private readonly reports: ReportsRepository,
    categories: ReportCategoriesRepository,
    private readonly queries: ReportQueriesService,
    points: PointsService,
    private readonly messages: MessagesService,
    tx: TransactionRunner,
    private readonly clock: ReportClock = SYSTEM_CLOCK,
  ) {
    this.runner = new ReportActionRunner(reports, categories, points, messages, tx);
  }

  /** An ask must be pending, of this kind, and still pending when the decision is written. */
  private decides<A extends VerificationAction>(kind: ReportPendingRequest, rule: ActionRule<A>): ActionRule<A> {
    return {
      ...rule,
      check: (s, input) => {
        if (s.report.pendingRequest !== kind) throw noPending(kind);
        return rule.check?.(s, input);
      },
      guard: () => ({ pendingRequest: kind }),
      conflict: (fresh) => (fresh.pendingRequest !== kind ? noPending(kind) : null),
    };
  }

  private readonly rules: VerificationRules = {
    verify: {
      patch: (s) => ({ outcome: 'fixed', closedAt: s.now, ...CLEAR_PENDING }),
      body: (s) => s.note ?? '经核查，问题已解决',
      notify: (m, s) => this.tellDepartment(m, s, '核查通过，案件已结案'),
    },
    rework: {
      check: (s) => {
        if (!s.note) throw fieldError('validation_failed', 'note', '核查不通过时须说明原因');
      },
      // Back to the department with a fresh handle deadline; counted.
      patch: (s) => ({ reworkCount: s.report.reworkCount + 1, stageDeadlineAt: hoursAfter(s.now, s.category.resolveHours), ...CLEAR_PENDING }),
      notify: (m, s) => this.tellDepartment(m, s, '核查不通过，请返工'),
    },
    close: {
      patch: (s, input) => ({ outcome: input.outcome, closedAt: s.now, ...CLEAR_PENDING }),
      data: (_s, input) => ({ outcome: input.outcome }),
      body: (s, input) => `${REPORT_OUTCOME_LABELS[input.outcome]}：${s.note ?? ''}`,
      notify: (m, s, input) => this.tellDepartment(m, s, `案件已结案（${REPORT_OUTCOME_LABELS[input.outcome]}）`),
    },
    approve_extension: this.decides('extension', {
      patch: (s) => ({
        stageDeadlineAt: hoursAfter(s.report.stageDeadlineAt ?? s.now, s.report.pendingHours ?? 0),
        extensionCount: s.report.extensionCount + 1,
        ...CLEAR_PENDING,
      }),
      data: (s) => ({ hours: s.report.pendingHours ?? 0 }),
      notify: (m, s) => this.tellDepartment(m, s, `延期申请已批准（${s.report.pendingHours ?? 0} 小时）`),
    }),
    refuse_extension: this.decides('extension', {
      patch: () => ({ ...CLEAR_PENDING }),
      notify: (m, s) => this.tellDepartment(m, s, '延期申请未批准'),
    }),
    approve_deferral: this.decides('deferral', {
      patch: (s) => ({ deferredAt: s.now, ...CLEAR_PENDING }),
      body: (s) => s.report.pendingReason ?? '',
      notify: (m, s) => this.tellDepartment(m, s, '缓办申请已批准'),
    }),
    refuse_deferral: this.decides('deferral', {
      patch: () => ({ ...CLEAR_PENDING }),
      notify: (m, s) => this.tellDepartment(m, s, '缓办申请未批准'),
    }),
    // Handling starts again with a whole handle period.
    resume: {
      patch: (s) => ({ stageDeadlineAt: hoursAfter(s.now, s.category.resolveHours) }),
      notify: (m, s) => this.tellDepartment(m, s, '缓办的案件已恢复办理'),
    },
  };

  /** `preloaded`: the row the access guard read for its scope check. Nobody acts on their own report. */
  async act<A extends VerificationAction>(action: A, auth: AuthContext, id: number, input: ReportActionRequests[A], preloaded?: Report): Promise<ReportDetailResponse> {
    const report = preloaded instanceof Report && preloaded.id === id ? preloaded : await this.reports.findById(id);
    if (!report) throw reportNotFound();
    if (report.reporterId === auth.userId) throw ownReport();
    await this.runner.run(action, this.rules[action] as ActionRule<A>, auth, report, input, this.clock.now());
    return this.queries.detail(auth, id);
  }

  /** POST /verify { pass, note }: pass closes as fixed, fail is rework. */
  verify(auth: AuthContext, id: number, input: ReportActionRequests['verify'], preloaded?: Report): Promise<ReportDetailResponse> {
    return input.pass ? this.act('verify', auth, id, input, preloaded) : this.act('rework', auth, id, input, preloaded);
  }

  /** The department's handlers hear of a decision on their case. */
  private async tellDepartment(m: UnitOfWork, s: ActionStep, title: string): Promise<void> {
    if (s.report.departmentId === null || s.report.dispatchedById === null) return;
    const users = await this.reports.findDepartmentUsers(s.report.departmentId);
    await this.messages.notifyWorkers(m, users, { kind: 'report_status', title, body: `第 ${s.report.id} 号：${s.note ?? s.report.description}`, reportId: s.report.id });
  }
}
