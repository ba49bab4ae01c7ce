import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction.runner';
import type { ReportFilter } from '../reports.repository';
import { DEADLINE_STATUSES, deadlineField, isMysql, MEASURE_KEYS, MEASURES, overdueSql, weekOfDaySql } from './report-figures.sql';
import { ReportRollup, ReportRollupDirty } from './report-rollup.entity';
import { chinaDayStart, mondayOf, WindowPlan } from './report-rollup.plan';

/** The dimension of a roll-up row besides its area; `all`: one row for the whole day or week, every area (areaPath ''). */
export const ROLLUP_KIND = { category: 0, department: 1, status: 2, all: 3 } as const;
const KIND_COLUMN = { [ROLLUP_KIND.category]: 'categoryId', [ROLLUP_KIND.department]: 'departmentId', [ROLLUP_KIND.status]: 'status', [ROLLUP_KIND.all]: null } as const;
const COUNTS = [...MEASURE_KEYS, 'overdue'] as const;
/** Sweepers of several server instances take turns (a named lock on MySQL; SQLite writes one at a time anyway). */
const SWEEP_LOCK = 'xjy_report_rollup_sweep';
/** A time as both drivers compare it with a stored DATETIME (UTC). */
const sqlTime = (d: Date) => d.toISOString().slice(0, 23).replace('T', ' ');
/** Log rows deleted per statement. */
const DELETE_BATCH = 1000;

/** The all-areas row of a built day or week: what the plan needs to trust it, and the ids it holds. */
export interface RollupSpanRow {
  span: number;
  day: number;
  asOf: Date | null;
  nextDeadline: Date | null;
  minId: number;
  maxId: number;
}

export type RollupRow = Record<string, unknown>;

/** Narrows rows of `alias` (which carry areaPath) to the filter's scope and area, as an indexed prefix match. */
export function scoped<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, f: ReportFilter, alias: string): SelectQueryBuilder<T> {
  if (f.scopePaths) {
    const paths = f.scopePaths;
    if (!paths.length) qb.andWhere('1 = 0');
    else qb.andWhere(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`${alias}.areaPath LIKE :sp${i}`, { [`sp${i}`]: `${p}%` }))));
  }
  if (f.areaPath) qb.andWhere(`${alias}.areaPath LIKE :ap`, { ap: `${f.areaPath}%` });
  return qb;
}

