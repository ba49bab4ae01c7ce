import type { Amenity, StationKind } from './enums.js';
import type { BBox } from './geo.js';
import type { MediaResponse } from './media.js';
import type { Closure, OpeningRange } from './opening-hours.js';

export * from './opening-hours.js';

export const STATION_STATUSES = ['active', 'suspended'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];
export const STATION_STATUS_LABELS: Record<StationStatus, string> = { active: '正常', suspended: '已暂停' };

export const STATION_FEEDBACK_TYPES = ['closed_when_open', 'amenity_missing', 'wrong_location', 'praise', 'other'] as const;
export type StationFeedbackType = (typeof STATION_FEEDBACK_TYPES)[number];
export const STATION_FEEDBACK_TYPE_LABELS: Record<StationFeedbackType, string> = {
  closed_when_open: '显示营业但关门了',
  amenity_missing: '服务项目缺失',
  wrong_location: '位置不对',
  praise: '点赞',
  other: '其他问题',
};

export const STATION_FEEDBACK_STATUSES = ['open', 'resolved'] as const;
export type StationFeedbackStatus = (typeof STATION_FEEDBACK_STATUSES)[number];

/** How staff closed a feedback item; "confirmed_correct" also stamps the station's last confirmed date. */
export const STATION_FEEDBACK_RESOLUTIONS = ['confirmed_correct', 'station_updated', 'dismissed'] as const;
export type StationFeedbackResolution = (typeof STATION_FEEDBACK_RESOLUTIONS)[number];
export const STATION_FEEDBACK_RESOLUTION_LABELS: Record<StationFeedbackResolution, string> = {
  confirmed_correct: '核实无误',
  station_updated: '已更新站点信息',
  dismissed: '不予处理',
};

export const STATION_ERROR_CODES = [
  'station_not_found',
  'station_code_taken',
  'station_outside_area',
  'station_import_invalid',
  'station_feedback_not_found',
  'station_feedback_resolved',
  'station_photo_not_found',
  'station_area_level',
  'area_no_boundary',
  'station_import_too_large',
  'station_import_too_many_rows',
  'station_import_unsafe_zip',
  'coverage_area_too_large',
  'coverage_busy',
  'station_confirm_too_far',
  'station_confirm_too_soon',
  'station_service_not_found',
  'station_service_in_past',
  'station_service_cancelled',
  'station_service_full',
  'station_favorites_full',
] as const;
export type StationErrorCode = (typeof STATION_ERROR_CODES)[number];

export const STATION_NAME_MAX = 64;
export const STATION_ADDRESS_MAX = 128;
export const STATION_HOST_UNIT_MAX = 64;
export const STATION_CODE_MAX = 64;
export const STATION_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})$/;
export const STATION_PHOTOS_MAX = 6;
export const STATION_HOURS_RANGES_MAX = 42;
export const STATION_CLOSURES_MAX = 20;
export const STATION_FEEDBACK_NOTE_MAX = 300;

export const NEARBY_RADIUS_DEFAULT_M = 1000;
export const NEARBY_RADIUS_MAX_M = 5000;
export const NEARBY_LIMIT_DEFAULT = 20;
export const NEARBY_LIMIT_MAX = 100;
/** A map viewport holding more stations than this gets clusters with counts instead of points. */
export const STATION_MAP_POINTS_MAX = 300;
export const STATION_IMPORT_ROWS_MAX = 5000;
/** The largest import file accepted (CSV or XLSX); 5000 rows fit well within it. */
export const STATION_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The 500 m rule: every point of the urban area within this of an active rest station. */
export const COVERAGE_RADIUS_M = 500;
export const COVERAGE_CELL_M = 100;
/**
 * Most cell blocks one coverage response carries. Gaps get their blocks largest first and whole; the first gap that
 * no longer fits, and every smaller one, comes without (`blocks: null`) and the response says `blocksCapped`.
 */
export const COVERAGE_BLOCKS_MAX = 2000;
/**
 * Most grid cells (the boundary's bounding box in COVERAGE_CELL_M squares) one coverage request may walk: 250,000
 * is a 50 × 50 km box, larger than any district; above it the request is refused (422 coverage_area_too_large).
 */
