import type { MediaResponse, OpeningState, StationDetailResponse, StationFeedbackResponse, StationMapPoint } from '@xjy/shared';
import type { StationFeedback } from './station-feedback.entity';
import type { Station } from './station.entity';

export function mapStationDetail(s: Station, opening: OpeningState, photos: MediaResponse[]): StationDetailResponse {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    kind: s.kind,
    hostUnit: s.hostUnit,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    amenities: s.amenities,
    hours: s.hours,
    closures: s.closures,
    phone: s.phone,
    photos,
    status: s.status,
    areaId: s.areaId,
    areaName: s.area?.name ?? '',
    lastConfirmedAt: s.lastConfirmedAt?.toISOString() ?? null,
    openNow: opening.openNow,
    nextChange: opening.nextChange,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function mapStationPoint(s: Station): StationMapPoint {
  return { id: s.id, name: s.name, kind: s.kind, lat: s.lat, lng: s.lng, status: s.status };
}

export function mapFeedback(f: StationFeedback): StationFeedbackResponse {
  return {
    id: f.id,
    stationId: f.stationId,
    stationName: f.station?.name ?? '',
    type: f.type,
    note: f.note,
    status: f.status,
    resolution: f.resolution,
    resolutionNote: f.resolutionNote,
    createdAt: f.createdAt.toISOString(),
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
  };
}
