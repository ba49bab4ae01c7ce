import { Inject, Injectable } from '@nestjs/common';
import { REPORT_ACCEPT_HOURS_DEFAULT, REPORT_RESOLVE_HOURS_DEFAULT, REPORT_SIGN_HOURS_DEFAULT, REPORT_VERIFY_HOURS_DEFAULT, ReportCategoriesResponse, ReportCategoryResponse } from '@xjy/shared';
import { AppException, fieldError } from '../../../common/app.exception';
import { isUniqueViolation } from '../../../common/db-errors';
import { APP_CONFIG, AppConfig } from '../../../config/app.config';
import { ReportCategoriesRepository } from './report-categories.repository';
import type { ReportCategory } from './report-category.entity';
import { mapReportCategory } from './report-category.mapper';
import type { CreateReportCategoryDto, UpdateReportCategoryDto } from './report-category.dto';

const rangeInvalid = () =>
fieldError('validation_failed', 'pointsMin', '最低积分不能高于最高积分');

@Injectable()
export class ReportCategoriesService {
  constructor(
    private readonly categories: ReportCategoriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(includeArchived: boolean): Promise<ReportCategoriesResponse> {
    const rows = await this.categories.listAll();
    return { items: rows.filter((c) => includeArchived || c.archivedAt === null).map(mapReportCategory), subscribeTemplateId: this.config.wechatReportTemplateId };
  }

  async getActiveByKey(key: string): Promise<ReportCategory> {
    const c = await this.categories.findByKey(key);
    if (!c || c.archivedAt) throw fieldError('category_not_found', 'category', '问题类别不存在');
    return c;
  }

  async create(dto: CreateReportCategoryDto): Promise<ReportCategoryResponse> {
    if (dto.pointsMin > dto.pointsMax) throw rangeInvalid();
    if (await this.categories.findByKey(dto.key)) throw new AppException('category_key_taken', { key: dto.key });
    try {
      const row = await this.categories.create({
        key: dto.key,
        label: dto.label,
        pointsMin: dto.pointsMin,
        pointsMax: dto.pointsMax,
        acceptHours: dto.acceptHours ?? REPORT_ACCEPT_HOURS_DEFAULT,
        resolveHours: dto.resolveHours ?? REPORT_RESOLVE_HOURS_DEFAULT,
        signHours: dto.signHours ?? REPORT_SIGN_HOURS_DEFAULT,
        verifyHours: dto.verifyHours ?? REPORT_VERIFY_HOURS_DEFAULT,
        sortOrder: dto.sortOrder ?? 0,
      });
      return mapReportCategory(row);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppException('category_key_taken', { key: dto.key });
      throw e;
    }
  }

  async update(id: number, dto: UpdateReportCategoryDto): Promise<ReportCategoryResponse> {
    const row = await this.categories.findById(id);
    if (!row) throw new AppException('category_not_found');
    if ((dto.pointsMin ?? row.pointsMin) > (dto.pointsMax ?? row.pointsMax)) throw rangeInvalid();
    const { active, ...rest } = dto;
    await this.categories.update(id, { ...rest, ...(active === undefined ? {} : { archivedAt: active ? null : (row.archivedAt ?? new Date()) }) });
    return mapReportCategory((await this.categories.findById(id))!);
  }
}
