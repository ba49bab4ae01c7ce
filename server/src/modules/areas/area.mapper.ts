import type { AreaDetailResponse, AreaResponse } from '@xjy/shared';
import type { Area } from './area.entity';

export function mapArea(a: Area, childCount: number): AreaResponse {
  return { id: a.id, parentId: a.parentId, level: a.level, name: a.name, code: a.code, path: a.path, centerLat: a.centerLat, centerLng: a.centerLng, childCount };
}

export function mapAreaDetail(a: Area, childCount: number, ancestors: Area[]): AreaDetailResponse {
  return { ...mapArea(a, childCount), boundary: a.boundary, ancestors: ancestors.map((x) => ({ id: x.id, name: x.name, level: x.level })) };
}
