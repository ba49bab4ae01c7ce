import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  EscalationPageResponse,
  PAGE_SIZE_DEFAULT,
  REPORT_DEADLINE_LABELS,
  REPORT_ESCALATION_LEVEL_MAX,
  REPORT_ESCALATION_REPEAT_HOURS,
  ReportActionRequests,
} from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { TransactionRunner } from '../../database/transaction.runner';
import { PointsService } from '../points/points.service';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { DepartmentsRepository } from './departments/departments.repository';
import { MessagesService } from './messages/messages.service';
import { ActionRule, HOUR_MS, hoursAfter, ReportActionRunner } from './report-action.runner';
import { ReportClock, SYSTEM_CLOCK } from './report-clock';
import { ReportQueriesService } from './report-queries.service';
import { ReportRoutingRepository } from './report-routing.repository';
import { currentDeadline, reportHolder } from './report-stages';
import type { Report } from './report.entity';
import { ReportsRepository } from './reports.repository';

/** How often the server looks for overdue cases. */
export const ESCALATION_SWEEP_MS = 5 * 60_000;
/** Cases escalated per sweep at most (the next sweep takes the rest). */
const SWEEP_BATCH = 200;
const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/**
 * The area a case is raised to at its next level: the report's community (its own area, or the grid's parent) is
 * level 0; level 1 is the street above it, level 2 the district. Null when there is nothing higher.
 */
export function escalationTarget(r: Pick<Report, 'areaPath' | 'escalationLevel'>): { level: number; areaId: number } | null {
  const ids = pathIds(r.areaPath);
  const level = r.escalationLevel + 1;
  if (level > REPORT_ESCALATION_LEVEL_MAX || !ids.length) return null;
  const at = Math.min(2, ids.length - 1) - level;
  return at < 0 ? null : { level, areaId: ids[at] };
}

/**
 * 督办: any stage past its deadline is escalated to the staff of the next area up (community → street → district),
 * again after REPORT_ESCALATION_REPEAT_HOURS if still overdue. Each escalation is a timeline event and a message to
 * the staff whose scope holds the area raised to. A timer sweeps every few minutes (not under test: a test moves
 * the ReportClock and calls sweep() itself).
 */
@Injectable()
export class ReportEscalationService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReportEscalationService.name);
  private readonly runner: ReportActionRunner;
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly reports: ReportsRepository,
    categories: ReportCategoriesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly routing: ReportRoutingRepository,
    private readonly queries: ReportQueriesService,
    points: PointsService,
    private readonly messages: MessagesService,
    tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'env'>,
    private readonly clock: ReportClock = SYSTEM_CLOCK,
  ) {
    this.runner = new ReportActionRunner(reports, categories, points, messages, tx);
  }

  private readonly rule: ActionRule<'escalate'> = {
    // Two sweeps at once (two instances) raise a case once: the level must still be the one read.
    guard: (s) => ({ escalationLevel: s.report.escalationLevel }),
    patch: (s, input) => ({ escalationLevel: input.level, escalatedAt: s.now, escalationAreaId: input.areaId, escalationPath: input.areaPath }),
    data: (_s, input) => ({ escalationLevel: input.level, areaId: input.areaId }),
    notify: async (m, s, input) => {
      const staff = await this.reports.findStaffOfAreas(pathIds(input.areaPath));
      await this.messages.notifyWorkers(m, staff, { kind: 'report_escalated', title: `督办：第 ${s.report.id} 号案件超时`, body: s.note ?? '', reportId: s.report.id });
    },
  };

  onModuleInit(): void {
    if (this.config.env === 'test') return;
    this.timer = setInterval(() => void this.sweep().catch((e: Error) => this.logger.warn({ err: e.message }, 'escalation sweep failed')), ESCALATION_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Escalates every case due an escalation now; returns how many were raised. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const now = this.clock.now();
      const due = await this.reports.findEscalationDue(now, hoursAfter(now, -REPORT_ESCALATION_REPEAT_HOURS), REPORT_ESCALATION_LEVEL_MAX, SWEEP_BATCH);
      let raised = 0;
      for (const r of due) if (await this.escalate(r, now)) raised++;
      return raised;
    } finally {
      this.sweeping = false;
    }
  }

  private async escalate(r: Report, now: Date): Promise<boolean> {
    const target = escalationTarget(r);
    const deadline = currentDeadline(r);
    if (!target || !deadline) return false;
    const area = await this.routing.findArea(target.areaId);
    if (!area) return false;
    const hours = Math.max(1, Math.floor((now.getTime() - deadline.dueAt.getTime()) / HOUR_MS));
    const input: ReportActionRequests['escalate'] = {
      level: target.level,
      areaId: area.id,
      areaPath: area.path,
      areaName: area.name,
      note: `${REPORT_DEADLINE_LABELS[deadline.kind]}超时约 ${hours} 小时，提级督办至${area.name}`,
    };
    try {
      await this.runner.run('escalate', this.rule, null, r, input, now);
      return true;
    } catch (e) {
      // Changed a moment ago (handled, or raised by another sweep): nothing to do.
      if (e instanceof AppException) return false;
      throw e;
    }
  }

  /** The 督办 queue: overdue cases the caller supervises (the area raised to, or before that the report's area, is in scope). */
  async list(auth: AuthContext, q: { escalated?: boolean; cursor?: string }): Promise<EscalationPageResponse> {
    const now = this.clock.now();
    const before = q.cursor ? Number(q.cursor) : null;
    const rows = await this.reports.findOverduePage(auth.role === 'admin' ? null : auth.scopePaths, q.escalated === true, before, PAGE_SIZE_DEFAULT + 1, now);
    const page = rows.slice(0, PAGE_SIZE_DEFAULT);
    const [summaries, departments, areas] = await Promise.all([
      this.queries.summaries(page),
      this.departments.findByIds([...new Set(page.flatMap((r) => (r.departmentId ? [r.departmentId] : [])))]),
      this.routing.findAreas([...new Set(page.flatMap((r) => (r.escalationAreaId ? [r.escalationAreaId] : [])))]),
    ]);
    const items = page.map((r, i) => {
      const d = currentDeadline(r)!;
      const escalatedTo = r.escalationAreaId ? { id: r.escalationAreaId, name: areas.find((a) => a.id === r.escalationAreaId)?.name ?? '' } : null;
      return {
        report: summaries[i],
        status: r.status,
        stage: d.kind,
        stageLabel: REPORT_DEADLINE_LABELS[d.kind],
        dueAt: d.dueAt.toISOString(),
        hoursOverdue: Math.round(((now.getTime() - d.dueAt.getTime()) / HOUR_MS) * 10) / 10,
        holder: reportHolder(r, departments.find((x) => x.id === r.departmentId)?.name ?? null) ?? { kind: 'staff' as const, name: '社区', departmentId: null },
        escalationLevel: r.escalationLevel,
        escalatedTo: r.escalationLevel > 0 ? escalatedTo : null,
        escalatedAt: r.escalationLevel > 0 ? (r.escalatedAt?.toISOString() ?? null) : null,
      };
    });
    return { items, nextCursor: rows.length > PAGE_SIZE_DEFAULT ? String(page[page.length - 1].id) : null };
  }
}
