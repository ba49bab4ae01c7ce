import { EMPTY_FIGURE_COUNTS, REPORT_STATUSES, type ReportStatus } from '@xjy/shared';
import ExcelJS from 'exceljs';
import { adminAuth, areaFactory, categoryFactory, departmentFactory, reportFactory, staffAuth } from '../../../../test/factories';
import { FakeReportCategoriesRepository, FakeReportRoutingRepository } from '../../../../test/fakes/reports.fakes';
import type { ScopeRegistry } from '../../../common/auth/scope-registry';
import type { MediaService } from '../../media/media.service';
import type { DepartmentsRepository } from '../departments/departments.repository';
import { ReportQueriesService } from '../report-queries.service';
import type { Report } from '../report.entity';
import type { ReportFilter, ReportsRepository } from '../reports.repository';
import type { FigureCountsRow, FigureGroupRow, ReportDashboardRepository, SampleReportRow, StageEventRow, WeekStatusRow } from './report-dashboard.repository';
import { EXPORT_ROWS_MAX, MEDIAN_SAMPLE_MAX, ReportDashboardService } from './report-dashboard.service';
import { childAreaId, weekStart } from './report-figures.calc';

const HOUR = 3600_000;
const T = Date.UTC(2026, 10, 1, 16); // Monday 2026-11-02 00:00 in China
const at = (h: number) => new Date(T + h * HOUR);
const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }));
const counts = (over: Partial<FigureCountsRow>): FigureCountsRow => ({ ...EMPTY_FIGURE_COUNTS, overdue: 0, ...over });

/** Canned aggregates, as the SQL would answer them, and what the service asked for. */
class StubDashboardRepository {
  groups: FigureGroupRow[] = [];
  weeks: WeekStatusRow[] = [];
  range: { min: number; max: number } | null = null;
  rows = 0;
  sample: SampleReportRow[] = [];
  events: StageEventRow[] = [];
  reports: Report[] = [];
  calls: Array<{ method: string; filter: ReportFilter; ids?: number[] }> = [];

  async aggregate(filter: ReportFilter) {
    this.calls.push({ method: 'aggregate', filter });
    return { groups: this.groups, weeks: this.weeks };
  }
  async idRange() {
    return this.range;
  }
  async count() {
    return this.rows;
  }
  async sampleFiled(filter: ReportFilter, _from: Date, _to: Date, ids: number[]) {
    this.calls.push({ method: 'sample', filter, ids });
    return this.sample;
  }
  async stageEvents() {
    return this.events;
  }
  async *streamRows() {
    for (let i = 0; i < this.reports.length; i += 2) yield this.reports.slice(i, i + 2);
  }
}

const group = (areaPath: string, categoryId: number, departmentId: number | null, over: Partial<FigureCountsRow>): FigureGroupRow => ({ areaPath, categoryId, departmentId, ...counts(over) });
const week = (w: number, status: ReportStatus, over: Partial<FigureCountsRow>): WeekStatusRow => ({ week: w, status, ...counts(over) });

