import { reportStatusesIn } from '@xjy/shared';
import { adminAuth, categoryFactory, InMemoryReportsRepository, reportFactory, staffAuth, workerAuth } from '../../../test/factories';
import type { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AreasRepository } from '../areas/areas.repository';
import type { MediaService } from '../media/media.service';
import type { ReportCategoriesRepository } from './categories/report-categories.repository';
import type { DepartmentsRepository } from './departments/departments.repository';
import { ReportQueriesService } from './report-queries.service';
import type { ReportRoutingRepository } from './report-routing.repository';
import type { Report } from './report.entity';
import type { ReportsRepository } from './reports.repository';

describe(ReportQueriesService.name, () => {
  const category = categoryFactory({ id: 1, key: 'facility' });
  const here = { lat: 38.3435, lng: 114.6839 };
  const reporter = workerAuth(7);
  let reports: InMemoryReportsRepository;
  let sut: ReportQueriesService;

  const seed = (over: Partial<Report> = {}) => {
    const r = reportFactory({ reporterId: reporter.userId, categoryId: category.id, areaPath: '/1/3/', createdAt: new Date(), ...here, ...over });
    reports.rows.set(r.id, r);
    return r;
  };

  beforeEach(() => {
    reports = new InMemoryReportsRepository();
    reports.users = [{ id: 7, nickname: '小王', role: 'worker' }];
    const empty = new Map();
    sut = new ReportQueriesService(
      reports as unknown as ReportsRepository,
      { findAreas: async () => [], findArea: async () => null } as unknown as ReportRoutingRepository,
      { findPathById: async () => null } as unknown as AreasRepository,
      { findByKey: async (k: string) => (k === category.key ? category : null), findByIds: async () => [category] } as unknown as ReportCategoriesRepository,
      { findByIds: async () => [] } as unknown as DepartmentsRepository,
      { attachedTo: async () => empty, attachedToEach: async () => new Map([['report', empty], ['report_resolution', empty]]) } as unknown as MediaService,
      {} as ScopeRegistry,
    );
  });

  describe('nearby', () => {
    it("lists open reports within 250 m nearest first, leaving out the user's own", async () => {
      const closer = seed({ lat: here.lat + 0.0005, reporterId: 8 });
      const further = seed({ lat: here.lat + 0.002, reporterId: 8 });
      seed({ lat: here.lat + 0.004, reporterId: 8 });
      seed({ reporterId: 9 });
      const res = await sut.nearby(workerAuth(9), { ...here, category: 'facility' });
      expect(res.items.map((x) => x.id)).toEqual([closer.id, further.id]);
    });

    it('lists nothing for an unknown category', async () => {
      seed({ reporterId: 8 });
      expect(await sut.nearby(workerAuth(9), { ...here, category: 'unknown' })).toEqual({ items: [] });
    });
  });

  describe('detail', () => {
    it('tells a worker who did not file the report that it does not exist', async () => {
      const r = seed();
      await expect(sut.detail(workerAuth(9), r.id)).rejects.toMatchObject({ code: 'report_not_found', status: 404 });
    });

    it('tells staff outside its area that it is out of scope', async () => {
      const r = seed({ areaPath: '/2/5/' });
      await expect(sut.detail(staffAuth(2), r.id)).rejects.toMatchObject({ code: 'out_of_scope', status: 403 });
    });

    it('offers staff in scope the actions its status allows', async () => {
      const r = seed();
      expect((await sut.detail(staffAuth(2), r.id)).actions).toEqual(['accept', 'reject', 'duplicate']);
    });

    it('offers staff no actions on a report they filed themselves', async () => {
      const r = seed({ reporterId: 2 });
      reports.users.push({ id: 2, nickname: '张社工', role: 'staff' });
      expect((await sut.detail(staffAuth(2), r.id)).actions).toEqual([]);
    });

    it('shows the reporter their report without actions', async () => {
      const r = seed();
      const res = await sut.detail(reporter, r.id);
      expect(res).toMatchObject({ id: r.id, actions: [], reporter: { id: 7, nickname: '小王' } });
    });
  });

  describe('list', () => {
    it('asks for the statuses of a group when the filter names one', async () => {
      await sut.list(staffAuth(2), { status: 'open' });
      expect(reports.lastFilter).toMatchObject({ scopePaths: ['/1/'], statuses: reportStatusesIn('open') });
    });

    it('lets admin see every area', async () => {
      await sut.list(adminAuth(1), { status: 'resolved' });
      expect(reports.lastFilter).toMatchObject({ scopePaths: null, statuses: ['resolved'] });
    });
  });
});
