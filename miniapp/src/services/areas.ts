import type { AreaDetailResponse, AreaResponse, ListAreasParams, ListResponse } from '@xjy/shared/area';
import { http } from './http';

/** Children of an area, or the roots when parentId is omitted. */
export const listAreas = (parentId?: number) =>
  http.get<ListResponse<AreaResponse>>('/api/areas', { query: { parentId } satisfies ListAreasParams });

export const getArea = (id: number) => http.get<AreaDetailResponse>(`/api/areas/${id}`);
