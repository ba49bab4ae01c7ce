import { Injectable } from '@nestjs/common';
import type { ListResponse, ReportTemplateResponse } from '@xjy/shared';
import { AppException, fieldError } from '../../../common/app.exception';
import type { CreateReportTemplateDto, ReportTemplatesQuery, UpdateReportTemplateDto } from './report-template.dto';
import type { ReportTemplate } from './report-template.entity';
import { ReportTemplatesRepository } from './report-templates.repository';

export function mapTemplate(t: ReportTemplate): ReportTemplateResponse {
  return { id: t.id, categoryId: t.categoryId, action: t.action, title: t.title, body: t.body, sortOrder: t.sortOrder, active: t.archivedAt === null };
}

const templateNotFound = () => new AppException('report_template_not_found');

/** 回复模板: admins write them; staff and department handlers pick one for an action on a category's case. */
@Injectable()
export class ReportTemplatesService {
  constructor(private readonly templates: ReportTemplatesRepository) {}

  /** The active templates for an action: the category's own first, then the ones for every category. */
  async forAction(q: ReportTemplatesQuery): Promise<ListResponse<ReportTemplateResponse>> {
    if (q.categoryId !== undefined) await this.requireCategory(q.categoryId, 'categoryId');
    const rows = await this.templates.findActive(q.action, q.categoryId);
    const own = rows.filter((t) => t.categoryId !== null);
    const general = rows.filter((t) => t.categoryId === null);
    return { items: [...own, ...general].map(mapTemplate) };
  }

  async listAll(): Promise<ListResponse<ReportTemplateResponse>> {
    return { items: (await this.templates.listAll()).map(mapTemplate) };
  }

  async create(dto: CreateReportTemplateDto): Promise<ReportTemplateResponse> {
    const categoryId = dto.categoryId ?? null;
    if (categoryId !== null) await this.requireCategory(categoryId, 'categoryId');
    return mapTemplate(await this.templates.create({ categoryId, action: dto.action, title: dto.title.trim(), body: dto.body.trim(), sortOrder: dto.sortOrder ?? 0 }));
  }

  async update(id: number, dto: UpdateReportTemplateDto): Promise<ReportTemplateResponse> {
    const row = await this.templates.findById(id);
    if (!row) throw templateNotFound();
    if (dto.categoryId !== undefined && dto.categoryId !== null) await this.requireCategory(dto.categoryId, 'categoryId');
    const { active, title, body, ...rest } = dto;
    await this.templates.update(id, {
      ...rest,
      ...(title === undefined ? {} : { title: title.trim() }),
      ...(body === undefined ? {} : { body: body.trim() }),
      ...(active === undefined ? {} : { archivedAt: active ? null : (row.archivedAt ?? new Date()) }),
    });
    return mapTemplate((await this.templates.findById(id))!);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.templates.delete(id))) throw templateNotFound();
  }

  private async requireCategory(id: number, field: string): Promise<void> {
    if (!(await this.templates.categoryExists(id))) throw fieldError('category_not_found', field, '所选类别不存在');
  }
}
