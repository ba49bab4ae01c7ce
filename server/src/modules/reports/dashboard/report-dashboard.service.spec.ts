import ExcelJS from 'exceljs';
import { adminAuth, areaFactory, categoryFactory, departmentFactory, InMemoryReportsRepository, reportFactory, staffAuth } from '../../../../test/factories';
import { FakeReportCategoriesRepository, FakeReportRoutingRepository } from '../../../../test/fakes/reports.fakes';
import type { ScopeRegistry } from '../../../common/auth/scope-registry';
import type { MediaService } from '../../media/media.service';
import type { DepartmentsRepository } from '../departments/departments.repository';
import { ReportQueriesService } from '../report-queries.service';
import type { Report } from '../report.entity';
import type { ReportsRepository } from '../reports.repository';
import { ReportDashboardService } from './report-dashboard.service';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The window starts at a UTC midnight 20 days back, so every open report in it is past its deadline by now. */
const T = Math.floor((Date.now() - 20 * DAY) / DAY) * DAY;
const at = (h: number) => new Date(T + h * HOUR);
const window = { from: at(0).toISOString(), to: at(7 * 24).toISOString() };

const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }));

describe(ReportDashboardService.name, () => {
  // 新乐 (/10/) holds 长寿街道 (/10/11/) and 承安街道 (/10/12/); 行唐 (/20/21/) is outside the staff's scope.
  const changshou = areaFactory({ id: 11, parentId: 10, name: '长寿街道', path: '/10/11/' });
  const chengan = areaFactory({ id: 12, parentId: 10, name: '承安街道', path: '/10/12/' });
  const xingtang = areaFactory({ id: 21, parentId: 20, name: '行唐街道', path: '/20/21/' });
  const parking = categoryFactory({ id: 501, key: 'parking', label: '乱停乱放' });
  const facility = categoryFactory({ id: 502, key: 'facility', label: '设施损坏' });
  const cityAdmin = departmentFactory({ id: 701, name: '城管局' });
  const staff = staffAuth(7, { scopePaths: ['/10/'], scopeAreaIds: [10] });

  let reports: InMemoryReportsRepository;
  let service: ReportDashboardService;

  const seed = (over: Partial<Report>): Report => {
    const area = [changshou, chengan, xingtang].find((a) => a.id === (over.areaId ?? changshou.id))!;
    const r = reportFactory({ areaId: area.id, areaPath: area.path, categoryId: parking.id, ...over });
    reports.rows.set(r.id, r);
    return r;
  };

  /**
   * Six reports in the window and in scope, hand-checked:
   *  r1 resolved, reviewed at 2 h, finished at 50 h: on time; accepted after 120 min, resolved after 3000 min.
   *  r2 resolved, reviewed at 30 h (past the 24 h accept deadline): late; 1800 min, 6000 min.
   *  r3 rejected at 3 h (created at 1 h): on time; never accepted.
   *  r4 accepted after 240 min, still in hand past its resolve deadline: overdue.
   *  r5 submitted, never reviewed, past its accept deadline: overdue.
   *  r6 duplicate at 5 h: on time.
   * Received 6, closed 4 (handling 4/6), on time 3 of 4, median accept of 120/240/1800 = 240, median resolve of 3000/6000 = 4500.
   */
  let r1: Report;
  beforeEach(() => {
    reports = new InMemoryReportsRepository();
    r1 = seed({ createdAt: at(0), acceptDueAt: at(24), resolveDueAt: at(168), status: 'resolved', reviewedAt: at(2), acceptedAt: at(2), finishedAt: at(50), departmentId: cityAdmin.id, pointsAwarded: 8, witnessCount: 2 });
    seed({ createdAt: at(0), acceptDueAt: at(24), resolveDueAt: at(168), status: 'resolved', reviewedAt: at(30), acceptedAt: at(30), finishedAt: at(100) });
    seed({ createdAt: at(1), acceptDueAt: at(25), resolveDueAt: at(169), status: 'rejected', reviewedAt: at(3), finishedAt: at(3), categoryId: facility.id });
    seed({ createdAt: at(2), acceptDueAt: at(26), resolveDueAt: at(170), status: 'accepted', reviewedAt: at(6), acceptedAt: at(6), areaId: chengan.id, categoryId: facility.id });
    seed({ createdAt: at(3), acceptDueAt: at(27), resolveDueAt: at(171), status: 'submitted', areaId: chengan.id });
    seed({ createdAt: at(4), acceptDueAt: at(28), resolveDueAt: at(172), status: 'duplicate', reviewedAt: at(5), finishedAt: at(5) });
    // Outside: received the day before the window, and in another county.
    seed({ createdAt: at(-24), status: 'submitted' });
    seed({ createdAt: at(0), status: 'submitted', areaId: xingtang.id });

    const categories = new FakeReportCategoriesRepository();
    categories.add(parking, facility);
    const routing = new FakeReportRoutingRepository([changshou, chengan, xingtang]);
    const departments = { listAll: async () => [cityAdmin], findByIds: async () => [cityAdmin] } as unknown as DepartmentsRepository;
    const queries = new ReportQueriesService(reports as unknown as ReportsRepository, routing.asRepository(), categories.asRepository(), departments, {} as MediaService, {} as ScopeRegistry);
    service = new ReportDashboardService(reports as unknown as ReportsRepository, queries, categories.asRepository(), departments, routing.asRepository());
  });

  describe('figures', () => {
    it('computes received, closed, handling and on-time rates, medians and overdue over the staff’s reports in the window', async () => {
      const f = await service.figures(staff, window);
      expect(f).toMatchObject({ from: window.from, to: window.to, received: 6, closed: 4, medianAcceptMinutes: 240, medianResolveMinutes: 4500, overdue: 2 });
      expect(f.handlingRate).toBeCloseTo(4 / 6, 10);
      expect(f.onTimeRate).toBe(0.75);
    });

    it('counts every status, zero included, in the catalogue’s order', async () => {
      const f = await service.figures(staff, window);
      expect(f.byStatus).toEqual([
        { status: 'submitted', count: 1 },
        { status: 'accepted', count: 1 },
        { status: 'dispatched', count: 0 },
        { status: 'resolved', count: 2 },
        { status: 'rejected', count: 1 },
        { status: 'duplicate', count: 1 },
        { status: 'handling', count: 0 },
        { status: 'verifying', count: 0 },
        { status: 'deferred', count: 0 },
        { status: 'closed', count: 0 },
        { status: 'withdrawn', count: 0 },
      ]);
    });

    it('counts by category with key and label, and by area with received and closed, busiest area first', async () => {
      const f = await service.figures(staff, window);
      expect(f.byCategory).toEqual([
        { category: 'parking', label: '乱停乱放', count: 4 },
        { category: 'facility', label: '设施损坏', count: 2 },
      ]);
      expect(f.byArea).toEqual([
        { areaId: 11, name: '长寿街道', received: 4, closed: 4 },
        { areaId: 12, name: '承安街道', received: 2, closed: 0 },
      ]);
    });

    it('lets an admin count the other county too', async () => {
      const f = await service.figures(adminAuth(1), window);
      expect(f.received).toBe(7);
      expect(f.byArea.map((a) => a.areaId).sort()).toEqual([11, 12, 21]);
    });

    it('narrows to the area asked for', async () => {
      const f = await service.figures(staff, { ...window, areaId: chengan.id });
      expect(f).toMatchObject({ received: 2, closed: 0, handlingRate: 0, onTimeRate: null, medianAcceptMinutes: 240, medianResolveMinutes: null, overdue: 2 });
    });

    it('gives null rates and medians, not zero or NaN, when nothing was received', async () => {
      const f = await service.figures(staff, { from: at(-10 * 24).toISOString(), to: at(-5 * 24).toISOString() });
      expect(f).toMatchObject({ received: 0, closed: 0, handlingRate: null, onTimeRate: null, medianAcceptMinutes: null, medianResolveMinutes: null, overdue: 0, byCategory: [], byArea: [] });
    });

    it('defaults the window to the 30 days up to now', async () => {
      seed({ createdAt: new Date(Date.now() - 31 * DAY) });
      const f = await service.figures(adminAuth(1), {});
      expect(new Date(f.to).getTime() - new Date(f.from).getTime()).toBe(30 * DAY);
      expect(f.received).toBe(8);
    });

    it('refuses a window whose start is not before its end, on the from field', async () => {
      expect(await failure(service.figures(staff, { from: window.to, to: window.to }))).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'from' }] } });
    });

    it('refuses an unknown area with area_not_found', async () => {
      expect(await failure(service.figures(staff, { ...window, areaId: 999 }))).toMatchObject({ code: 'area_not_found' });
    });

    it('refuses a range holding more than 50 000 reports rather than count part of it', async () => {
      for (let i = 0; i < 50_000; i++) seed({ createdAt: at(10) });
      expect(await failure(service.figures(staff, window))).toMatchObject({ code: 'validation_failed', details: { maxRows: 50_000 } });
    });
  });

  describe('exportXlsx', () => {
    it('writes one row per report in scope and window, with labels, China wall-clock times and the overdue mark', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await service.exportXlsx(staff, window)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('随手拍')!;
      expect(ws.rowCount).toBe(7);
      const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      expect(row(1).slice(0, 4)).toEqual(['编号', '类别', '描述', '状态']);
      const first = row(2);
      expect(first.slice(0, 5)).toEqual([r1.id, '乱停乱放', '路口电动车逆行', '已办结', '长寿街道']);
      // Excel has no time zone: 00:00 UTC is written as 08:00, the time in China.
      expect((first[7] as Date).toISOString()).toBe(new Date(T + 8 * HOUR).toISOString());
      expect(first.slice(12, 16)).toEqual(['城管局', 8, 2, '']);
      expect(row(5)[15]).toBe('是');
      expect(row(6)[15]).toBe('是');
    });
  });
});
