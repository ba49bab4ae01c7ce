import { REPORT_DEADLINE_FIELD, REPORT_STATUS_DEADLINE, reportStatusesIn, ReportStatus } from '@xjy/shared';
import type { Report } from './report.entity';

type QueueDueFields = Pick<Report, 'status' | 'acceptDueAt' | 'resolveDueAt' | 'stageDeadlineAt'>;

/** The order key of an open case with no running deadline (deferred, or a stage without one recorded): last. */
export const QUEUE_DUE_NEVER = new Date('9999-12-31T23:59:59.999Z');

const OPEN: readonly ReportStatus[] = reportStatusesIn('open');

/** The queue's order key of a report (Report.queueDueAt): its running deadline; NEVER when open without one; null once finished. */
export function queueDueOf(r: QueueDueFields): Date | null {
  if (!OPEN.includes(r.status)) return null;
  const kind = REPORT_STATUS_DEADLINE[r.status];
  return (kind ? r[REPORT_DEADLINE_FIELD[kind]] : null) ?? QUEUE_DUE_NEVER;
}

/** queueDueOf in SQL over the row's own columns, with `:queueDueNever` bound to QUEUE_DUE_NEVER. */
export const QUEUE_DUE_SQL = `CASE ${OPEN.map((s) => {
  const kind = REPORT_STATUS_DEADLINE[s];
  return `WHEN status = '${s}' THEN ${kind ? `COALESCE(${REPORT_DEADLINE_FIELD[kind]}, :queueDueNever)` : ':queueDueNever'}`;
}).join(' ')} ELSE NULL END`;

/** The columns queueDueAt is computed from: a change to any of them recomputes it. */
export const QUEUE_DUE_INPUTS: ReadonlyArray<keyof QueueDueFields> = ['status', 'acceptDueAt', 'resolveDueAt', 'stageDeadlineAt'];

/** The deadline sort's cursor, "<order key in ms>:<id>" of a page's last row. */
export function queueDueCursor(r: Pick<Report, 'queueDueAt' | 'id'>): string {
  return `${(r.queueDueAt ?? QUEUE_DUE_NEVER).getTime()}:${r.id}`;
}
