import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EMPTY_FIGURE_COUNTS, REPORT_DEADLINE_FIELD, REPORT_STATUS_DEADLINE, REPORT_STATUSES, ReportFigureCounts, ReportStatus } from '@xjy/shared';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { ReportEvent } from '../report-event.entity';
import { Report } from '../report.entity';
import type { ReportFilter } from '../reports.repository';
import type { ExportReportRow } from './report-export.xlsx';

/** The counts of one group, as ReportFigureCounts plus open cases past their deadline. */
export type FigureCountsRow = ReportFigureCounts & { overdue: number };
export type FigureGroupRow = FigureCountsRow & { areaPath: string; categoryId: number; departmentId: number | null };
export type WeekStatusRow = FigureCountsRow & { week: number; status: ReportStatus };
export type StageEventRow = Pick<ReportEvent, 'reportId' | 'type' | 'createdAt'>;
export type SampleReportRow = Pick<Report, 'id' | 'createdAt' | 'acceptedAt'>;

/** What the export shows of a report (ExportReportRow). */
const EXPORT_COLUMNS: Array<keyof ExportReportRow> = [
  'id', 'categoryId', 'description', 'status', 'areaId', 'lat', 'lng', 'createdAt', 'acceptedAt', 'departmentId', 'acceptDueAt', 'resolveDueAt',
  'stageDeadlineAt', 'reworkCount', 'extensionCount', 'closedAt', 'outcome', 'rating', 'escalatedAt', 'pointsAwarded', 'witnessCount',
];

const when = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
const statusIn = (list: readonly string[]) => `r.status IN (${list.map((s) => `'${s}'`).join(', ')})`;

/** Open cases whose running deadline has passed, per status (the same rule as the report's overdue flag). */
function overdueSql(): string {
  const parts = REPORT_STATUSES.flatMap((s) => {
    const kind = REPORT_STATUS_DEADLINE[s];
    return kind ? [`(r.status = '${s}' AND r.${REPORT_DEADLINE_FIELD[kind]} < :now)`] : [];
  });
  return parts.length ? `(${parts.join(' OR ')})` : '1 = 0';
}

/**
 * The measures of REPORT_FIGURES (shared/src/report-figures.ts) in SQL, one column per count. Every count is over
 * the reports received in the window; "filed" is accepted at some point (acceptedAt is kept once set).
 */
const MEASURES: Record<keyof FigureCountsRow, string> = {
  received: 'COUNT(*)',
  filed: when('r.acceptedAt IS NOT NULL'),
  deferred: when(`r.status = 'deferred'`),
  closedFixed: when(`r.outcome = 'fixed'`),
  closedOnTime: when(`r.outcome = 'fixed' AND r.escalatedAt IS NULL`),
  closedNotFixed: when(`r.outcome IN ('not_fixable', 'not_responsible')`),
  dispatched: when('r.dispatchedById IS NOT NULL'),
  handled: when(`r.dispatchedById IS NOT NULL AND ${statusIn(['verifying', 'resolved'])}`),
  reworked: when('r.reworkCount > 0'),
  extended: when('r.extensionCount > 0'),
  rated: when('r.rating IS NOT NULL'),
  satisfied: when(`r.rating = 'satisfied'`),
  basic: when(`r.rating = 'basic'`),
  unsatisfied: when(`r.rating = 'unsatisfied'`),
  overdue: when(overdueSql()),
};

/** Aggregates for the dashboard, computed in the database: a county's year is a million reports. */
@Injectable()
export class ReportDashboardRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get mysql(): boolean {
    return ['mysql', 'mariadb'].includes(this.ds.options.type);
  }

  /** The China week (Monday 00:00, UTC+8) a report was received in, as whole weeks since Monday 1970-01-05. */
  private weekSql(): string {
    // Whole seconds and integer division: a report at exactly Monday 00:00 belongs to that week, not the one before.
    return this.mysql
      ? `((TIMESTAMPDIFF(SECOND, '1970-01-05 00:00:00', r.createdAt) + 28800) DIV 604800)`
      : `((CAST(strftime('%s', r.createdAt) AS INTEGER) - 345600 + 28800) / 604800)`;
  }

  /** Reports received in [from, to) within the filter's scope and area. */
  private window(f: ReportFilter, from: Date, to: Date): SelectQueryBuilder<Report> {
    const qb = this.ds.getRepository(Report).createQueryBuilder('r').where('r.createdAt >= :from AND r.createdAt < :to', { from, to });
    if (f.scopePaths) {
      const paths = f.scopePaths;
      if (!paths.length) qb.andWhere('1 = 0');
      else qb.andWhere(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`r.areaPath LIKE :sp${i}`, { [`sp${i}`]: `${p}%` }))));
    }
    if (f.areaPath) qb.andWhere('r.areaPath LIKE :ap', { ap: `${f.areaPath}%` });
    return qb;
  }

  private measures(qb: SelectQueryBuilder<Report>, now: Date): SelectQueryBuilder<Report> {
    for (const [k, sql] of Object.entries(MEASURES)) qb.addSelect(sql, k);
    return qb.setParameter('now', now);
  }

  /**
   * The measures per (area, category, department), and per (China week, status): two grouped passes over the window,
   * run at once, each with few groups (crossing them all would give a group per few reports at a county's scale).
   */
  async aggregate(f: ReportFilter, from: Date, to: Date, now: Date): Promise<{ groups: FigureGroupRow[]; weeks: WeekStatusRow[] }> {
    const byGroup = this.measures(this.window(f, from, to).select('r.areaPath', 'areaPath').addSelect('r.categoryId', 'categoryId').addSelect('r.departmentId', 'departmentId'), now)
      .groupBy('r.areaPath')
      .addGroupBy('r.categoryId')
      .addGroupBy('r.departmentId');
    const byWeek = this.measures(this.window(f, from, to).select(this.weekSql(), 'week').addSelect('r.status', 'status'), now)
      .groupBy('week')
      .addGroupBy('r.status');
    const [groups, weeks] = await Promise.all([byGroup.getRawMany<Record<string, unknown>>(), byWeek.getRawMany<Record<string, unknown>>()]);
    return {
      groups: groups.map((x) => ({ ...numbers(x), areaPath: String(x.areaPath), categoryId: Number(x.categoryId), departmentId: x.departmentId === null ? null : Number(x.departmentId) })),
      weeks: weeks.map((x) => ({ ...numbers(x), week: Number(x.week), status: x.status as ReportStatus })),
    };
  }

  /** The smallest and largest report id received in the window (for an even sample by id). */
  async idRange(from: Date, to: Date): Promise<{ min: number; max: number } | null> {
    const r = await this.ds
      .getRepository(Report)
      .createQueryBuilder('r')
      .select('MIN(r.id)', 'min')
      .addSelect('MAX(r.id)', 'max')
      .where('r.createdAt >= :from AND r.createdAt < :to', { from, to })
      .getRawOne<{ min: unknown; max: unknown }>();
    return r && r.min !== null && r.max !== null ? { min: Number(r.min), max: Number(r.max) } : null;
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

function numbers(x: Record<string, unknown>): FigureCountsRow {
  const out = { ...EMPTY_FIGURE_COUNTS, overdue: 0 };
  for (const k of Object.keys(out) as Array<keyof FigureCountsRow>) out[k] = Number(x[k] ?? 0);
  return out;
}
