import { REPORT_DEADLINE_FIELD, REPORT_STATUS_DEADLINE, REPORT_STATUSES, ReportFigureCounts, ReportStatus } from '@xjy/shared';

// The dashboard's measures in SQL, shared by the direct aggregate over `report` and the roll-up built from it.

const when = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
const statusIn = (list: readonly string[]) => `r.status IN (${list.map((s) => `'${s}'`).join(', ')})`;

/** The statuses that run a deadline (an open case in one of them can be overdue). */
export const DEADLINE_STATUSES = REPORT_STATUSES.filter((s) => REPORT_STATUS_DEADLINE[s] !== null) as ReportStatus[];

/** The column holding the running deadline of a status that has one. */
export const deadlineField = (s: ReportStatus) => REPORT_DEADLINE_FIELD[REPORT_STATUS_DEADLINE[s]!];

/** Open cases whose running deadline has passed at :now, per status (the same rule as the report's overdue flag). */
export function overdueSql(): string {
  const parts = DEADLINE_STATUSES.map((s) => `(r.status = '${s}' AND r.${deadlineField(s)} < :now)`);
  return parts.length ? `(${parts.join(' OR ')})` : '1 = 0';
}

/**
 * The measures of REPORT_FIGURES (shared/src/report-figures.ts) over report rows `r`, one column per count. Every
 * count is over the reports received in the window; "filed" is accepted at some point (acceptedAt is kept once set).
 * None depends on the moment asked, so they can be rolled up; the overdue count is always taken live.
 */
export const MEASURES: Record<keyof ReportFigureCounts, string> = {
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
};
export const MEASURE_KEYS = Object.keys(MEASURES) as Array<keyof ReportFigureCounts>;

export const isMysql = (type: string) => ['mysql', 'mariadb'].includes(type);

/** The China week (Monday 00:00, UTC+8) of report rows `r`, as whole weeks since Monday 1970-01-05. */
export function weekSql(mysql: boolean): string {
  // Whole seconds and integer division: a report at exactly Monday 00:00 belongs to that week, not the one before.
  return mysql
    ? `((TIMESTAMPDIFF(SECOND, '1970-01-05 00:00:00', r.createdAt) + 28800) DIV 604800)`
    : `((CAST(strftime('%s', r.createdAt) AS INTEGER) - 345600 + 28800) / 604800)`;
}

/** The same week number from a China day number (days since 1970-01-01; 1970-01-05 is day 4, a Monday). */
export function weekOfDaySql(mysql: boolean, day: string): string {
  return mysql ? `((${day} - 4) DIV 7)` : `((${day} - 4) / 7)`;
}
