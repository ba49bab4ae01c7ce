import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { AREA_CHILD_LEVEL, AREA_LEVEL_LABELS, AreaDetailResponse, AreaResponse, ListResponse, Ring, ringInsideRing } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { AuthContext, isAdmin } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { isForeignKeyViolation, isUniqueViolation } from '../../common/db-errors';
import { CLUSTER_BUS, type ClusterBus, InProcessClusterBus } from '../../common/redis/cluster-bus';
import { announceInvalidation } from '../../common/redis/shared-invalidation';
import { mapArea, mapAreaDetail } from './area.mapper';
import type { Area } from './area.entity';
import { AreasRepository } from './areas.repository';
import type { CreateAreaDto, UpdateAreaDto } from './dto/area.dto';

@Injectable()
export class AreasService implements OnModuleInit {
  constructor(
    private readonly areas: AreasRepository,
    private readonly scopes: ScopeRegistry,
    // Optional so unit specs can build the service alone; the app always has the bus (CommonModule).
    @Optional() @Inject(CLUSTER_BUS) private readonly bus: ClusterBus = new InProcessClusterBus(),
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
      if (dto.boundary) checkInside([...(await this.areas.findAncestors(parent.path)), parent], dto.boundary);
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

  async update(auth: AuthContext, id: number, dto: UpdateAreaDto): Promise<AreaDetailResponse> {
    const area = await this.areas.findById(id);
    if (!area) throw new AppException('area_not_found');
    if (dto.boundary !== undefined) {
      // A boundary decides where reports are routed and stations may stand, so redrawing one moves power: staff
      // only ever redraw a community or grid strictly below one of their scope roots, never the roots themselves.
      if (!isAdmin(auth) && (area.level === 'district' || area.level === 'street' || !auth.scopePaths.some((root) => area.path.startsWith(root) && area.path !== root))) {
        throw new AppException('area_boundary_admin_only');
      }
      if (dto.boundary) {
        checkInside(await this.areas.findAncestors(area.path), dto.boundary);
        const outside = (await this.areas.findInSubtree(area.path)).filter((d) => d.id !== id && d.boundary && !ringInsideRing(d.boundary, dto.boundary!));
        if (outside.length) {
          throw new AppException('area_boundary_excludes_child', { childIds: outside.map((d) => d.id), childNames: outside.map((d) => d.name).join('、') });
        }
      }
    }
    await this.areas.update(id, dto);
    // Copies of area names (report routing, Open311) on every instance drop this one.
    await announceInvalidation(this.bus, 'areas', id);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.areas.findById(id))) throw new AppException('area_not_found');
    if ((await this.areas.countChildren([id])).get(id)) throw new AppException('area_has_children');
    try {
      await this.areas.delete(id);
      await announceInvalidation(this.bus, 'areas', id);
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

/** Every ancestor (root first) that has a boundary must hold the new one; the nearest one it leaves is named. */
function checkInside(ancestors: Area[], boundary: Ring): void {
  const outside = [...ancestors].reverse().find((a) => a.boundary && !ringInsideRing(boundary, a.boundary));
  if (outside) {
    throw new AppException('area_boundary_outside_parent', { parentId: outside.id, parentName: outside.name, fields: [{ field: 'boundary', message: `边界须在${outside.name}范围内` }] });
  }
}
