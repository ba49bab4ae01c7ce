import {
  chinaWallClock,
  REPORT_DEADLINE_FIELD,
  REPORT_FIGURE_KEYS,
  REPORT_FIGURES,
  REPORT_OUTCOME_LABELS,
  REPORT_RATING_LABELS,
  REPORT_STATUS_DEADLINE,
  REPORT_STATUS_LABELS,
  ReportDashboardResponse,
  ReportFigureBreakdown,
} from '@xjy/shared';
import type { Writable } from 'node:stream';
import { writeXlsx, XlsxCell, XlsxColumn, XlsxSheet } from '../../../common/xlsx-stream';
import type { Report } from '../report.entity';

/** Excel cells have no time zone: write the wall-clock time in China. */
const beijing = (d: Date | null) => (d ? chinaWallClock(d) : null);
const percent = (v: number | null) => (v === null ? '' : Math.round(v * 10000) / 100);

export function reportOverdue(r: Pick<Report, 'status' | 'acceptDueAt' | 'resolveDueAt' | 'stageDeadlineAt'>, now: Date): boolean {
  const kind = REPORT_STATUS_DEADLINE[r.status];
  const due = kind ? r[REPORT_DEADLINE_FIELD[kind]] : null;
  return due !== null && due < now;
}

/** The columns of a report row the export reads. */
export type ExportReportRow = Pick<
  Report,
  | 'id'
  | 'categoryId'
  | 'description'
  | 'status'
  | 'areaId'
  | 'lat'
  | 'lng'
  | 'createdAt'
  | 'acceptedAt'
  | 'departmentId'
  | 'acceptDueAt'
  | 'resolveDueAt'
  | 'stageDeadlineAt'
  | 'reworkCount'
  | 'extensionCount'
  | 'closedAt'
  | 'outcome'
  | 'rating'
  | 'escalatedAt'
  | 'pointsAwarded'
  | 'witnessCount'
>;

export interface ExportNames {
  category: Map<number, string>;
  department: Map<number, string>;
  area: (ids: number[]) => Promise<Array<{ id: number; name: string }>>;
}

const REPORT_COLUMNS: XlsxColumn[] = [
  { header: '编号', width: 8 },
  { header: '类别', width: 12 },
  { header: '描述', width: 40 },
  { header: '状态', width: 12 },
  { header: '区域', width: 16 },
  { header: '纬度', width: 11 },
  { header: '经度', width: 11 },
  { header: '上报时间', width: 18 },
  { header: '立案时间', width: 18 },
  { header: '承办部门', width: 12 },
  { header: '当前时限', width: 18 },
  { header: '返工次数', width: 8 },
  { header: '延期次数', width: 8 },
  { header: '结案时间', width: 18 },
  { header: '结案结果', width: 14 },
  { header: '评价', width: 8 },
  { header: '曾督办', width: 6 },
  { header: '超时', width: 6 },
  { header: '积分', width: 6 },
  { header: '附议人数', width: 8 },
];

/** Rows handed to the zip at a time: small, so a batch's text never waits long in memory. */
const ROWS_PER_CHUNK = 100;

function reportRow(r: ExportReportRow, names: ExportNames, area: string | undefined, now: Date): XlsxCell[] {
  const kind = REPORT_STATUS_DEADLINE[r.status];
  return [
    r.id,
    names.category.get(r.categoryId) ?? '',
    r.description,
    REPORT_STATUS_LABELS[r.status],
    area ?? '',
    r.lat,
    r.lng,
    beijing(r.createdAt),
    beijing(r.acceptedAt),
    r.departmentId === null ? '' : (names.department.get(r.departmentId) ?? ''),
    beijing(kind ? r[REPORT_DEADLINE_FIELD[kind]] : null),
    r.reworkCount,
    r.extensionCount,
    beijing(r.closedAt),
    r.outcome ? REPORT_OUTCOME_LABELS[r.outcome] : '',
    r.rating ? REPORT_RATING_LABELS[r.rating] : '',
    r.escalatedAt ? '是' : '',
    reportOverdue(r, now) ? '是' : '',
    r.pointsAwarded,
    r.witnessCount,
  ];
}

