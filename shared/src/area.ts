import type { AreaLevel } from './enums.js';
import type { Ring } from './geo.js';

export interface AreaResponse {
  id: number;
  parentId: number | null;
  level: AreaLevel;
  name: string;
  code: string;
  /** Materialized path of ids, e.g. "/1/4/17/"; a subtree is every area whose path starts with its root's. */
  path: string;
  centerLat: number | null;
  centerLng: number | null;
  childCount: number;
}

export interface AreaDetailResponse extends AreaResponse {
  /** Outer ring in GCJ-02 [lng, lat] pairs, or null when the area has no boundary yet. */
  boundary: Ring | null;
  ancestors: Array<Pick<AreaResponse, 'id' | 'name' | 'level'>>;
}

export interface CreateAreaRequest {
  parentId: number | null;
  level: AreaLevel;
  name: string;
  code: string;
  boundary?: Ring | null;
}

export interface UpdateAreaRequest {
  name?: string;
  boundary?: Ring | null;
}

export interface ListResponse<T> {
  items: T[];
  /** Opaque cursor for the next page, absent on the last page. */
  nextCursor?: string;
}

/** GET /api/areas */
export interface ListAreasParams {
  /** Children of this area; omit for the top level. */
  parentId?: number;
}
