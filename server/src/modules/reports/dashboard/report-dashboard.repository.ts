import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EMPTY_FIGURE_COUNTS, ReportFigureCounts, ReportStatus } from '@xjy/shared';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { ReportEvent } from '../report-event.entity';
import { Report } from '../report.entity';
import type { ReportFilter } from '../reports.repository';
import type { ExportReportRow } from './report-export.xlsx';
import { isMysql, MEASURE_KEYS, MEASURES, overdueSql, weekSql } from './report-figures.sql';
import { ROLLUP_KIND, ReportRollupRepository, RollupRow, RollupSpanRow, scoped } from './report-rollup.repository';
import { planWindow, TimeRange, wholeDays, WindowPlan } from './report-rollup.plan';

/** The counts of one group, as ReportFigureCounts plus open cases past their deadline. */
export type FigureCountsRow = ReportFigureCounts & { overdue: number };
export type CategoryRow = FigureCountsRow & { areaPath: string; categoryId: number };
export type DepartmentRow = FigureCountsRow & { areaPath: string; departmentId: number | null };
export type WeekStatusRow = FigureCountsRow & { week: number; status: ReportStatus };
export type FigureRows = { categories: CategoryRow[]; departments: DepartmentRow[]; weeks: WeekStatusRow[] };
export type StageEventRow = Pick<ReportEvent, 'reportId' | 'type' | 'createdAt'>;
export type SampleReportRow = Pick<Report, 'id' | 'createdAt' | 'acceptedAt'>;
/** The plan, with the smallest and largest report id of its roll-up part (every area). */
export type DashboardPlan = WindowPlan & { rolledIds: { min: number; max: number } | null };

/** What the export shows of a report (ExportReportRow). */
const EXPORT_COLUMNS: Array<keyof ExportReportRow> = [
  'id', 'categoryId', 'description', 'status', 'areaId', 'lat', 'lng', 'createdAt', 'acceptedAt', 'departmentId', 'acceptDueAt', 'resolveDueAt',
  'stageDeadlineAt', 'reworkCount', 'extensionCount', 'closedAt', 'outcome', 'rating', 'escalatedAt', 'pointsAwarded', 'witnessCount',
];

/**
 * Aggregates for the dashboard, computed in the database: a county's year is a million reports. Whole clean China
 * weeks and days come from the roll-up (report_rollup), the rest of the window (partial days at the edges, days
 * written or whose overdue count has aged since they were built) from `report` directly (idx_report_dashboard).
 */
