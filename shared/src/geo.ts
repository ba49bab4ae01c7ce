// Pure geometry on GCJ-02 coordinates (what WeChat, Tencent and Amap maps use). WGS-84 only at import time.

export interface LatLng {
  lat: number;
  lng: number;
}

/** A polygon ring as [lng, lat] pairs (GeoJSON order), first point not repeated at the end (either is accepted). */
export type Ring = Array<[number, number]>;

export const EARTH_RADIUS_M = 6371008.8;

const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineM(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Metres per degree of latitude, and of longitude at a latitude: for bounding boxes and grid cells. */
export const M_PER_DEG_LAT = (Math.PI * EARTH_RADIUS_M) / 180;
export function mPerDegLng(lat: number): number {
  return M_PER_DEG_LAT * Math.cos(toRad(lat));
}

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** The smallest box that holds every point within radiusM of the centre. */
export function bboxAround(center: LatLng, radiusM: number): BBox {
  const dLat = radiusM / M_PER_DEG_LAT;
  const dLng = radiusM / mPerDegLng(Math.min(89, Math.abs(center.lat) + dLat));
  return { minLng: center.lng - dLng, minLat: center.lat - dLat, maxLng: center.lng + dLng, maxLat: center.lat + dLat };
}

/** Mainland China, Hong Kong, Macau and Taiwan lie inside this box; GCJ-02 offsets apply only inside it. */
export const CHINA_BBOX: BBox = { minLng: 73.66, minLat: 3.86, maxLng: 135.05, maxLat: 53.55 };

export function isInChina(p: LatLng): boolean {
  return p.lng >= CHINA_BBOX.minLng && p.lng <= CHINA_BBOX.maxLng && p.lat >= CHINA_BBOX.minLat && p.lat <= CHINA_BBOX.maxLat;
}

export function isValidLatLng(p: LatLng): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}

// Krasovsky 1940 ellipsoid, as the GCJ-02 offset is defined on it.
const GCJ_A = 6378245.0;
const GCJ_EE = 0.006693421622965943;

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

function gcjOffset(p: LatLng): LatLng {
  const dLat0 = transformLat(p.lng - 105.0, p.lat - 35.0);
  const dLng0 = transformLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = toRad(p.lat);
  let magic = Math.sin(radLat);
  magic = 1 - GCJ_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180.0) / (((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (dLng0 * 180.0) / ((GCJ_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: dLat, lng: dLng };
}

/** WGS-84 (GPS) to GCJ-02. Points outside China are returned unchanged, as the offset is not applied there. */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (!isInChina(p)) return { lat: p.lat, lng: p.lng };
  const d = gcjOffset(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
}

/** GCJ-02 to WGS-84 by fixed-point iteration; converges below a millimetre in a few steps. */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (!isInChina(p)) return { lat: p.lat, lng: p.lng };
  let w: LatLng = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 10; i++) {
    const g = wgs84ToGcj02(w);
    const dLat = g.lat - p.lat;
    const dLng = g.lng - p.lng;
    w = { lat: w.lat - dLat, lng: w.lng - dLng };
    if (Math.abs(dLat) < 1e-10 && Math.abs(dLng) < 1e-10) break;
  }
  return w;
}

/** Even-odd rule; points on an edge may fall either side. */
export function pointInRing(p: LatLng, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function ringBBox(ring: Ring): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const [lng, lat] of ring) {
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return { minLng, minLat, maxLng, maxLat };
}

/** Area-weighted centroid of a simple ring; falls back to the vertex mean for a degenerate ring. */
export function ringCentroid(ring: Ring): LatLng {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-18) {
    const n = ring.length || 1;
    return { lng: ring.reduce((s, p) => s + p[0], 0) / n, lat: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { lng: cx / (3 * a), lat: cy / (3 * a) };
}

/**
 * Planar tolerance in degrees (about 1 cm) for points that lie on an edge: a child drawn along its parent's edge,
 * or sharing its corners, still counts as inside even though even-odd puts edge points either side.
 */
export const RING_EDGE_TOLERANCE_DEG = 1e-7;

function distanceToSegmentDeg(p: LatLng, a: [number, number], b: [number, number]): number {
  const [ax, ay] = a;
  const dx = b[0] - ax;
  const dy = b[1] - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.lng - ax) * dx + (p.lat - ay) * dy) / len2));
  return Math.hypot(p.lng - (ax + t * dx), p.lat - (ay + t * dy));
}

/** Inside the ring, or on one of its edges within `toleranceDeg`. */
export function pointInOrOnRing(p: LatLng, ring: Ring, toleranceDeg = RING_EDGE_TOLERANCE_DEG): boolean {
  if (pointInRing(p, ring)) return true;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (distanceToSegmentDeg(p, ring[j], ring[i]) <= toleranceDeg) return true;
  }
  return false;
}

const orient = (a: [number, number], b: [number, number], c: [number, number]): number => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

/** The open segments cross at one point inside both (touching, sharing a corner or running along each other is not crossing). */
function segmentsCross(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/**
 * True when the inner ring lies within the outer one: every vertex inside or on the outer ring, and no inner edge
 * crossing an outer edge (so a concave outer ring cannot be cut across). Edges and corners may be shared.
 */
export function ringInsideRing(inner: Ring, outer: Ring, toleranceDeg = RING_EDGE_TOLERANCE_DEG): boolean {
  if (!inner.length || !outer.length) return false;
  for (const [lng, lat] of inner) if (!pointInOrOnRing({ lat, lng }, outer, toleranceDeg)) return false;
  for (let i = 0, j = inner.length - 1; i < inner.length; j = i++) {
    for (let k = 0, l = outer.length - 1; k < outer.length; l = k++) {
      if (!segmentsCross(inner[j], inner[i], outer[l], outer[k])) continue;
      // A crossing within the tolerance of an end of either edge is float noise on a shared edge or corner, not a cut.
      const near = (q: [number, number], a: [number, number], b: [number, number]) => distanceToSegmentDeg({ lng: q[0], lat: q[1] }, a, b) <= toleranceDeg;
      const touching = near(outer[l], inner[j], inner[i]) || near(outer[k], inner[j], inner[i]) || near(inner[j], outer[l], outer[k]) || near(inner[i], outer[l], outer[k]);
      if (!touching) return false;
    }
  }
  return true;
}

/**
 * True when the point lies in every ring of an area's chain (the area and its ancestors) that has one. An area whose
 * own boundary contains a point but whose parent's does not was drawn outside its parent; it is never the answer.
 */
export function pointInEveryRing(p: LatLng, rings: ReadonlyArray<Ring | null | undefined>): boolean {
  return rings.every((r) => !r || pointInRing(p, r));
}