/** The roll-up tables: reading them for the dashboard, and rebuilding dirty days from `report`. */
@Injectable()
export class ReportRollupRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  private get mysql(): boolean {
    return isMysql(this.ds.options.type);
  }

  /** The days in [first, end) written since they were last built. */
  async dirtyDays(first: number, end: number): Promise<Set<number>> {
    if (first >= end) return new Set();
    const rows = await this.ds
      .getRepository(ReportRollupDirty)
      .createQueryBuilder('d')
      .select('DISTINCT d.day', 'day')
      .where('d.day >= :first AND d.day < :end', { first, end })
      .getRawMany<{ day: unknown }>();
    return new Set(rows.map((r) => Number(r.day)));
  }

  /** How many dirty-log rows wait for the sweeper. */
  pending(): Promise<number> {
    return this.ds.getRepository(ReportRollupDirty).count();
  }

  private spans(plan: WindowPlan, alias: string) {
    const qb = this.ds.getRepository(ReportRollup).createQueryBuilder(alias);
    const parts: string[] = [];
    if (plan.weeks.length) parts.push(`(${alias}.span = 7 AND ${alias}.day IN (:...weeks))`);
    if (plan.days.length) parts.push(`(${alias}.span = 1 AND ${alias}.day IN (:...days))`);
    return qb.where(`(${parts.join(' OR ')})`, { weeks: plan.weeks, days: plan.days });
  }

  /**
   * The plan's roll-up counts in scope: per (area, category) and (area, department) over the whole window, per
   * (China week, status) summed over the areas in scope. One range of the primary key per week or day.
   */
  async counts(f: ReportFilter, plan: WindowPlan): Promise<RollupRow[]> {
    if (!plan.weeks.length && !plan.days.length) return [];
    const status = ROLLUP_KIND.status;
    // Two queries at once (by area, and by week), so two cores share the rows. Aliases differ from column names:
    // MySQL resolves GROUP BY names to columns before aliases.
    const query = (kinds: number[], area: string, week: string) => {
      const qb = scoped(this.spans(plan, 'u'), f, 'u')
        .andWhere('u.kind IN (:...kinds)', { kinds })
        .select('u.kind', 'kind')
        .addSelect(area, 'area')
        .addSelect('u.dim', 'value')
        .addSelect(week, 'week');
      for (const k of COUNTS) qb.addSelect(`SUM(u.${k})`, k);
      return qb.groupBy('kind').addGroupBy('area').addGroupBy('value').addGroupBy('week').getRawMany<RollupRow>();
    };
    const parts = await Promise.all([
      query([ROLLUP_KIND.category, ROLLUP_KIND.department], 'u.areaPath', '0'),
      query([status], `''`, weekOfDaySql(this.mysql, 'u.day')),
    ]);
    return parts.flat();
  }

  /** The all-areas rows of the weeks and days built in [first, end). */
  async spanRows(first: number, end: number): Promise<RollupSpanRow[]> {
    if (first >= end) return [];
    const rows = await this.ds
      .getRepository(ReportRollup)
      .createQueryBuilder('u')
      .select(['u.span', 'u.day', 'u.asOf', 'u.nextDeadline', 'u.minId', 'u.maxId'])
      .where('u.kind = :all AND u.span IN (1, 7) AND u.day >= :first AND u.day < :end', { first: first - 6, end, all: ROLLUP_KIND.all })
      .getMany();
    return rows.map(({ span, day, asOf, nextDeadline, minId, maxId }) => ({ span, day, asOf, nextDeadline, minId, maxId }));
  }

  /**
   * Rebuilds dirty days, oldest first, then days whose overdue count has aged, until none is left or `budgetMs` has
   * passed; returns how many days it built. A sweep already running elsewhere (another instance) makes this one
   * return 0 at once.
   */
  async sweep(budgetMs: number, now = new Date()): Promise<number> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      if (this.mysql && Number((await qr.query('SELECT GET_LOCK(?, 0) AS l', [SWEEP_LOCK]))[0]?.l) !== 1) return 0;
      try {
        const until = Date.now() + budgetMs;
        let built = 0;
        while (Date.now() < until) {
          // Days written since, then days whose overdue count has aged (a deadline passed since it was taken; one due
          // exactly now is not overdue yet, and a day built now may hold it as its next deadline).
          const dirty = await qr.query('SELECT DISTINCT day FROM report_rollup_dirty ORDER BY day LIMIT 20');
          const days = dirty.length
            ? dirty
            : await qr.query('SELECT day FROM report_rollup WHERE span = 1 AND kind = ? AND nextDeadline < ? ORDER BY day LIMIT 20', [ROLLUP_KIND.all, sqlTime(now)]);
          if (!days.length) break;
          for (const { day } of days as Array<{ day: unknown }>) {
            await this.rebuildDay(Number(day), now);
            built++;
          }
        }
        return built;
      } finally {
        if (this.mysql) await qr.query('SELECT RELEASE_LOCK(?)', [SWEEP_LOCK]);
      }
    } finally {
      await qr.release();
    }
  }

  /**
   * One day, in one transaction: the dirty-log rows for it are read first (this transaction's snapshot then holds
   * every report write they stand for, the report rows are read in the same snapshot), the day's rows and its
   * week's are replaced, and exactly those log rows are deleted. A write committed meanwhile leaves its own log row,
   * so the day stays dirty and is built again.
   */
  async rebuildDay(day: number, now = new Date()): Promise<void> {
    const at = `'${sqlTime(now)}'`;
    const overdue = `SUM(CASE WHEN ${overdueSql().replaceAll(':now', at)} THEN 1 ELSE 0 END)`;
    const ahead = `MIN(CASE ${DEADLINE_STATUSES.map((st) => `WHEN r.status = '${st}' AND r.${deadlineField(st)} >= ${at} THEN r.${deadlineField(st)}`).join(' ')} END)`;
    await this.tx.run(async (m) => {
      const q = (sql: string, params: unknown[] = []) => m.query(sql, params) as Promise<Array<Record<string, unknown>>>;
      const ids = (await q('SELECT id FROM report_rollup_dirty WHERE day = ?', [day])).map((r) => Number(r.id));
      await q('DELETE FROM report_rollup WHERE span = 1 AND day = ?', [day]);
      const rows: unknown[][] = [];
      for (const [kind, column] of Object.entries(KIND_COLUMN)) {
        const keys = column ? `r.areaPath AS areaPath, r.${column} AS dim` : `'' AS areaPath, '' AS dim, ${ahead} AS nextDeadline`;
        const sql = `SELECT ${keys}, MIN(r.id) AS minId, MAX(r.id) AS maxId, ${MEASURE_KEYS.map((k) => `${MEASURES[k]} AS ${k}`).join(', ')}, ${overdue} AS overdue
          FROM report r WHERE r.createdAt >= ? AND r.createdAt < ? ${column ? `GROUP BY r.areaPath, r.${column}` : ''}`;
        for (const r of await q(sql, [sqlTime(chinaDayStart(day)), sqlTime(chinaDayStart(day + 1))])) {
          if (!Number(r.received)) continue;
          const next = column || r.nextDeadline === null ? null : r.nextDeadline instanceof Date ? sqlTime(r.nextDeadline) : String(r.nextDeadline);
          rows.push([1, day, Number(kind), r.areaPath, r.dim === null ? '' : String(r.dim), Number(r.minId), Number(r.maxId), column ? null : sqlTime(now), next, ...COUNTS.map((k) => Number(r[k]))]);
        }
      }
      const cols = ['span', 'day', 'kind', 'areaPath', 'dim', 'minId', 'maxId', 'asOf', 'nextDeadline', ...COUNTS];
      for (let i = 0; i < rows.length; i += 200) {
        const batch = rows.slice(i, i + 200);
        await q(`INSERT INTO report_rollup (${cols.join(', ')}) VALUES ${batch.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ')}`, batch.flat());
      }
      // The week: the sum of its days (MIN/MAX ignore the null times of rows other than kind 3).
      const monday = mondayOf(day);
      await q('DELETE FROM report_rollup WHERE span = 7 AND day = ?', [monday]);
      await q(
        `INSERT INTO report_rollup (${cols.join(', ')})
         SELECT 7, ?, kind, areaPath, dim, MIN(minId), MAX(maxId), MAX(asOf), MIN(nextDeadline), ${COUNTS.map((k) => `SUM(${k})`).join(', ')}
         FROM report_rollup WHERE span = 1 AND day >= ? AND day < ? GROUP BY kind, areaPath, dim`,
        [monday, monday, monday + 7],
      );
      for (let i = 0; i < ids.length; i += DELETE_BATCH) {
        const batch = ids.slice(i, i + DELETE_BATCH);
        await q(`DELETE FROM report_rollup_dirty WHERE id IN (${batch.map(() => '?').join(', ')})`, batch);
      }
    });
  }
}

