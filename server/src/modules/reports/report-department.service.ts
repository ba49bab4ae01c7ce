import { Injectable } from '@nestjs/common';
import {
  DepartmentCasesResponse,
  REPORT_PENDING_REQUEST_LABELS,
  REPORT_STATUS_GROUPS,
  ReportActionRequests,
  ReportQueueSort,
  ReportDetailResponse,
  ReportStatus,
  ReportStatusGroup,
  reportStatusesIn,
} from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { TransactionRunner } from '../../database/transaction.runner';
import { MediaService } from '../media/media.service';
import { PointsService } from '../points/points.service';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { stageHours } from './categories/report-category.entity';
import { DepartmentsRepository } from './departments/departments.repository';
import { MessagesService } from './messages/messages.service';
import { ActionRule, ActionStep, hoursAfter, ReportActionRunner } from './report-action.runner';
import { ReportClock, SYSTEM_CLOCK } from './report-clock';
import { ReportQueriesService, reportNotFound } from './report-queries.service';
import { ReportsRepository } from './reports.repository';
import type { UnitOfWork } from '../../database/transaction.runner';

export type DepartmentAction = 'sign' | 'return' | 'handled' | 'request_extension' | 'request_deferral';
type DepartmentRules = { [A in DepartmentAction]: ActionRule<A> };

const pending = (kind: 'extension' | 'deferral') => new AppException('request_pending', { kind }, `已有待审批的${REPORT_PENDING_REQUEST_LABELS[kind]}`);

/**
 * 处置单位: a department handler works only the cases dispatched to their department. They sign for (签收) or return
 * (退回) a dispatched case, report it handled (处置反馈) with photos, and ask staff for an extension (延期) or a
 * deferral (缓办). The staff member who dispatched it hears of each step.
 */
@Injectable()
export class ReportDepartmentService {
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

  private readonly rules: DepartmentRules = {
    // The handle deadline starts at signing: the category's resolve hours. A late signing is allowed; the runner
    // marks the event late (the sign stage ran past its deadline).
    sign: {
      guard: (s) => ({ departmentId: s.report.departmentId }),
      patch: (s) => ({ stageDeadlineAt: hoursAfter(s.now, s.category.resolveHours) }),
      notify: (m, s) => this.tellDispatcher(m, s, '部门已签收'),
    },
    // Back to staff to dispatch again; the department no longer holds it.
    return: {
      guard: (s) => ({ departmentId: s.report.departmentId }),
      patch: () => ({ departmentId: null }),
      data: (s) => ({ departmentId: s.report.departmentId! }),
      notify: (m, s) => this.tellDispatcher(m, s, '部门退回了案件，请重新派遣'),
    },
    handled: {
      guard: (s) => ({ departmentId: s.report.departmentId }),
      patch: (s) => ({ stageDeadlineAt: hoursAfter(s.now, stageHours(s.category).verify), pendingRequest: null, pendingHours: null, pendingReason: null }),
      data: (_s, input) => (input.mediaIds?.length ? { mediaIds: input.mediaIds } : null),
      write: async (m, s, input) => {
        if (input.mediaIds?.length) await this.media.attach(m, s.auth!.userId, input.mediaIds, 'report_resolution', s.report.id);
      },
      notify: (m, s) => this.tellDispatcher(m, s, '部门已处置完毕，请核查'),
    },
    request_extension: {
      check: (s) => {
        if (s.report.pendingRequest) throw pending(s.report.pendingRequest);
      },
      guard: (s) => ({ departmentId: s.report.departmentId, pendingRequest: null }),
      patch: (s, input) => ({ pendingRequest: 'extension', pendingHours: input.hours, pendingReason: s.note }),
      data: (_s, input) => ({ hours: input.hours }),
      conflict: (fresh) => (fresh.pendingRequest ? pending(fresh.pendingRequest) : null),
      notify: (m, s, input) => this.tellDispatcher(m, s, `部门申请延期 ${input.hours} 小时，请审批`),
    },
    request_deferral: {
      check: (s) => {
        if (s.report.pendingRequest) throw pending(s.report.pendingRequest);
      },
      guard: (s) => ({ departmentId: s.report.departmentId, pendingRequest: null }),
      patch: (s) => ({ pendingRequest: 'deferral', pendingHours: null, pendingReason: s.note }),
      conflict: (fresh) => (fresh.pendingRequest ? pending(fresh.pendingRequest) : null),
      notify: (m, s) => this.tellDispatcher(m, s, '部门申请缓办，请审批'),
    },
  };

  /** The caller's department's cases, highest priority then newest first (or open ones by deadline), paged like the staff queue. */
  async cases(auth: AuthContext, q: { status?: ReportStatus | ReportStatusGroup; sort?: ReportQueueSort; cursor?: string }): Promise<DepartmentCasesResponse> {
    const departmentId = this.departmentOf(auth);
    const department = await this.departments.findById(departmentId);
    if (!department) throw new AppException('no_department');
    const statuses = q.status ? ((REPORT_STATUS_GROUPS as readonly string[]).includes(q.status) ? reportStatusesIn(q.status as ReportStatusGroup) : [q.status as ReportStatus]) : undefined;
    const page = await this.queries.queuePage({ scopePaths: null, departmentId, statuses }, q.sort, q.cursor, this.clock.now());
    return { department: { id: department.id, name: department.name }, ...page };
  }


  /** One department action on a case the caller's department holds; any other case is refused. */
  async act<A extends DepartmentAction>(action: A, auth: AuthContext, id: number, input: ReportActionRequests[A]): Promise<ReportDetailResponse> {
    const departmentId = this.departmentOf(auth);
    const report = await this.reports.findById(id);
    if (!report) throw reportNotFound();
    if (report.departmentId !== departmentId || report.dispatchedById === null) throw new AppException('not_department_case');
    await this.runner.run(action, this.rules[action] as ActionRule<A>, auth, report, input, this.clock.now());
    return this.queries.detail(auth, id, { formerHolder: departmentId });
  }

  private departmentOf(auth: AuthContext): number {
    if (auth.role !== 'department' || auth.departmentId == null) throw new AppException('no_department');
    return auth.departmentId;
  }

  /** The staff member who dispatched the case hears of the department's step in their messages. */
  private async tellDispatcher(m: UnitOfWork, s: ActionStep, title: string): Promise<void> {
    const to = s.report.dispatchedById;
    if (to === null) return;
    await this.messages.notifyWorkers(m, [to], { kind: 'report_status', title, body: `第 ${s.report.id} 号：${s.note ?? s.report.description}`, reportId: s.report.id });
  }
}

