import type { LatLng, Ring } from '@xjy/shared/geo';
import { isInChina, wgs84ToGcj02 } from '@xjy/shared/geo';
import { AREA_BOUNDARY_POINTS_MAX } from '@xjy/shared/limits';

export type CoordSystem = 'gcj02' | 'wgs84';

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first polygon's outer ring in a GeoJSON value (FeatureCollection, Feature, Polygon, MultiPolygon or a bare ring). */
function outerRing(v: Json): Json[] | null {
  if (Array.isArray(v)) {
    // A bare ring [[lng, lat], …], or a polygon's rings [[[lng, lat], …], …].
    if (Array.isArray(v[0]) && Array.isArray((v[0] as Json[])[0])) return outerRing(v[0]);
    return v;
  }
  if (!isObj(v)) return null;
  if (v.type === 'FeatureCollection' && Array.isArray(v.features)) {
    for (const f of v.features) {
      const r = outerRing(f);
      if (r) return r;
    }
    return null;
  }
  if (v.type === 'Feature') return outerRing(v.geometry ?? null);
  if (v.type === 'Polygon' && Array.isArray(v.coordinates)) return (v.coordinates[0] as Json[]) ?? null;
  if (v.type === 'MultiPolygon' && Array.isArray(v.coordinates)) {
    const first = v.coordinates[0];
    return Array.isArray(first) ? ((first[0] as Json[]) ?? null) : null;
  }
  return null;
}

/**
 * The vertices in pasted or uploaded GeoJSON, however many: the outer ring of the first polygon, [lng, lat] pairs,
 * converted to GCJ-02 when the file is WGS-84 (most GIS exports), rounded to 6 decimals, the closing point dropped.
 * Errors are Chinese. The map shows these while a boundary is drawn; parseBoundary also checks the count.
 */
export function readBoundaryPoints(text: string, coords: CoordSystem): { ring: Ring } | { error: string } {
  let value: Json;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: '不是有效的 GeoJSON（JSON 格式有误）' };
  }
  const raw = outerRing(value);
  if (!raw) return { error: '没有找到多边形（需要 Polygon 或 MultiPolygon）' };
  const ring: Ring = [];
  for (const p of raw) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return { error: '坐标须为 [经度, 纬度] 数字对' };
    }
    const point: LatLng = coords === 'wgs84' ? wgs84ToGcj02({ lat: p[1], lng: p[0] }) : { lat: p[1], lng: p[0] };
    if (!isInChina(point)) return { error: '边界有点不在中国境内，请检查经纬度顺序（GeoJSON 为先经度后纬度）' };
    ring.push([Math.round(point.lng * 1e6) / 1e6, Math.round(point.lat * 1e6) / 1e6]);
  }
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
  return { ring };
}

/** Reads an area boundary to save from pasted or uploaded GeoJSON (see readBoundaryPoints), 3 to the maximum points. */
export function parseBoundary(text: string, coords: CoordSystem): { ring: Ring } | { error: string } {
  const read = readBoundaryPoints(text, coords);
  if ('error' in read) return read;
  if (read.ring.length < 3) return { error: '边界至少需要 3 个点' };
  if (read.ring.length > AREA_BOUNDARY_POINTS_MAX) return { error: `边界最多 ${AREA_BOUNDARY_POINTS_MAX} 个点，请先简化` };
  return read;
}

/** A GCJ-02 ring ([lng, lat] pairs, open) as the GeoJSON Polygon text the boundary field holds, closed; '' for none. */
export function ringToGeoJson(ring: Ring): string {
  if (!ring.length) return '';
  return JSON.stringify({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
}