export const COVERAGE_CELLS_MAX = 250_000;

export interface NearbyStationsQuery {
  lat: number;
  lng: number;
  radius?: number;
  /** Comma-separated; every one is required. */
  amenities?: string;
  kind?: StationKind;
  openNow?: boolean;
  limit?: number;
  /** Only stations confirmed within this many days. */
  confirmedWithinDays?: number;
  /** distance (default; equal distances: fresher first) or fresh (fresher first within 100 m bands). */
  sort?: NearbySort;
}

export interface NearbyStation {
  id: number;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  distanceM: number;
  openNow: boolean;
  nextChange: string | null;
  amenities: Amenity[];
  address: string;
  /** Last confirmation by a rider or staff; null when never confirmed. */
  lastConfirmedAt: string | null;
  /** No confirmation within the configured days (30 by default): shown as 待确认. */
  needsConfirmation: boolean;
  /** The caller starred it; starred stations come first. */
  favorite: boolean;
  /** The next service session at the station (法律咨询, 心理辅导…), if any is scheduled. */
  nextService: StationServiceBrief | null;
}

export interface NearbyStationsResponse {
  items: NearbyStation[];
}

export interface StationDetailResponse {
  id: number;
  code: string | null;
  name: string;
  kind: StationKind;
  hostUnit: string;
  address: string;
  lat: number;
  lng: number;
  amenities: Amenity[];
  hours: OpeningRange[];
  closures: Closure[];
  phone: string | null;
  /** Photos uploaded through POST /api/media and attached to the station. */
  photos: MediaResponse[];
  status: StationStatus;
  areaId: number;
  areaName: string;
  lastConfirmedAt: string | null;
  openNow: boolean;
  nextChange: string | null;
  updatedAt: string;
  /** No confirmation within the configured days: 待确认. */
  needsConfirmation: boolean;
  /** What the latest rider confirmation said (its amenities), or null. */
  lastConfirmation: StationLastConfirmation | null;
  /** The caller starred it (always false in staff lists). */
  favorite: boolean;
  nextService: StationServiceBrief | null;
}

export interface StationMapPoint {
  id: number;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  status: StationStatus;
}

export interface StationCluster {
  lat: number;
  lng: number;
  count: number;
}

/** Points when the viewport holds at most STATION_MAP_POINTS_MAX stations, else clusters with counts. */
export type StationMapResponse = { mode: 'points'; total: number; points: StationMapPoint[] } | { mode: 'clusters'; total: number; clusters: StationCluster[] };

export interface CreateStationRequest {
  code?: string | null;
  name: string;
  kind: StationKind;
  hostUnit: string;
  address: string;
  lat: number;
  lng: number;
  amenities: Amenity[];
  hours: OpeningRange[];
  closures?: Closure[];
  phone?: string | null;
  photoMediaIds?: number[];
  /** The community (or grid) the station belongs to; staff may only use areas in their scope. */
  areaId: number;
}

export type UpdateStationRequest = Partial<CreateStationRequest>;

export interface StationImportRowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  field: string;
  message: string;
}

export interface StationImportReport {
  dryRun: boolean;
  /** True when every row passed and (for a real run) everything was written. */
  ok: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: StationImportRowError[];
}

export interface StationFeedbackRequest {
  type: StationFeedbackType;
  note?: string;
}

export interface StationFeedbackResponse {
  id: number;
  stationId: number;
  stationName: string;
  type: StationFeedbackType;
  note: string;
  status: StationFeedbackStatus;
  resolution: StationFeedbackResolution | null;
  resolutionNote: string | null;
  createdAt: string;
  resolvedAt: string | null;
  /** high: raised by riders' confirmations (closed when it should be open); listed first. */
  priority: StationFeedbackPriority;
}

export interface ResolveStationFeedbackRequest {
  resolution: StationFeedbackResolution;
  note?: string;
}

