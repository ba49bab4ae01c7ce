import { Injectable, OnModuleInit } from '@nestjs/common';
import { AREA_CHILD_LEVEL, AREA_LEVEL_LABELS, AreaDetailResponse, AreaResponse, ListResponse } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { isForeignKeyViolation, isUniqueViolation } from '../../common/db-errors';
import { mapArea, mapAreaDetail } from './area.mapper';
import type { Area } from './area.entity';
import { AreasRepository } from './areas.repository';
import type { CreateAreaDto, UpdateAreaDto } from './dto/area.dto';

@Injectable()
export class AreasService implements OnModuleInit {
  constructor(
    private readonly areas: AreasRepository,
    private readonly scopes: ScopeRegistry,
  ) {}

  onModuleInit(): void {
    this.scopes.register('area', (id) => this.areas.findPathById(id));
  }

  async listChildren(parentId: number | null): Promise<ListResponse<AreaResponse>> {
    if (parentId !== null && !(await this.areas.findById(parentId))) throw new AppException('area_not_found');
    const items = await this.areas.findChildren(parentId);
    return { items: await this.withCounts(items) };
  }

  async get(id: number): Promise<AreaDetailResponse> {
    const area = await this.areas.findById(id);
    if (!area) throw new AppException('area_not_found');
    const [counts, ancestors] = await Promise.all([this.areas.countChildren([id]), this.areas.findAncestors(area.path)]);
    return mapAreaDetail(area, counts.get(id) ?? 0, ancestors);
  }

  async create(dto: CreateAreaDto): Promise<AreaDetailResponse> {
    let parentPath = '/';
    if (dto.parentId === null) {
      if (dto.level !== 'district') throw fieldError('area_level_invalid', 'level', '最上级区域必须是区县');
    } else {
      const parent = await this.areas.findById(dto.parentId);
      if (!parent) throw new AppException('area_not_found');
      const expected = AREA_CHILD_LEVEL[parent.level];
      if (expected !== dto.level) {
        throw fieldError('area_level_invalid', 'level', expected ? `${AREA_LEVEL_LABELS[parent.level]}的下级必须是${AREA_LEVEL_LABELS[expected]}` : '网格没有下级区域');
      }
      parentPath = parent.path;
    }
    if (await this.areas.findByCode(dto.code)) throw new AppException('area_code_taken', { code: dto.code });
    try {
      const area = await this.areas.create({ parentId: dto.parentId, parentPath, level: dto.level, name: dto.name, code: dto.code, boundary: dto.boundary ?? null });
      return this.get(area.id);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppException('area_code_taken', { code: dto.code });
      throw e;
    }
  }

  async update(id: number, dto: UpdateAreaDto): Promise<AreaDetailResponse> {
    if (!(await this.areas.findById(id))) throw new AppException('area_not_found');
    await this.areas.update(id, dto);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.areas.findById(id))) throw new AppException('area_not_found');
    if ((await this.areas.countChildren([id])).get(id)) throw new AppException('area_has_children');
    try {
      await this.areas.delete(id);
    } catch (e) {
      // Its stations, organization or reports: the database keeps them from pointing at nothing.
      if (isForeignKeyViolation(e)) throw new AppException('area_in_use');
      throw e;
    }
  }

  private async withCounts(items: Area[]): Promise<AreaResponse[]> {
    const counts = await this.areas.countChildren(items.map((a) => a.id));
    return items.map((a) => mapArea(a, counts.get(a.id) ?? 0));
  }
}
