import type { ListResponse } from '@xjy/shared/area';
import type { StationKind } from '@xjy/shared/enums';
import type {
  CoverageResponse,
  CoverageParams,
  CreateStationServiceRequest,
  MyStationServiceResponse,
  StationConfirmationRequest,
  StationConfirmationResponse,
  StationFavoriteResponse,
  StationServiceResponse,
  CreateStationRequest,
  ManagedStationsParams,
  NearbyStationsResponse,
  ResolveStationFeedbackRequest,
  StationDetailResponse,
  StationFeedbackQueueParams,
  StationFeedbackRequest,
  StationFeedbackResponse,
  StationImportReport,
  StationMapParams,
  StationMapResponse,
  StationStatus,
  UpdateStationRequest,
} from '@xjy/shared/station';
import { http, isApiError } from './http';
import { uploadFile } from './upload';
import type { CoverageKindParams } from '@xjy/shared/coverage';

export interface NearbyFilters {
  amenities: string[];
  kind: StationKind | null;
  openNow: boolean;
}

export const NEARBY_RADIUS_M = 3000;
export const NEARBY_LIMIT = 50;

export const nearbyStations = (lat: number, lng: number, f: NearbyFilters) =>
  http.get<NearbyStationsResponse>('/api/stations/nearby', {
    query: {
      lat: lat.toFixed(6),
      lng: lng.toFixed(6),
      radius: NEARBY_RADIUS_M,
      limit: NEARBY_LIMIT,
      amenities: f.amenities.length ? f.amenities.join(',') : undefined,
      kind: f.kind ?? undefined,
      openNow: f.openNow ? 'true' : undefined,
    },
  });

export const confirmStation = (id: number, body: StationConfirmationRequest) => http.post<StationConfirmationResponse>(`/api/stations/${id}/confirmations`, body);
export const starStation = (id: number, on: boolean) =>
  // Starring and unstarring are idempotent on the server, so a retry is safe.
  on ? http.post<StationFavoriteResponse>(`/api/stations/${id}/favorite`, undefined, { idempotent: true }) : http.delete<StationFavoriteResponse>(`/api/stations/${id}/favorite`);
export const verifyStation = (id: number) => http.post<StationDetailResponse>(`/api/stations/${id}/verify`, undefined, { idempotent: true });
export const stationServices = (id: number) => http.get<ListResponse<StationServiceResponse>>(`/api/stations/${id}/services`);
export const scheduleStationService = (id: number, body: CreateStationServiceRequest) => http.post<StationServiceResponse>(`/api/stations/${id}/services`, body);
export const cancelStationService = (serviceId: number) => http.post<StationServiceResponse>(`/api/stations/services/${serviceId}/cancel`, undefined, { idempotent: true });
export const signUpForService = (serviceId: number, on: boolean) =>
  on
    ? http.post<StationServiceResponse>(`/api/stations/services/${serviceId}/signup`, undefined, { idempotent: true })
    : http.delete<StationServiceResponse>(`/api/stations/services/${serviceId}/signup`);
export const myStationServices = () => http.get<ListResponse<MyStationServiceResponse>>('/api/stations/services/mine');

export const getStation = (id: number) => http.get<StationDetailResponse>(`/api/stations/${id}`);
export const stationsInView = (bbox: [number, number, number, number]) => http.get<StationMapResponse>('/api/stations', { query: { bbox: bbox.map((n) => n.toFixed(6)).join(',') } satisfies StationMapParams });
export const sendStationFeedback = (id: number, body: StationFeedbackRequest) => http.post<StationFeedbackResponse>(`/api/stations/${id}/feedback`, body);

export const managedStations = (query: ManagedStationsParams) =>
  http.get<ListResponse<StationDetailResponse> & { total: number }>('/api/stations/managed', { query: { ...query } });
export const createStation = (body: CreateStationRequest) => http.post<StationDetailResponse>('/api/stations', body);
export const updateStation = (id: number, body: UpdateStationRequest) => http.patch<StationDetailResponse>(`/api/stations/${id}`, body);
export const setStationStatus = (id: number, status: StationStatus) =>
  // Suspend and restore are idempotent on the server (asking twice leaves the same state), so a retry is safe.
  http.post<StationDetailResponse>(`/api/stations/${id}/${status === 'active' ? 'restore' : 'suspend'}`, undefined, { idempotent: true });
export const feedbackQueue = (status: StationFeedbackQueueParams['status'] = 'open') =>
  http.get<ListResponse<StationFeedbackResponse>>('/api/stations/feedback', { query: { status } satisfies StationFeedbackQueueParams });
export const resolveFeedback = (id: number, body: ResolveStationFeedbackRequest) => http.post<StationFeedbackResponse>(`/api/stations/feedback/${id}/resolve`, body);
/** The 15-minute circle for one kind: rest stations (500 m) unless a kind, and for service kinds a distance, is given. */
export const stationCoverage = (areaId: number, rule: Omit<CoverageKindParams, 'areaId'> = {}) =>
  http.get<CoverageResponse>('/api/stations/coverage', { query: { areaId, ...rule } satisfies CoverageParams });

/**
 * Sends a station spreadsheet (CSV or XLSX) to the import endpoint. A dry run answers with the row report; a real
 * run answers with the report too, or 400 station_import_invalid whose details hold the same report.
 */
export async function importStations(filePath: string, opts: { dryRun: boolean; coordSystem: 'gcj02' | 'wgs84' }): Promise<StationImportReport> {
  try {
    return await uploadFile<StationImportReport>('/api/stations/import', filePath, { query: { dryRun: String(opts.dryRun), coordSystem: opts.coordSystem } });
  } catch (e) {
    const details = isApiError(e) ? (e.details as Partial<StationImportReport> | undefined) : undefined;
    // A refused real run still carries the row report: show it rather than a bare error.
    if (isApiError(e) && e.code === 'station_import_invalid' && details?.errors) return { dryRun: opts.dryRun, ok: false, rows: details.rows ?? 0, created: 0, updated: 0, errors: details.errors };
    throw e;
  }
}
