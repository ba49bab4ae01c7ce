import {
  addFigureCounts,
  chinaDateKey,
  computeFigures,
  EMPTY_FIGURE_COUNTS,
  medianOf,
  REPORT_FIGURE_STAGE_DEFINITIONS,
  REPORT_FIGURE_STAGES,
  ReportFigureBreakdown,
  ReportFigureCounts,
  ReportFigureStage,
  ReportStageMedian,
} from '@xjy/shared';
import type { FigureCountsRow, SampleReportRow, StageEventRow } from './report-dashboard.repository';

const HOUR_MS = 3600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
/** Monday 1970-01-05 00:00 in China, the origin of the week numbers the repository groups by. */
const WEEK_ORIGIN_MS = Date.UTC(1970, 0, 5) - 8 * HOUR_MS;

export function weekStart(week: number): string {
  return chinaDateKey(new Date(WEEK_ORIGIN_MS + week * WEEK_MS));
}

export function countsOf(row: FigureCountsRow): ReportFigureCounts {
  const { overdue: _overdue, ...counts } = row;
  return { ...EMPTY_FIGURE_COUNTS, ...pick(counts) };
}

function pick(x: Record<string, unknown>): Partial<ReportFigureCounts> {
  const out: Partial<ReportFigureCounts> = {};
  for (const k of Object.keys(EMPTY_FIGURE_COUNTS) as Array<keyof ReportFigureCounts>) out[k] = Number(x[k] ?? 0);
  return out;
}

export function breakdown(rows: FigureCountsRow[]): ReportFigureBreakdown {
  let counts = EMPTY_FIGURE_COUNTS;
  for (const r of rows) counts = addFigureCounts(counts, countsOf(r));
  return { received: counts.received, overdue: rows.reduce((s, r) => s + r.overdue, 0), counts, figures: computeFigures(counts) };
}

/** Rows grouped by a key, each group summed into a breakdown. */
export function groupBreakdown<T extends FigureCountsRow, K>(rows: T[], key: (r: T) => K): Map<K, ReportFigureBreakdown> {
  const groups = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return new Map([...groups].map(([k, list]) => [k, breakdown(list)]));
}

/**
 * The area one level below `focus` that holds a report's area (area paths are "/id/id/…/"), so a district's
 * dashboard breaks down by its streets; null when the report's area is the focus itself.
 */
export function childAreaId(areaPath: string, focus: string | null): number | null {
  const rest = focus ? (areaPath.startsWith(focus) ? areaPath.slice(focus.length) : '') : areaPath.replace(/^\//, '');
  const id = Number(rest.split('/')[0]);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The events that start or end a stage. */
export const STAGE_EVENT_TYPES = ['accepted', 'dispatched', 'signed', 'rework', 'resumed', 'handled', 'verified', 'closed', 'resolved'] as const;

const ENDS: Record<Exclude<ReportFigureStage, 'file'>, { starts: string[]; ends: string[] }> = {
  dispatch: { starts: ['accepted'], ends: ['dispatched'] },
  sign: { starts: ['dispatched'], ends: ['signed'] },
  handle: { starts: ['signed', 'rework', 'resumed'], ends: ['handled'] },
  verify: { starts: ['handled'], ends: ['verified', 'rework', 'closed', 'resolved'] },
};

/**
 * Median hours per stage over these reports: 立案 from the report's time to its acceptance; each later stage from
 * the event that starts it to the next event that ends it (a case passing a stage twice, after a return or a
 * rework, counts each passage). A stage not yet ended is not counted.
 */
export function stageMedians(reports: SampleReportRow[], events: StageEventRow[]): ReportStageMedian[] {
  const hours = new Map<ReportFigureStage, number[]>(REPORT_FIGURE_STAGES.map((s) => [s, []]));
  for (const r of reports) if (r.acceptedAt) hours.get('file')!.push((r.acceptedAt.getTime() - r.createdAt.getTime()) / HOUR_MS);
  const byReport = new Map<number, StageEventRow[]>();
  for (const e of events) {
    const list = byReport.get(e.reportId);
    if (list) list.push(e);
    else byReport.set(e.reportId, [e]);
  }
  for (const list of byReport.values()) {
    for (const [stage, { starts, ends }] of Object.entries(ENDS) as Array<[ReportFigureStage, { starts: string[]; ends: string[] }]>) {
      let open: Date | null = null;
      for (const e of list) {
        if (open && ends.includes(e.type)) {
          hours.get(stage)!.push((e.createdAt.getTime() - open.getTime()) / HOUR_MS);
          open = null;
        }
        if (starts.includes(e.type)) open = e.createdAt;
      }
    }
  }
  return REPORT_FIGURE_STAGES.map((stage) => {
    const list = hours.get(stage)!;
    const m = medianOf(list);
    return { stage, name: REPORT_FIGURE_STAGE_DEFINITIONS[stage].name, hours: m === null ? null : Math.round(m * 10) / 10, cases: list.length };
  });
}