/**
 * The coverage grid: row 0 is the southernmost row, column 0 the westernmost; cell (r, c) spans
 * [minLat + r·dLat, minLat + (r+1)·dLat] × [minLng + c·dLng, minLng + (c+1)·dLng].
 */
export interface CoverageGrid {
  minLat: number;
  minLng: number;
  dLat: number;
  dLng: number;
  rows: number;
  cols: number;
}

/** A rectangle of whole cells, [rowMin, colMin, rowMax, colMax], both ends included. */
export type CoverageBlock = [number, number, number, number];

export interface CoverageGap {
  lat: number;
  lng: number;
  /** Uncovered 100 m cells in the cluster. */
  cells: number;
  areaM2: number;
  /** The gap's cells exactly, as non-overlapping blocks on the response's grid; null when left out by COVERAGE_BLOCKS_MAX. */
  blocks: CoverageBlock[] | null;
}

/** The corners of a block, for drawing it on a map (GCJ-02, like the grid). */
export function coverageBlockBounds(grid: CoverageGrid, [rowMin, colMin, rowMax, colMax]: CoverageBlock): BBox {
  const round = (x: number) => Math.round(x * 1e7) / 1e7;
  return {
    minLat: round(grid.minLat + rowMin * grid.dLat),
    minLng: round(grid.minLng + colMin * grid.dLng),
    maxLat: round(grid.minLat + (rowMax + 1) * grid.dLat),
    maxLng: round(grid.minLng + (colMax + 1) * grid.dLng),
  };
}

export interface CoverageResponse {
  areaId: number;
  areaName: string;
  cellM: number;
  radiusM: number;
  /** Cells whose centre lies inside the area's boundary. */
  cells: number;
  covered: number;
  /** covered / cells, 0–1 (1 when the area has no cells). */
  share: number;
  stations: number;
  /** Largest first. */
  gaps: CoverageGap[];
  grid: CoverageGrid;
  /** The cap on blocks per response (COVERAGE_BLOCKS_MAX). */
  blocksMax: number;
  /** True when some gaps came without blocks because the cap was reached; those are the smallest ones. */
  blocksCapped: boolean;
}

/**
 * Spreadsheet columns for import and export, in order. `coord_system` is "gcj02" (default) or "wgs84" per row;
 * the import's `coordSystem` query flag sets the default for rows that leave it empty.
 */
export const STATION_SHEET_COLUMNS = ['code', 'name', 'kind', 'host_unit', 'address', 'lat', 'lng', 'coord_system', 'amenities', 'hours', 'phone', 'area_code', 'status'] as const;
export type StationSheetColumn = (typeof STATION_SHEET_COLUMNS)[number];
export const COORD_SYSTEMS = ['gcj02', 'wgs84'] as const;
export type CoordSystem = (typeof COORD_SYSTEMS)[number];

// Query parameters of the station routes, as the server reads them after validation. Server query DTOs implement
// these; the mini-program builds its query strings from them.

/** GET /api/stations */
export interface StationMapParams {
  /** minLng,minLat,maxLng,maxLat (GCJ-02). */
  bbox: string;
}

/** GET /api/stations/managed */
export interface ManagedStationsParams {
  /** Name, code or address contains. */
  q?: string;
  status?: StationStatus;
  /** Only stations in this area subtree. */
  areaId?: number;
  offset?: number;
  /** 'true': only active stations not confirmed within the configured days (待确认). */
  needsConfirmation?: 'true' | 'false';
}

/** POST /api/stations/import */
export interface StationImportParams {
  dryRun: 'true' | 'false';
  coordSystem?: CoordSystem;
}

/** GET /api/stations/feedback */
export interface StationFeedbackQueueParams {
  status?: StationFeedbackStatus;
}

/** GET /api/stations/coverage */
export interface CoverageParams {
  areaId: number;
}

// ---- Rider confirmations, favourites and services at stations (issue 13) ----