describe(ReportDashboardService.name, () => {
  // 新乐 (/10/) holds 长寿街道 (/10/11/, with 一社区 /10/11/111/) and 承安街道 (/10/12/).
  const xinle = areaFactory({ id: 10, name: '新乐市', path: '/10/' });
  const changshou = areaFactory({ id: 11, parentId: 10, name: '长寿街道', path: '/10/11/' });
  const chengan = areaFactory({ id: 12, parentId: 10, name: '承安街道', path: '/10/12/' });
  const parking = categoryFactory({ id: 501, key: 'parking', label: '乱停乱放' });
  const facility = categoryFactory({ id: 502, key: 'facility', label: '设施损坏' });
  const cityAdmin = departmentFactory({ id: 701, name: '城管局' });
  const police = departmentFactory({ id: 702, name: '交警大队' });
  const staff = staffAuth(7, { scopePaths: ['/10/'], scopeAreaIds: [10] });
  const window = { from: at(0).toISOString(), to: at(24 * 14).toISOString() };

  let repo: StubDashboardRepository;
  let service: ReportDashboardService;
  beforeEach(() => {
    repo = new StubDashboardRepository();
    const categories = new FakeReportCategoriesRepository();
    categories.add(parking, facility);
    const routing = new FakeReportRoutingRepository([xinle, changshou, chengan]);
    const departments = { listAll: async () => [cityAdmin, police], findByIds: async (ids: number[]) => [cityAdmin, police].filter((d) => ids.includes(d.id)) } as unknown as DepartmentsRepository;
    const queries = new ReportQueriesService({} as ReportsRepository, routing.asRepository(), routing.asAreasRepository(), categories.asRepository(), departments, {} as MediaService, {} as ScopeRegistry);
    service = new ReportDashboardService(repo as unknown as ReportDashboardRepository, queries, categories.asRepository(), departments, routing.asRepository());
    repo.groups = [
      group('/10/11/111/', 501, 701, { received: 4, filed: 4, closedFixed: 3, closedOnTime: 2, dispatched: 4, handled: 3, rated: 2, satisfied: 1, basic: 1 }),
      group('/10/11/', 502, null, { received: 2, filed: 1, overdue: 1 }),
      group('/10/12/', 501, 702, { received: 3, filed: 3, deferred: 1, closedNotFixed: 1, dispatched: 3, handled: 1, reworked: 1, extended: 2, overdue: 1 }),
    ];
    repo.weeks = [
      week(2913, 'resolved', { received: 3, filed: 3, closedFixed: 3 }),
      week(2913, 'handling', { received: 2, filed: 2 }),
      week(2913, 'deferred', { received: 1, filed: 1, deferred: 1 }),
      week(2913, 'closed', { received: 1, filed: 1 }),
      week(2914, 'submitted', { received: 1 }),
      week(2914, 'accepted', { received: 1, filed: 1 }),
    ];
  });

  it('sums the groups into every figure, each with its numerator and denominator', async () => {
    const f = await service.figures(staff, window);
    expect(f.received).toBe(9);
    expect(f.overdue).toBe(2);
    expect(f.counts).toMatchObject({ filed: 8, deferred: 1, closedFixed: 3, closedNotFixed: 1, dispatched: 7 });
    expect(f.closureRate).toEqual({ value: 3 / 7, numerator: 3, denominator: 7 });
    expect(f.onTimeClosureRate).toEqual({ value: 2 / 7, numerator: 2, denominator: 7 });
    expect(f.reworkRate).toEqual({ value: 1 / 7, numerator: 1, denominator: 7 });
    expect(f.extensionRate).toEqual({ value: 2 / 7, numerator: 2, denominator: 7 });
    expect(f.satisfactionRate).toEqual({ value: 1, numerator: 2, denominator: 2 });
    expect(f.handlingRate).toEqual({ value: 4 / 7, numerator: 4, denominator: 7 });
    expect(Object.fromEntries(f.byStatus.filter((s) => s.count).map((s) => [s.status, s.count]))).toEqual({ resolved: 3, handling: 2, submitted: 1, accepted: 1, deferred: 1, closed: 1 });
    expect(f.byStatus.map((s) => s.status)).toEqual([...REPORT_STATUSES]);
  });

  it('breaks down by the streets of the staff’s district, by category and by department with names, busiest first', async () => {
    const f = await service.figures(staff, window);
    expect(f.byArea.map((a) => [a.areaId, a.name, a.received, a.overdue])).toEqual([
      [11, '长寿街道', 6, 1],
      [12, '承安街道', 3, 1],
    ]);
    expect(f.byCategory.map((c) => [c.category, c.label, c.received])).toEqual([
      ['parking', '乱停乱放', 7],
      ['facility', '设施损坏', 2],
    ]);
    expect(f.byDepartment.map((d) => [d.name, d.figures.handlingRate])).toEqual([
      ['城管局', { value: 0.75, numerator: 3, denominator: 4 }],
      ['交警大队', { value: 1 / 3, numerator: 1, denominator: 3 }],
    ]);
    expect(f.byWeek.map((w) => [w.week, w.received, w.counts.filed])).toEqual([
      [weekStart(2913), 7, 7],
      [weekStart(2914), 2, 1],
    ]);
    expect(weekStart(2913)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${weekStart(2913)}T00:00:00+08:00`).getUTCDay()).toBe(0);
  });

  it('narrows to the area asked for and breaks down one level below it', async () => {
    await service.figures(staff, { ...window, areaId: 11 });
    expect(repo.calls[0].filter).toEqual({ scopePaths: ['/10/'], areaPath: '/10/11/' });
    expect(childAreaId('/10/11/111/', '/10/11/')).toBe(111);
    expect(childAreaId('/10/11/', '/10/11/')).toBeNull();
    expect(childAreaId('/10/11/', null)).toBe(10);
  });

  it('samples ids evenly across the window for the medians once there are more than the cap', async () => {
    repo.range = { min: 1, max: MEDIAN_SAMPLE_MAX * 3 + 1 };
    repo.sample = [{ id: 4, createdAt: at(0), acceptedAt: at(3) }];
    repo.events = [
      { reportId: 4, type: 'accepted', createdAt: at(3) },
      { reportId: 4, type: 'dispatched', createdAt: at(5) },
    ];
    const f = await service.figures(adminAuth(1), window);
    const ids = repo.calls.find((c) => c.method === 'sample')!.ids!;
    expect(ids.slice(0, 3)).toEqual([1, 5, 9]);
    expect(ids.length).toBeLessThanOrEqual(MEDIAN_SAMPLE_MAX);
    expect(ids[ids.length - 1]).toBeGreaterThan(MEDIAN_SAMPLE_MAX * 3 - 4);
    expect(f.medianSampleSize).toBe(1);
    expect(f.medianHours.slice(0, 3)).toEqual([
      { stage: 'file', name: '立案', hours: 3, cases: 1 },
      { stage: 'dispatch', name: '派遣', hours: 2, cases: 1 },
      { stage: 'sign', name: '签收', hours: null, cases: 0 },
    ]);
  });

  it('refuses a start not before its end, a window over a year, and an unknown area', async () => {
    expect(await failure(service.figures(staff, { from: window.to, to: window.to }))).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'from' }] } });
    expect(await failure(service.figures(staff, { from: at(0).toISOString(), to: at(24 * 400).toISOString() }))).toMatchObject({ code: 'validation_failed' });
    expect(await failure(service.figures(staff, { ...window, areaId: 999 }))).toMatchObject({ code: 'area_not_found' });
  });

  it('defaults the window to the 30 days up to now', async () => {
    const f = await service.figures(adminAuth(1), {});
    expect(new Date(f.to).getTime() - new Date(f.from).getTime()).toBe(30 * 24 * HOUR);
  });

  describe('exportXlsx', () => {
    it('streams one row per report with labels and China wall-clock times, then the figures with their formulas', async () => {
      repo.rows = 3;
      repo.reports = [
        reportFactory({ id: 1, categoryId: 501, areaId: 11, status: 'resolved', outcome: 'fixed', createdAt: at(0), closedAt: at(30), departmentId: 701, rating: 'basic', reworkCount: 1 }),
        reportFactory({ id: 2, categoryId: 502, areaId: 12, status: 'closed', outcome: 'not_responsible', createdAt: at(1) }),
        reportFactory({ id: 3, categoryId: 501, areaId: 12, status: 'submitted', createdAt: at(2), acceptDueAt: at(3) }),
      ];
      const stream = await service.exportXlsx(staff, window);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('随手拍')!;
      const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      expect(ws.rowCount).toBe(4);
      expect(row(1).slice(0, 5)).toEqual(['编号', '类别', '描述', '状态', '区域']);
      expect(row(2).slice(0, 5)).toEqual([1, '乱停乱放', '路口电动车逆行', '已办结', '长寿街道']);
      // Excel has no time zone: 16:00 UTC is written as 00:00 the next day, the time in China.
      expect((row(2)[7] as Date).toISOString()).toBe('2026-11-02T00:00:00.000Z');
      expect(row(2).slice(9, 10)).toEqual(['城管局']);
      expect(row(2).slice(11, 16)).toEqual([1, 0, new Date('2026-11-03T06:00:00.000Z'), '已解决', '基本满意']);
      expect(row(3)[14]).toBe('不属于职责范围');
      expect(row(4)[17]).toBe('是');
      const defs = wb.getWorksheet('指标')!;
      expect((defs.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['结案率', 42.86, 3, 7, '结案数 ÷ (应结案数 − 缓办数)']);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['随手拍', '指标', '按区域', '按类别', '按部门', '按周']);
    });

    it('streams many rows to a slow reader without stalling (the writer waits for the zip, the zip for the reader)', async () => {
      repo.rows = 6000;
      repo.reports = Array.from({ length: 6000 }, (_, i) => reportFactory({ id: i + 1, categoryId: 501, areaId: 11, description: `第 ${i + 1} 号：${'路口电动车逆行'.repeat(8)}`, createdAt: at(i / 100) }));
      const stream = await service.exportXlsx(staff, window);
      const chunks: Buffer[] = [];
      for await (const c of stream) {
        chunks.push(c as Buffer);
        await new Promise((r) => setTimeout(r, 1));
      }
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('随手拍')!;
      expect(ws.rowCount).toBe(6001);
      expect(ws.getRow(6001).getCell(1).value).toBe(6000);
    });

    it('refuses a range over the export cap before streaming anything', async () => {
      repo.rows = EXPORT_ROWS_MAX + 1;
      expect(await failure(service.exportXlsx(staff, window))).toMatchObject({ code: 'validation_failed', details: { maxRows: EXPORT_ROWS_MAX } });
    });
  });
});
