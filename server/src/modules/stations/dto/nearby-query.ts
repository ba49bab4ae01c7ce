import { AMENITIES, AMENITY_LABELS, Amenity, constraintMessage, isInChina, NEARBY_CONFIRMED_WITHIN_DAYS_MAX, NEARBY_SORTS, NearbySort, NEARBY_LIMIT_DEFAULT, NEARBY_LIMIT_MAX, NEARBY_RADIUS_DEFAULT_M, NEARBY_RADIUS_MAX_M, STATION_KINDS, StationKind, UNKNOWN_FIELD_CONSTRAINT } from '@xjy/shared';
import type { FieldError } from '@xjy/shared';
import { validationFailed } from '../../../common/validation';

export interface NearbyParams {
  lat: number;
  lng: number;
  radiusM: number;
  amenities: Amenity[];
  kind: StationKind | null;
  openNow: boolean;
  limit: number;
  /** 0: no filter. */
  confirmedWithinDays: number;
  sort: NearbySort;
}

const KNOWN = new Set(['lat', 'lng', 'radius', 'amenities', 'kind', 'openNow', 'limit', 'confirmedWithinDays', 'sort']);
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The nearby query, checked by hand rather than by the class-validator pipe: this is the hottest route and the
 * pipe costs more than the search. Same rules and same 400 body (validation_failed with the fields named).
 */
export function parseNearbyQuery(raw: Record<string, unknown>): NearbyParams {
  const fields: FieldError[] = [];
  /** The parameter's text; undefined when absent, null when it came more than once (already reported). */
  const str = (k: string): string | undefined | null => {
    const v = raw[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      fields.push({ field: k, message: constraintMessage('once', k) });
      return null;
    }
    return v;
  };
  for (const k of Object.keys(raw)) if (!KNOWN.has(k)) fields.push({ field: k, message: constraintMessage(UNKNOWN_FIELD_CONSTRAINT, k) });
  const num = (k: string, min: number, max: number, fallback?: number, integer = false): number => {
    const s = str(k);
    if (s === null) return fallback ?? 0;
    if (s === undefined || s === '') {
      if (fallback === undefined) fields.push({ field: k, message: constraintMessage('required', k) });
      return fallback ?? 0;
    }
    const n = Number(s);
    const problem = !NUMBER.test(s) || !Number.isFinite(n) ? (integer ? 'isInt' : 'isNumber') : integer && !Number.isInteger(n) ? 'isInt' : n < min ? 'min' : n > max ? 'max' : null;
    if (problem) {
      fields.push({ field: k, message: constraintMessage(problem, k, [problem === 'min' ? min : max]) });
      return fallback ?? 0;
    }
    return n;
  };
  const lat = num('lat', -90, 90);
  const lng = num('lng', -180, 180);
  const radiusM = num('radius', 1, NEARBY_RADIUS_MAX_M, NEARBY_RADIUS_DEFAULT_M);
  const limit = num('limit', 1, NEARBY_LIMIT_MAX, NEARBY_LIMIT_DEFAULT, true);
  const confirmedWithinDays = num('confirmedWithinDays', 1, NEARBY_CONFIRMED_WITHIN_DAYS_MAX, 0, true);
  let sort: NearbySort = 'distance';
  const so = str('sort');
  if (so) {
    if ((NEARBY_SORTS as readonly string[]).includes(so)) sort = so as NearbySort;
    else fields.push({ field: 'sort', message: constraintMessage('isIn', 'sort') });
  }
  const amenities: Amenity[] = [];
  const a = str('amenities');
  if (a) {
    for (const item of a.split(',').map((x) => x.trim()).filter(Boolean)) {
      if ((AMENITIES as readonly string[]).includes(item)) amenities.push(item as Amenity);
      else fields.push({ field: 'amenities', message: `服务设施须为：${AMENITIES.map((x) => AMENITY_LABELS[x]).join('、')}` });
    }
  }
  let kind: StationKind | null = null;
  const k = str('kind');
  if (k) {
    if ((STATION_KINDS as readonly string[]).includes(k)) kind = k as StationKind;
    else fields.push({ field: 'kind', message: constraintMessage('isIn', 'kind') });
  }
  const o = str('openNow');
  if (o !== undefined && o !== 'true' && o !== 'false' && o !== '') fields.push({ field: 'openNow', message: constraintMessage('isBoolean', 'openNow') });
  if (!fields.length && !isInChina({ lat, lng })) fields.push({ field: 'lat', message: constraintMessage('inChina', 'lat') });
  if (fields.length) throw validationFailed(fields);
  return { lat, lng, radiusM, amenities, kind, openNow: o === 'true', limit, confirmedWithinDays, sort };
}
