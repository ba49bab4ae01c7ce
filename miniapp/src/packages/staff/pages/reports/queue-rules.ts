import type { ReportCategoryResponse, ReportSummaryResponse } from '@xjy/shared/report';
import { REPORT_DEADLINE_FIELD, REPORT_STATUS_DEADLINE, canTransition, reportStatusesIn } from '@xjy/shared/report';

/** The deadline that runs now (accept, resolve, or the department stage's), or null (deferred, or finished). */
export function runningDeadline(r: ReportSummaryResponse): string | null {
  const which = REPORT_STATUS_DEADLINE[r.status];
  return which ? r[REPORT_DEADLINE_FIELD[which]] : null;
}

/** A status filter the server can order by running deadline: open cases only (null is every status). */
export function deadlineSortable(status: string | null): boolean {
  return status === 'open' || (reportStatusesIn('open') as string[]).includes(status ?? '');
}

/** Deadline order: the earliest running deadline first, so overdue reports lead; finished ones last. */
export function deadlineSortValue(r: ReportSummaryResponse): number | null {
  const due = runningDeadline(r);
  return due ? Date.parse(due) : null;
}

/** Only reports awaiting review take a bulk accept or reject. */
export function bulkSelectable(r: ReportSummaryResponse): boolean {
  return canTransition('accept', r.status) && canTransition('reject', r.status);
}

/**
 * The points every selected report's category allows (the intersection of their ranges), or null when a category
 * is unknown or the ranges do not overlap: then a bulk accept is not safe and each report is accepted on its own.
 */
export function commonPointsRange(reports: ReportSummaryResponse[], categories: ReportCategoryResponse[]): { min: number; max: number } | null {
  if (!reports.length) return null;
  let min = -Infinity;
  let max = Infinity;
  for (const r of reports) {
    const c = categories.find((x) => x.key === r.category);
    if (!c) return null;
    min = Math.max(min, c.pointsMin);
    max = Math.min(max, c.pointsMax);
  }
  return min <= max ? { min, max } : null;
}

export interface BulkResult {
  id: number;
  ok: boolean;
  message: string;
}

/** Runs one action per report in turn (never two at once on the server) and records each outcome. */
export async function runBulk(ids: number[], act: (id: number) => Promise<unknown>, describeError: (e: unknown) => string, okText: string): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of ids) {
    try {
      await act(id);
      results.push({ id, ok: true, message: okText });
    } catch (e) {
      results.push({ id, ok: false, message: describeError(e) });
    }
  }
  return results;
}
