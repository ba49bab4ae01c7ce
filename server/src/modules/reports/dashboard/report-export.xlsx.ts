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
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import type { Report } from '../report.entity';

/** Excel cells have no time zone: write the wall-clock time in China. */
const beijing = (d: Date | null) => (d ? chinaWallClock(d) : null);
const percent = (v: number | null) => (v === null ? '' : Math.round(v * 10000) / 100);

export function reportOverdue(r: Report, now: Date): boolean {
  const kind = REPORT_STATUS_DEADLINE[r.status];
  const due = kind ? r[REPORT_DEADLINE_FIELD[kind]] : null;
  return due !== null && due < now;
}

export interface ExportNames {
  category: Map<number, string>;
  department: Map<number, string>;
  area: (ids: number[]) => Promise<Array<{ id: number; name: string }>>;
}

const REPORT_COLUMNS: Array<Partial<ExcelJS.Column>> = [
  { header: '编号', key: 'id', width: 8 },
  { header: '类别', key: 'category', width: 12 },
  { header: '描述', key: 'description', width: 40 },
  { header: '状态', key: 'status', width: 12 },
  { header: '区域', key: 'area', width: 16 },
  { header: '纬度', key: 'lat', width: 11 },
  { header: '经度', key: 'lng', width: 11 },
  { header: '上报时间', key: 'createdAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  { header: '立案时间', key: 'acceptedAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  { header: '承办部门', key: 'department', width: 12 },
  { header: '当前时限', key: 'deadline', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  { header: '返工次数', key: 'rework', width: 8 },
  { header: '延期次数', key: 'extension', width: 8 },
  { header: '结案时间', key: 'closedAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  { header: '结案结果', key: 'outcome', width: 14 },
  { header: '评价', key: 'rating', width: 8 },
  { header: '曾督办', key: 'escalated', width: 6 },
  { header: '超时', key: 'overdue', width: 6 },
  { header: '积分', key: 'points', width: 6 },
  { header: '附议人数', key: 'witnesses', width: 8 },
];

const FIGURE_COLUMNS = REPORT_FIGURE_KEYS.map((k) => ({ header: `${REPORT_FIGURES[k].name}(%)`, key: k, width: 12 }));

function figureRow(b: ReportFigureBreakdown): Record<string, unknown> {
  return {
    received: b.received,
    filed: b.counts.filed,
    closedFixed: b.counts.closedFixed,
    closedNotFixed: b.counts.closedNotFixed,
    overdue: b.overdue,
    ...Object.fromEntries(REPORT_FIGURE_KEYS.map((k) => [k, percent(b.figures[k].value)])),
  };
}

function addBreakdownSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, title: string, label: string, rows: Array<{ label: string; b: ReportFigureBreakdown }>): void {
  const ws = wb.addWorksheet(title);
  ws.columns = [
    { header: label, key: 'label', width: 16 },
    { header: '受理数', key: 'received', width: 8 },
    { header: '立案数', key: 'filed', width: 8 },
    { header: '结案数', key: 'closedFixed', width: 8 },
    { header: '未解决结案', key: 'closedNotFixed', width: 10 },
    { header: '超时未办', key: 'overdue', width: 8 },
    ...FIGURE_COLUMNS,
  ];
  for (const r of rows) ws.addRow({ label: r.label, ...figureRow(r.b) }).commit();
  ws.commit();
}

/** XML the worksheet writer holds that the zip has not taken yet; ExcelJS keeps it in its StreamBuf (1 MB buffers). */
const PENDING_BUFFERS_MAX = 2;
type BufferedSheet = { stream?: { buffers?: unknown[] } };

/**
 * Waits until the zip has taken the rows written so far and the client has read what the zip made: rows are
 * produced faster than they are deflated and sent, and whatever waits in between is server memory.
 */
async function caughtUp(ws: ExcelJS.Worksheet, out: PassThrough): Promise<void> {
  for (;;) {
    if (out.writableNeedDrain) await once(out, 'drain');
    const pending = (ws as unknown as BufferedSheet).stream?.buffers?.length ?? 0;
    if (pending <= PENDING_BUFFERS_MAX || out.destroyed) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Streams the workbook: the reports sheet a batch at a time (each row committed and released, waiting for the
 * client when it reads slower than the database gives), then the figures with their formulas and the breakdowns.
 */
export async function writeReportsWorkbook(out: PassThrough, batches: AsyncGenerator<Report[]>, f: ReportDashboardResponse, names: ExportNames): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '新就业群体服务';
  const ws = wb.addWorksheet('随手拍', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = REPORT_COLUMNS;
  ws.getRow(1).font = { bold: true };
  const areaNames = new Map<number, string>();
  const now = new Date();
  for await (const batch of batches) {
    const missing = [...new Set(batch.map((r) => r.areaId))].filter((id) => !areaNames.has(id));
    if (missing.length) for (const a of await names.area(missing)) areaNames.set(a.id, a.name);
    for (const r of batch) {
      const kind = REPORT_STATUS_DEADLINE[r.status];
      ws.addRow({
        id: r.id,
        category: names.category.get(r.categoryId) ?? '',
        description: r.description,
        status: REPORT_STATUS_LABELS[r.status],
        area: areaNames.get(r.areaId) ?? '',
        lat: r.lat,
        lng: r.lng,
        createdAt: beijing(r.createdAt),
        acceptedAt: beijing(r.acceptedAt),
        department: r.departmentId === null ? '' : (names.department.get(r.departmentId) ?? ''),
        deadline: beijing(kind ? r[REPORT_DEADLINE_FIELD[kind]] : null),
        rework: r.reworkCount,
        extension: r.extensionCount,
        closedAt: beijing(r.closedAt),
        outcome: r.outcome ? REPORT_OUTCOME_LABELS[r.outcome] : '',
        rating: r.rating ? REPORT_RATING_LABELS[r.rating] : '',
        escalated: r.escalatedAt ? '是' : '',
        overdue: reportOverdue(r, now) ? '是' : '',
        points: r.pointsAwarded,
        witnesses: r.witnessCount,
      }).commit();
    }
    await caughtUp(ws, out);
  }
  ws.commit();

  const defs = wb.addWorksheet('指标');
  defs.columns = [
    { header: '指标', key: 'name', width: 12 },
    { header: '数值(%)', key: 'value', width: 10 },
    { header: '分子', key: 'numerator', width: 8 },
    { header: '分母', key: 'denominator', width: 8 },
    { header: '公式', key: 'formula', width: 30 },
    { header: '口径', key: 'definition', width: 80 },
  ];
  for (const k of REPORT_FIGURE_KEYS) {
    const d = REPORT_FIGURES[k];
    defs.addRow({ name: d.name, value: percent(f[k].value), numerator: f[k].numerator, denominator: f[k].denominator, formula: d.formula, definition: d.definition }).commit();
  }
  for (const m of f.medianHours) defs.addRow({ name: `${m.name}时长中位数(小时)`, value: m.hours ?? '', numerator: m.cases, formula: '', definition: `样本 ${f.medianSampleSize} 件` }).commit();
  defs.commit();
  addBreakdownSheet(wb, '按区域', '区域', f.byArea.map((a) => ({ label: a.name, b: a })));
  addBreakdownSheet(wb, '按类别', '类别', f.byCategory.map((c) => ({ label: c.label, b: c })));
  addBreakdownSheet(wb, '按部门', '部门', f.byDepartment.map((d) => ({ label: d.name, b: d })));
  addBreakdownSheet(wb, '按周', '周(周一)', f.byWeek.map((w) => ({ label: w.week, b: w })));
  await wb.commit();
}
