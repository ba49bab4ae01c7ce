import { Injectable } from '@nestjs/common';
import { REPORT_STATUSES, ReportDashboardResponse, ReportFigureBreakdown } from '@xjy/shared';
import { PassThrough, Readable } from 'node:stream';
import { AppException, fieldError } from '../../../common/app.exception';
import type { AuthContext } from '../../../common/auth/auth-context';
import { ReportCategoriesRepository } from '../categories/report-categories.repository';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { DashboardQuery } from '../dto/report-queries.dto';
import { ReportQueriesService } from '../report-queries.service';
import { ReportRoutingRepository } from '../report-routing.repository';
import type { ReportFilter } from '../reports.repository';
import { DashboardPlan, ReportDashboardRepository } from './report-dashboard.repository';
import { writeReportsWorkbook } from './report-export.xlsx';
import { breakdown, childAreaId, groupBreakdown, stageMedians, STAGE_EVENT_TYPES, weekStart } from './report-figures.calc';

const DAY_MS = 24 * 3600_000;
/** The dashboard's window: at most a year and a day (a quarter is the usual one). */
const WINDOW_DAYS_MAX = 366;
/** The export streams at most this many reports; a wider range must be narrowed. */
export const EXPORT_ROWS_MAX = 200_000;
/** The stage medians are measured on the filed cases among at most this many report ids (an even sample beyond). */
export const MEDIAN_SAMPLE_MAX = 2000;

interface Window {
  filter: ReportFilter;
  from: Date;
  to: Date;
  /** The area the breakdown by area goes one level below; null: the top of the tree. */
  focus: string | null;
}

@Injectable()
export class ReportDashboardService {
  constructor(
    private readonly dashboard: ReportDashboardRepository,
    private readonly queries: ReportQueriesService,
    private readonly categories: ReportCategoriesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly routing: ReportRoutingRepository,
  ) {}

  private async window(auth: AuthContext, q: DashboardQuery): Promise<Window> {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw fieldError('validation_failed', 'from', '开始日期必须早于结束日期');
    if (to.getTime() - from.getTime() > WINDOW_DAYS_MAX * DAY_MS) throw fieldError('validation_failed', 'from', `统计范围最长 ${WINDOW_DAYS_MAX} 天，请缩小日期范围`);
    const filter = await this.queries.filterFor(auth, q.areaId);
    const focus = filter.areaPath ?? (filter.scopePaths?.length === 1 ? filter.scopePaths[0] : null);
    return { filter, from, to, focus };
  }

  /** Every figure of REPORT_FIGURES over the reports received in [from, to), with its breakdowns and stage medians. */
  async figures(auth: AuthContext, q: DashboardQuery, now = new Date()): Promise<ReportDashboardResponse> {
    const w = await this.window(auth, q);
    const plan = await this.dashboard.plan(w.from, w.to, now);
    const [{ categories: groups, departments: held, weeks }, medians] = await Promise.all([this.dashboard.aggregate(w.filter, plan, now), this.medians(w, plan)]);
    const total = breakdown(groups);
    const byArea = groupBreakdown(groups, (g) => childAreaId(g.areaPath, w.focus) ?? 0);
    const byCategory = groupBreakdown(groups, (g) => g.categoryId);
    const byDepartment = groupBreakdown(
      held.filter((g) => g.departmentId !== null),
      (g) => g.departmentId!,
    );
    const [areas, categories, departments] = await Promise.all([
      this.routing.findAreas([...byArea.keys()].filter((id) => id > 0)),
      this.categories.findByIds([...byCategory.keys()]),
      this.departments.findByIds([...byDepartment.keys()]),
    ]);
    const busiest = <T extends ReportFigureBreakdown>(a: T, b: T) => b.received - a.received;
    return {
      from: w.from.toISOString(),
      to: w.to.toISOString(),
      received: total.received,
      overdue: total.overdue,
      counts: total.counts,
      ...total.figures,
      medianHours: medians.medians,
      medianSampleSize: medians.sampleSize,
      byStatus: REPORT_STATUSES.map((status) => ({ status, count: weeks.reduce((n, g) => n + (g.status === status ? g.received : 0), 0) })),
      byArea: [...byArea]
        .map(([areaId, b]) => ({ areaId, name: areaId === 0 ? '本级' : (areas.find((a) => a.id === areaId)?.name ?? ''), ...b }))
        .sort(busiest),
      byCategory: [...byCategory]
        .map(([id, b]) => {
          const c = categories.find((x) => x.id === id);
          return { category: c?.key ?? '', label: c?.label ?? '', ...b };
        })
        .sort(busiest),
      byDepartment: [...byDepartment].map(([departmentId, b]) => ({ departmentId, name: departments.find((d) => d.id === departmentId)?.name ?? '', ...b })).sort(busiest),
      byWeek: [...groupBreakdown(weeks, (g) => g.week)].sort((a, b) => a[0] - b[0]).map(([week, b]) => ({ week: weekStart(week), ...b })),
    };
  }

  /**
   * Stage medians over the window's filed cases: all of them up to MEDIAN_SAMPLE_MAX ids, else an even sample by id
   * (ids grow with time, so the sample spans the window), read by primary key, never a scan.
   */
  private async medians(w: Window, plan: DashboardPlan): Promise<{ medians: ReportDashboardResponse['medianHours']; sampleSize: number }> {
    const range = await this.dashboard.idRange(plan);
    const span = range ? range.max - range.min + 1 : 0;
    const step = Math.max(1, Math.ceil(span / MEDIAN_SAMPLE_MAX));
    const ids = range ? Array.from({ length: Math.ceil(span / step) }, (_, j) => range.min + j * step) : [];
    const sample = await this.dashboard.sampleFiled(w.filter, w.from, w.to, ids);
    const events = await this.dashboard.stageEvents(
      sample.map((r) => r.id),
      STAGE_EVENT_TYPES,
    );
    return { medians: stageMedians(sample, events), sampleSize: sample.length };
  }

  /** Checks the window and its size before anything is sent, then streams the workbook. */
  async exportXlsx(auth: AuthContext, q: DashboardQuery): Promise<Readable> {
    const w = await this.window(auth, q);
    const rows = await this.dashboard.count(w.filter, w.from, w.to);
    if (rows > EXPORT_ROWS_MAX) {
      throw new AppException('validation_failed', { maxRows: EXPORT_ROWS_MAX, rows }, `所选范围内的问题上报超过 ${EXPORT_ROWS_MAX} 条，请缩小日期或区域范围`);
    }
    const [figures, categories, departments] = await Promise.all([this.figures(auth, q), this.categories.listAll(), this.departments.listAll()]);
    const out = new PassThrough();
    const names = {
      category: new Map(categories.map((c) => [c.id, c.label])),
      department: new Map(departments.map((d) => [d.id, d.name])),
      area: (ids: number[]) => this.routing.findAreas(ids),
    };
    writeReportsWorkbook(out, this.dashboard.streamRows(w.filter, w.from, w.to), figures, names).catch((e: unknown) => out.destroy(e as Error));
    return out;
  }
}