@Injectable()
export class ReportDashboardRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rollup: ReportRollupRepository,
  ) {}

  private get mysql(): boolean {
    return isMysql(this.ds.options.type);
  }

  /** Reports received in [from, to) within the filter's scope and area. */
  private window(f: ReportFilter, from: Date, to: Date): SelectQueryBuilder<Report> {
    return scoped(this.ds.getRepository(Report).createQueryBuilder('r').where('r.createdAt >= :from AND r.createdAt < :to', { from, to }), f, 'r');
  }

  /** Reports received in any of these ranges, in scope. */
  private ranges(f: ReportFilter, ranges: TimeRange[]): SelectQueryBuilder<Report> {
    const qb = this.ds.getRepository(Report).createQueryBuilder('r');
    qb.where(new Brackets((w) => ranges.forEach((r, i) => w.orWhere(`(r.createdAt >= :from${i} AND r.createdAt < :to${i})`, { [`from${i}`]: r.from, [`to${i}`]: r.to }))));
    return scoped(qb, f, 'r');
  }

  /**
   * Which parts of [from, to) the roll-up answers exactly at `now`, and which are counted from `report`: a day is
   * exact when no write to its reports is waiting in the dirty log and its overdue count still holds at `now`.
   */
  async plan(from: Date, to: Date, now: Date): Promise<DashboardPlan> {
    const { first, end } = wholeDays(from, to);
    const [dirty, spans] = await Promise.all([this.rollup.dirtyDays(first, end), this.rollup.spanRows(first, end)]);
    const aged = (r: RollupSpanRow) => (r.asOf !== null && r.asOf > now) || (r.nextDeadline !== null && r.nextDeadline <= now);
    const staleWeeks = new Set<number>();
    for (const r of spans.filter(aged)) (r.span === 1 ? dirty : staleWeeks).add(r.day);
    const plan = planWindow(from, to, dirty, staleWeeks);
    const used = spans.filter((r) => (r.span === 7 ? plan.weeks : plan.days).includes(r.day));
    const rolledIds = used.length ? { min: Math.min(...used.map((r) => r.minId)), max: Math.max(...used.map((r) => r.maxId)) } : null;
    return { ...plan, rolledIds };
  }

  /** The measures, and the open cases past their running deadline at `now`. */
  private measures(qb: SelectQueryBuilder<Report>, now: Date): SelectQueryBuilder<Report> {
    for (const k of MEASURE_KEYS) qb.addSelect(MEASURES[k], k);
    return qb.addSelect(`SUM(CASE WHEN ${overdueSql()} THEN 1 ELSE 0 END)`, 'overdue').setParameter('now', now);
  }

  /**
   * The measures per (area, category), (area, department) and (China week, status) over the window: the roll-up's
   * rows (their overdue count holds at `now`, see plan) and two grouped passes over the direct ranges, all at once.
   * Rows of one key may come from several of them: the breakdowns sum them.
   */
  async aggregate(f: ReportFilter, plan: WindowPlan, now: Date): Promise<FigureRows> {
    const direct = plan.direct.length > 0;
    const byGroup = direct
      ? this.measures(this.ranges(f, plan.direct).select('r.areaPath', 'area').addSelect('r.categoryId', 'categoryId').addSelect('r.departmentId', 'departmentId'), now)
          .groupBy('r.areaPath')
          .addGroupBy('r.categoryId')
          .addGroupBy('r.departmentId')
          .getRawMany<RollupRow>()
      : Promise.resolve([]);
    const byWeek = direct
      ? this.measures(this.ranges(f, plan.direct).select(weekSql(this.mysql), 'week').addSelect('r.status', 'status'), now)
          .groupBy('week')
          .addGroupBy('r.status')
          .getRawMany<RollupRow>()
      : Promise.resolve([]);
    const [rolled, groups, weeks] = await Promise.all([this.rollup.counts(f, plan), byGroup, byWeek]);
    const out: FigureRows = { categories: [], departments: [], weeks: [] };
    const category = (x: RollupRow, c: FigureCountsRow) => out.categories.push({ ...c, areaPath: String(x.area), categoryId: Number(x.categoryId) });
    const department = (x: RollupRow, c: FigureCountsRow) => out.departments.push({ ...c, areaPath: String(x.area), departmentId: x.departmentId === null ? null : Number(x.departmentId) });
    const week = (x: RollupRow, c: FigureCountsRow) => out.weeks.push({ ...c, week: Number(x.week), status: x.status as ReportStatus });
    for (const x of rolled) {
      const kind = Number(x.kind);
      const value = String(x.value);
      if (kind === ROLLUP_KIND.category) category({ ...x, categoryId: value }, numbers(x));
      else if (kind === ROLLUP_KIND.department) department({ ...x, departmentId: value === '' ? null : value }, numbers(x));
      else week({ ...x, status: value }, numbers(x));
    }
    for (const x of groups) {
      category(x, numbers(x));
      department(x, numbers(x));
    }
    for (const x of weeks) week(x, numbers(x));
    return out;
  }

  /** The smallest and largest report id received in the window (for an even sample by id): roll-up and direct parts. */
  async idRange(plan: DashboardPlan): Promise<{ min: number; max: number } | null> {
    const direct = plan.direct.length
      ? await this.ranges({ scopePaths: null }, plan.direct)
          .select('MIN(r.id)', 'min')
          .addSelect('MAX(r.id)', 'max')
          .getRawOne<{ min: unknown; max: unknown }>()
          .then((r) => (r && r.min !== null && r.max !== null ? { min: Number(r.min), max: Number(r.max) } : null))
      : null;
    const parts = [plan.rolledIds, direct].filter((p) => p !== null);
    return parts.length ? { min: Math.min(...parts.map((p) => p.min)), max: Math.max(...parts.map((p) => p.max)) } : null;
  }

  /** Those of these report ids that are filed and in the window and scope (primary-key lookups only). */
  sampleFiled(f: ReportFilter, from: Date, to: Date, ids: number[]): Promise<SampleReportRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.window(f, from, to)
      .select(['r.id', 'r.createdAt', 'r.acceptedAt'])
      .andWhere('r.acceptedAt IS NOT NULL')
      .andWhere('r.id IN (:...ids)', { ids })
      .orderBy('r.id', 'ASC')
      .getMany();
  }

  /** The stage-moving events of these reports, in order. */
  async stageEvents(reportIds: number[], types: readonly string[]): Promise<StageEventRow[]> {
    const out: StageEventRow[] = [];
    for (let i = 0; i < reportIds.length; i += 1000) {
      const ids = reportIds.slice(i, i + 1000);
      const rows = await this.ds
        .getRepository(ReportEvent)
        .createQueryBuilder('e')
        .select(['e.id', 'e.reportId', 'e.type', 'e.createdAt'])
        .where('e.reportId IN (:...ids)', { ids })
        .andWhere('e.type IN (:...types)', { types: [...types] })
        .orderBy('e.reportId', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .getMany();
      out.push(...rows);
    }
    return out;
  }

  /** How many reports the window holds (the export refuses a range past its cap before it starts streaming). */
  count(f: ReportFilter, from: Date, to: Date): Promise<number> {
    return this.window(f, from, to).getCount();
  }

  /**
   * The window's reports in id order, a batch at a time (keyset paging: no offset scans), for the streamed export:
   * only the columns it shows, and the next batch is read only when the consumer asks for it.
   */
  async *streamRows(f: ReportFilter, from: Date, to: Date, batch = 1000): AsyncGenerator<ExportReportRow[]> {
    // Start at the window's first id (from the createdAt index): from 0 the first batch would walk the primary key
    // through every older report before reaching the window (seconds at a million reports).
    const first = await this.ds
      .getRepository(Report)
      .createQueryBuilder('r')
      .select('MIN(r.id)', 'min')
      .where('r.createdAt >= :from AND r.createdAt < :to', { from, to })
      .getRawOne<{ min: unknown }>();
    if (first?.min === null || first?.min === undefined) return;
    let after = Number(first.min) - 1;
    for (;;) {
      const rows: ExportReportRow[] = await this.window(f, from, to)
        .select(EXPORT_COLUMNS.map((c) => `r.${c}`))
        .andWhere('r.id > :after', { after })
        .orderBy('r.id', 'ASC')
        .take(batch)
        .getMany();
      if (!rows.length) return;
      after = rows[rows.length - 1].id;
      const full = rows.length === batch;
      yield rows;
      if (!full) return;
    }
  }
}

function numbers(x: RollupRow): FigureCountsRow {
  const out = { ...EMPTY_FIGURE_COUNTS, overdue: 0 };
  for (const k of Object.keys(out) as Array<keyof FigureCountsRow>) out[k] = Number(x[k] ?? 0);
  return out;
}
