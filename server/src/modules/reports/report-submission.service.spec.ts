import { areaFactory, categoryFactory, InMemoryReportsRepository, inMemoryTransactions, reportFactory, workerAuth } from '../../../test/factories';
import type { ScopeRegistry } from '../../common/auth/scope-registry';
import type { MediaService } from '../media/media.service';
import type { UsersRepository } from '../users/users.repository';
import type { WechatClient } from '../wechat/wechat.client';
import type { ReportCategoriesRepository } from './categories/report-categories.repository';
import type { ReportCategoriesService } from './categories/report-categories.service';
import type { CreateReportDto } from './dto/create-report.dto';
import type { ReportQueriesService } from './report-queries.service';
import type { ReportRoutingRepository } from './report-routing.repository';
import { ReportSubmissionService } from './report-submission.service';
import type { Report } from './report.entity';
import type { ReportsRepository } from './reports.repository';

describe(ReportSubmissionService.name, () => {
  const reporter = workerAuth(7);
  const rider = workerAuth(9);
  const category = categoryFactory({ id: 1, key: 'facility' });
  const grid = areaFactory({ path: '/1/3/' });
  const here = { lat: 38.3435, lng: 114.6839 };
  /** About 111 m and 445 m north of `here`. */
  const nearBy = { lat: here.lat + 0.001, lng: here.lng };
  const farAway = { lat: here.lat + 0.004, lng: here.lng };
  let reports: InMemoryReportsRepository;
  let riskyMedia: boolean;
  let sut: ReportSubmissionService;

  const seed = (over: Partial<Report> = {}) => {
    const r = reportFactory({ reporterId: reporter.userId, categoryId: category.id, createdAt: new Date(), ...here, ...over });
    reports.rows.set(r.id, r);
    return r;
  };
  const dto = (over: Partial<CreateReportDto> = {}): CreateReportDto => ({ category: 'facility', description: ' 井盖缺失 ', ...here, mediaIds: [31], ...over });

  beforeEach(() => {
    reports = new InMemoryReportsRepository();
    riskyMedia = false;
    sut = new ReportSubmissionService(
      reports as unknown as ReportsRepository,
      { route: async () => grid } as unknown as ReportRoutingRepository,
      { findById: async () => category } as unknown as ReportCategoriesRepository,
      { getActiveByKey: async () => category } as unknown as ReportCategoriesService,
      { detail: async (_a: unknown, id: number) => ({ id }) } as unknown as ReportQueriesService,
      { attach: async () => [], anyRisky: async () => riskyMedia, onRisky: () => undefined } as unknown as MediaService,
      {} as UsersRepository,
      { configured: false } as WechatClient,
      inMemoryTransactions(),
      { resolvePath: async () => null } as unknown as ScopeRegistry,
    );
  });

  describe('create', () => {
    it('routes the report to the area that holds the point, trimmed, with a created event', async () => {
      const res = await sut.create(reporter, 'key-0000001', dto());
      const row = reports.rows.get(res.id)!;
      expect(row).toMatchObject({ reporterId: 7, status: 'submitted', description: '井盖缺失', areaId: grid.id, areaPath: '/1/3/', flaggedAt: null });
      expect(reports.timeline(res.id)).toEqual(['created']);
    });

    it('answers the same report for a repeated Idempotency-Key and creates nothing more', async () => {
      const first = await sut.create(reporter, 'key-0000001', dto());
      const again = await sut.create(reporter, 'key-0000001', dto({ description: '别的' }));
      expect(again.id).toBe(first.id);
      expect(reports.rows.size).toBe(1);
    });

    it.each([undefined, 'short', 'has spaces in it'])('refuses a missing or malformed Idempotency-Key (%s)', async (key) => {
      await expect(sut.create(reporter, key, dto())).rejects.toMatchObject({ code: 'idempotency_key_required', status: 400 });
      expect(reports.rows.size).toBe(0);
    });

    it('refuses a point outside China and creates nothing', async () => {
      await expect(sut.create(reporter, 'key-0000001', dto({ lat: 48.85, lng: 2.35 }))).rejects.toMatchObject({ code: 'validation_failed' });
      expect(reports.rows.size).toBe(0);
    });

    it('hides a report whose photo content security already found risky', async () => {
      riskyMedia = true;
      const res = await sut.create(reporter, 'key-0000001', dto());
      expect(reports.rows.get(res.id)!.flaggedAt).not.toBeNull();
      expect(reports.timeline(res.id)).toEqual(['created', 'flagged']);
    });
  });

  describe('witness (我也看到)', () => {
    it('counts a witness once per user and raises the priority, answering with the real distance', async () => {
      const r = seed();
      const first = await sut.witness(rider, r.id, nearBy);
      const second = await sut.witness(rider, r.id, nearBy);
      expect(second.witnessCount).toBe(1);
      expect(first.distanceM).toBeGreaterThan(100);
      expect(first.distanceM).toBeLessThan(120);
      expect(reports.rows.get(r.id)!.priority).toBe(1);
      expect(reports.timeline(r.id)).toEqual(['witnessed']);
    });

    it('answers no more than the nearby item shows: no reporter, photos or area', async () => {
      const r = seed();
      const res = await sut.witness(rider, r.id, nearBy);
      expect(Object.keys(res).sort()).toEqual(['category', 'createdAt', 'description', 'distanceM', 'id', 'lat', 'lng', 'status', 'witnessCount']);
    });

    it('refuses a report farther than 250 m from the user as if it did not exist, and records nothing', async () => {
      const r = seed();
      await expect(sut.witness(rider, r.id, farAway)).rejects.toMatchObject({ code: 'report_not_found', status: 404 });
      expect(reports.rows.get(r.id)).toMatchObject({ witnessCount: 0, priority: 0 });
      expect(reports.events).toEqual([]);
    });

    it('refuses a report older than the nearby list reaches back', async () => {
      const r = seed({ createdAt: new Date(Date.now() - 8 * 24 * 3600_000) });
      await expect(sut.witness(rider, r.id, nearBy)).rejects.toMatchObject({ code: 'report_not_found' });
    });

    it('refuses a report hidden by content security as if it did not exist', async () => {
      const r = seed({ flaggedAt: new Date() });
      await expect(sut.witness(rider, r.id, nearBy)).rejects.toMatchObject({ code: 'report_not_found' });
    });

    it("refuses the reporter's own report", async () => {
      const r = seed();
      await expect(sut.witness(reporter, r.id, nearBy)).rejects.toMatchObject({ code: 'cannot_witness_own_report', status: 400 });
    });

    it('refuses a near report that already has an outcome (report_not_open)', async () => {
      const r = seed({ status: 'resolved' });
      await expect(sut.witness(rider, r.id, nearBy)).rejects.toMatchObject({ code: 'report_not_open', status: 409 });
    });
  });

  describe('flag', () => {
    it('hides a report once, however many risky results arrive', async () => {
      const r = seed();
      await sut.flag(r.id, null, '照片未通过内容安全检测');
      await sut.flag(r.id, null, '照片未通过内容安全检测');
      expect(reports.rows.get(r.id)!.flaggedAt).not.toBeNull();
      expect(reports.timeline(r.id)).toEqual(['flagged']);
    });
  });
});