/** The reports as sheet rows, a batch from the database at a time (asked for only when the zip wants more). */
async function* reportRows(batches: AsyncIterable<ExportReportRow[]>, names: ExportNames): AsyncGenerator<XlsxCell[][]> {
  const areaNames = new Map<number, string>();
  const now = new Date();
  for await (const batch of batches) {
    const missing = [...new Set(batch.map((r) => r.areaId))].filter((id) => !areaNames.has(id));
    if (missing.length) for (const a of await names.area(missing)) areaNames.set(a.id, a.name);
    for (let i = 0; i < batch.length; i += ROWS_PER_CHUNK) yield batch.slice(i, i + ROWS_PER_CHUNK).map((r) => reportRow(r, names, areaNames.get(r.areaId), now));
  }
}

const FIGURE_COLUMNS: XlsxColumn[] = REPORT_FIGURE_KEYS.map((k) => ({ header: `${REPORT_FIGURES[k].name}(%)`, width: 12 }));

function breakdownSheet(name: string, label: string, rows: Array<{ label: string; b: ReportFigureBreakdown }>): XlsxSheet {
  return {
    name,
    columns: [
      { header: label, width: 16 },
      { header: '受理数', width: 8 },
      { header: '立案数', width: 8 },
      { header: '结案数', width: 8 },
      { header: '未解决结案', width: 10 },
      { header: '超时未办', width: 8 },
      ...FIGURE_COLUMNS,
    ],
    rows: [rows.map(({ label: l, b }) => [l, b.received, b.counts.filed, b.counts.closedFixed, b.counts.closedNotFixed, b.overdue, ...REPORT_FIGURE_KEYS.map((k) => percent(b.figures[k].value))])],
  };
}

function figuresSheet(f: ReportDashboardResponse): XlsxSheet {
  return {
    name: '指标',
    columns: [
      { header: '指标', width: 12 },
      { header: '数值(%)', width: 10 },
      { header: '分子', width: 8 },
      { header: '分母', width: 8 },
      { header: '公式', width: 30 },
      { header: '口径', width: 80 },
    ],
    rows: [
      [
        ...REPORT_FIGURE_KEYS.map((k) => [REPORT_FIGURES[k].name, percent(f[k].value), f[k].numerator, f[k].denominator, REPORT_FIGURES[k].formula, REPORT_FIGURES[k].definition]),
        ...f.medianHours.map((m) => [`${m.name}时长中位数(小时)`, m.hours ?? '', m.cases, null, '', `样本 ${f.medianSampleSize} 件`]),
      ],
    ],
  };
}

/**
 * Streams the workbook onto `out`: the reports sheet read from the database a batch at a time, and only as fast as
 * the client downloads (the memory held is about one batch, whatever the export's size), then the figures and the
 * breakdowns by area, category, department and week.
 */
export async function writeReportsWorkbook(out: Writable, batches: AsyncIterable<ExportReportRow[]>, f: ReportDashboardResponse, names: ExportNames): Promise<void> {
  await writeXlsx(
    out,
    [
      { name: '随手拍', columns: REPORT_COLUMNS, freezeHeader: true, rows: reportRows(batches, names) },
      figuresSheet(f),
      breakdownSheet('按区域', '区域', f.byArea.map((a) => ({ label: a.name, b: a }))),
      breakdownSheet('按类别', '类别', f.byCategory.map((c) => ({ label: c.label, b: c }))),
      breakdownSheet('按部门', '部门', f.byDepartment.map((d) => ({ label: d.name, b: d }))),
      breakdownSheet('按周', '周(周一)', f.byWeek.map((w) => ({ label: w.week, b: w }))),
    ],
    '新就业群体服务',
  );
}
