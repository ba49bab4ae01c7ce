import type { ReportTemplateAction } from '@xjy/shared';
import { nextId } from '../../../../test/factories';
import type { ReportTemplate } from './report-template.entity';
import type { ReportTemplateFields, ReportTemplatesRepository } from './report-templates.repository';
import { ReportTemplatesService } from './report-templates.service';

const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }));

/** Templates in memory, filtered and ordered as the SQL does. */
class FakeTemplates {
  rows: ReportTemplate[] = [];
  categories = new Set([1, 2]);
  async listAll() {
    return [...this.rows].sort((a, b) => a.action.localeCompare(b.action) || a.sortOrder - b.sortOrder || a.id - b.id);
  }
  async findActive(action: ReportTemplateAction | undefined, categoryId: number | undefined) {
    return this.rows
      .filter((t) => t.archivedAt === null && (!action || t.action === action) && (t.categoryId === null || (categoryId !== undefined && t.categoryId === categoryId)))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }
  async findById(id: number) {
    return this.rows.find((t) => t.id === id) ?? null;
  }
  async categoryExists(id: number) {
    return this.categories.has(id);
  }
  async create(fields: ReportTemplateFields) {
    const row = { ...fields, id: nextId('template'), archivedAt: null, createdAt: new Date(), updatedAt: new Date() } as ReportTemplate;
    this.rows.push(row);
    return row;
  }
  async update(id: number, patch: Partial<ReportTemplate>) {
    Object.assign(this.rows.find((t) => t.id === id)!, patch);
  }
  async delete(id: number) {
    const before = this.rows.length;
    this.rows = this.rows.filter((t) => t.id !== id);
    return this.rows.length < before;
  }
}

describe(ReportTemplatesService.name, () => {
  let repo: FakeTemplates;
  let service: ReportTemplatesService;
  beforeEach(() => {
    repo = new FakeTemplates();
    service = new ReportTemplatesService(repo as unknown as ReportTemplatesRepository);
  });

  it('offers a category’s own templates first, then the general ones, only for the action asked and only active', async () => {
    const general = await service.create({ action: 'handled', title: '已处理', body: '  问题已处理完毕。 ', sortOrder: 0 });
    const own = await service.create({ categoryId: 1, action: 'handled', title: '车辆已挪走', body: '违停车辆已挪走。', sortOrder: 5 });
    await service.create({ categoryId: 2, action: 'handled', title: '别的类别', body: '不该出现' });
    await service.create({ categoryId: 1, action: 'return', title: '非本部门', body: '不属于本部门职责。' });
    const archived = await service.create({ categoryId: 1, action: 'handled', title: '旧模板', body: '已停用' });
    await service.update(archived.id, { active: false });
    const list = await service.forAction({ categoryId: 1, action: 'handled' });
    expect(list.items.map((t) => t.id)).toEqual([own.id, general.id]);
    expect(list.items[1]).toEqual({ id: general.id, categoryId: null, action: 'handled', title: '已处理', body: '问题已处理完毕。', sortOrder: 0, active: true });
    expect((await service.forAction({ action: 'handled' })).items.map((t) => t.id)).toEqual([general.id]);
  });

  it('refuses a category that does not exist, on the categoryId field', async () => {
    expect(await failure(service.forAction({ categoryId: 99 }))).toMatchObject({ code: 'category_not_found', details: { fields: [{ field: 'categoryId' }] } });
    expect(await failure(service.create({ categoryId: 99, action: 'sign', title: 't', body: 'b' }))).toMatchObject({ code: 'category_not_found' });
    expect(repo.rows).toEqual([]);
  });

  it('edits, archives, restores and deletes; an unknown id is report_template_not_found', async () => {
    const t = await service.create({ action: 'verify', title: '核查通过', body: '现场核查已整改。' });
    expect(await service.update(t.id, { title: ' 核查合格 ', categoryId: 2 })).toMatchObject({ title: '核查合格', categoryId: 2, active: true });
    const off = await service.update(t.id, { active: false });
    expect(off.active).toBe(false);
    const stamp = repo.rows[0].archivedAt;
    expect((await service.update(t.id, { active: false })).active).toBe(false);
    expect(repo.rows[0].archivedAt).toBe(stamp);
    expect((await service.update(t.id, { active: true })).active).toBe(true);
    expect((await service.listAll()).items).toHaveLength(1);
    await service.remove(t.id);
    expect(repo.rows).toEqual([]);
    expect(await failure(service.remove(t.id))).toMatchObject({ code: 'report_template_not_found' });
    expect(await failure(service.update(t.id, { title: 'x' }))).toMatchObject({ code: 'report_template_not_found' });
  });
});