/** A rider may confirm a station only from within this distance of it (by the location they send). */
export const STATION_CONFIRM_RADIUS_M = 100;
/** One confirmation per worker per station in this many hours. */
export const STATION_CONFIRM_COOLDOWN_H = 6;
/** Defaults of the server's settings (STATION_CONFIRM_* environment variables). */
export const STATION_CONFIRM_POINTS_DEFAULT = 1;
export const STATION_CONFIRM_POINTS_DAILY_CAP_DEFAULT = 3;
/** A station with no confirmation in this many days is 待确认. */
export const STATION_CONFIRM_STALE_DAYS_DEFAULT = 30;
/** Two "closed when it should be open" confirmations by different workers within this window raise a high-priority item. */
export const STATION_CLOSED_ESCALATION_H = 24;
/** Distance band within which `sort=fresh` puts the most recently confirmed station first. */
export const NEARBY_FRESH_BAND_M = 100;
export const NEARBY_SORTS = ['distance', 'fresh'] as const;
export type NearbySort = (typeof NEARBY_SORTS)[number];
export const NEARBY_CONFIRMED_WITHIN_DAYS_MAX = 365;
export const STATION_FAVORITES_MAX = 50;

export const STATION_FEEDBACK_PRIORITIES = ['normal', 'high'] as const;
export type StationFeedbackPriority = (typeof STATION_FEEDBACK_PRIORITIES)[number];
export const STATION_FEEDBACK_PRIORITY_LABELS: Record<StationFeedbackPriority, string> = { normal: '普通', high: '紧急' };

export interface StationConfirmationRequest {
  lat: number;
  lng: number;
  /** Is it open now? */
  open: boolean;
  /** Is drinking water available? */
  water: boolean;
  /** Can a phone be charged? */
  charging: boolean;
}

export interface StationConfirmationResponse {
  id: number;
  stationId: number;
  distanceM: number;
  open: boolean;
  water: boolean;
  charging: boolean;
  /** Points this confirmation earned (0 once the daily cap is reached). */
  pointsAwarded: number;
  /** True when this confirmation raised a high-priority item for staff (closed when it should be open). */
  escalated: boolean;
  createdAt: string;
}

/** What the latest rider confirmation said, shown on the station. */
export interface StationLastConfirmation {
  at: string;
  open: boolean;
  water: boolean;
  charging: boolean;
}

export interface StationFavoriteResponse {
  stationId: number;
  favorite: boolean;
}

export const STATION_SERVICE_KINDS = ['legal_consult', 'counselling', 'policy_briefing', 'health_check', 'other'] as const;
export type StationServiceKind = (typeof STATION_SERVICE_KINDS)[number];
export const STATION_SERVICE_KIND_LABELS: Record<StationServiceKind, string> = {
  legal_consult: '法律咨询',
  counselling: '心理辅导',
  policy_briefing: '政策宣讲',
  health_check: '健康义诊',
  other: '其他服务',
};
export const STATION_SERVICE_HOST_MAX = 64;
export const STATION_SERVICE_NOTE_MAX = 200;
export const STATION_SERVICE_CAPACITY_MAX = 500;
/** Longest a service session may last. */
export const STATION_SERVICE_HOURS_MAX = 12;
/** A signed-up session starting within this many hours is a reminder in 我的服务预约. */
export const STATION_SERVICE_REMIND_H = 24;

export interface CreateStationServiceRequest {
  kind: StationServiceKind;
  startsAt: string;
  endsAt: string;
  host: string;
  note?: string;
  /** Most sign-ups; absent or null: no limit. */
  capacity?: number | null;
}

/** The next session as a nearby item carries it. */
export interface StationServiceBrief {
  id: number;
  kind: StationServiceKind;
  startsAt: string;
  endsAt: string;
  host: string;
}

export interface StationServiceResponse extends StationServiceBrief {
  stationId: number;
  stationName: string;
  note: string;
  capacity: number | null;
  signups: number;
  /** Whether the caller has signed up. */
  signedUp: boolean;
  cancelled: boolean;
}

export interface MyStationServiceResponse extends StationServiceResponse {
  /** Starts within STATION_SERVICE_REMIND_H hours: the reminder to show. */
  remindNow: boolean;
}
