import type { MediaResponse, OpeningState, StationDetailResponse, StationFeedbackResponse, StationLastConfirmation, StationMapPoint, StationServiceBrief } from '@xjy/shared';
import type { StationFeedback } from './station-feedback.entity';
import type { Station } from './station.entity';

/** What a station's detail says beyond the row: freshness, the caller's star, the latest confirmation, the next service. */
export interface StationDetailExtras {
  needsConfirmation: boolean;
  lastConfirmation: StationLastConfirmation | null;
  favorite: boolean;
  nextService: StationServiceBrief | null;
}

export function mapStationDetail(s: Station, opening: OpeningState, photos: MediaResponse[], extras: StationDetailExtras): StationDetailResponse {
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
    ...extras,
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
    priority: f.priority ?? 'normal',
  };
}
