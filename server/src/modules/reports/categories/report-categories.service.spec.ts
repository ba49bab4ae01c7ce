import { REPORT_ACCEPT_HOURS_DEFAULT, REPORT_RESOLVE_HOURS_DEFAULT } from '@xjy/shared';
import type { AppConfig } from '../../../config/app.config';
import { categoryFactory } from '../../../../test/factories/entities';
import { FakeReportCategoriesRepository } from '../../../../test/fakes/reports.fakes';
import { ReportCategoriesService } from './report-categories.service';
import type { CreateReportCategoryDto } from './report-category.dto';

const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; status?: number; details?: unknown }) => ({ code: e.code, status: e.status, details: e.details }));
const ARCHIVED_AT = new Date('2026-10-01T00:00:00Z');

describe(ReportCategoriesService.name, () => {
  let categories: FakeReportCategoriesRepository;
  let service: ReportCategoriesService;
  const parking = categoryFactory({ key: 'parking', label: '乱停乱放', sortOrder: 1 });
  const retired = categoryFactory({ key: 'old_sign', label: '旧标识', sortOrder: 2, archivedAt: ARCHIVED_AT });

  beforeEach(() => {
    categories = new FakeReportCategoriesRepository();
    categories.add({ ...parking }, { ...retired });
    service = new ReportCategoriesService(categories.asRepository(), { wechatReportTemplateId: 'tmpl-report' } as AppConfig);
  });

  const body = (over: Partial<CreateReportCategoryDto> = {}): CreateReportCategoryDto => ({ key: 'road_damage', label: '道路破损', pointsMin: 5, pointsMax: 10, ...over }) as CreateReportCategoryDto;

  describe('list', () => {
    it('hides archived categories unless asked, and always names the subscribe template', async () => {
      const open = await service.list(false);
      expect(open.items.map((c) => c.key)).toEqual(['parking']);
      expect(open.subscribeTemplateId).toBe('tmpl-report');
      const all = await service.list(true);
      expect(all.items.map((c) => [c.key, c.active])).toEqual([
        ['parking', true],
        ['old_sign', false],
      ]);
    });
  });

  describe('getActiveByKey', () => {
    it('finds an active category and refuses an archived or unknown key with category_not_found on the category field', async () => {
      expect((await service.getActiveByKey('parking')).id).toBe(parking.id);
      for (const key of ['old_sign', 'nope']) {
        const f = await failure(service.getActiveByKey(key));
        expect(f).toMatchObject({ code: 'category_not_found', details: { fields: [{ field: 'category' }] } });
      }
    });
  });

  describe('create', () => {
    it('fills in the default deadlines and sort order when the body leaves them out', async () => {
      const c = await service.create(body());
      expect(c).toMatchObject({ key: 'road_damage', acceptHours: REPORT_ACCEPT_HOURS_DEFAULT, resolveHours: REPORT_RESOLVE_HOURS_DEFAULT, sortOrder: 0, active: true });
      expect(categories.rows.get(c.id)).toMatchObject({ acceptHours: 24, resolveHours: 168, sortOrder: 0 });
    });

    it('keeps deadlines and sort order the body gives', async () => {
      const c = await service.create(body({ acceptHours: 4, resolveHours: 48, sortOrder: 9 }));
      expect(c).toMatchObject({ acceptHours: 4, resolveHours: 48, sortOrder: 9 });
    });

    it('refuses a minimum above the maximum on the pointsMin field, and saves nothing', async () => {
      const f = await failure(service.create(body({ pointsMin: 11, pointsMax: 10 })));
      expect(f).toMatchObject({ code: 'validation_failed', status: 400, details: { fields: [{ field: 'pointsMin' }] } });
      expect(categories.rows.size).toBe(2);
    });

    it('accepts a minimum equal to the maximum', async () => {
      await expect(service.create(body({ pointsMin: 10, pointsMax: 10 }))).resolves.toMatchObject({ pointsMin: 10, pointsMax: 10 });
    });

    it('refuses a key already used, archived or not, with category_key_taken', async () => {
      for (const key of ['parking', 'old_sign']) {
        expect(await failure(service.create(body({ key })))).toMatchObject({ code: 'category_key_taken', status: 409, details: { key } });
      }
      expect(categories.rows.size).toBe(2);
    });

    it('turns a unique-key violation from a concurrent create into category_key_taken', async () => {
      categories.findByKey = async () => null;
      expect(await failure(service.create(body({ key: 'parking' })))).toMatchObject({ code: 'category_key_taken', details: { key: 'parking' } });
    });

    it('lets any other storage error through unchanged', async () => {
      const boom = new Error('disk full');
      categories.create = async () => {
        throw boom;
      };
      await expect(service.create(body())).rejects.toBe(boom);
    });
  });

  describe('update', () => {
    it('refuses an unknown id with category_not_found', async () => {
      expect(await failure(service.update(999_999, { label: 'x' }))).toMatchObject({ code: 'category_not_found', status: 404 });
    });

    it('checks the points range against the stored bound the body leaves out', async () => {
      expect(await failure(service.update(parking.id, { pointsMin: 11 }))).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'pointsMin' }] } });
      expect(await failure(service.update(parking.id, { pointsMax: 4 }))).toMatchObject({ code: 'validation_failed' });
      expect(categories.rows.get(parking.id)).toMatchObject({ pointsMin: 5, pointsMax: 10 });
      await expect(service.update(parking.id, { pointsMin: 12, pointsMax: 20 })).resolves.toMatchObject({ pointsMin: 12, pointsMax: 20 });
    });

    it('archives on active=false and restores on active=true, leaving other fields as they were', async () => {
      const off = await service.update(parking.id, { active: false });
      expect(off).toMatchObject({ active: false, label: '乱停乱放' });
      expect(categories.rows.get(parking.id)!.archivedAt).toBeInstanceOf(Date);
      const on = await service.update(parking.id, { active: true });
      expect(on.active).toBe(true);
      expect(categories.rows.get(parking.id)!.archivedAt).toBeNull();
    });

    it('keeps the first archive time when an archived category is archived again', async () => {
      await service.update(retired.id, { active: false, label: '旧标识（停用）' });
      expect(categories.rows.get(retired.id)).toMatchObject({ archivedAt: ARCHIVED_AT, label: '旧标识（停用）' });
    });

    it('leaves the archive state alone when active is not given', async () => {
      await service.update(retired.id, { label: '改名' });
      expect(categories.rows.get(retired.id)!.archivedAt).toBe(ARCHIVED_AT);
      expect(Object.keys(categories.rows.get(retired.id)!)).not.toContain('active');
    });
  });
});
