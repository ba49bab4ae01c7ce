import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  compileHours,
  COVERAGE_BLOCKS_MAX,
  COVERAGE_CELL_M,
  COVERAGE_CELLS_MAX,
  COVERAGE_RADIUS_M,
  CoverageResponse,
  isInChina,
  ListResponse,
  mPerDegLng,
  M_PER_DEG_LAT,
  MediaResponse,
  openingState,
  parseClosures,
  pointInRing,
  StationCluster,
  StationDetailResponse,
  StationFeedbackResponse,
  StationMapResponse,
  STATION_MAP_POINTS_MAX,
} from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { AuthContext, inScope, isAdmin } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { isUniqueViolation } from '../../common/db-errors';
import type { UnitOfWork } from '../../database/transaction.runner';
import type { Area } from '../areas/area.entity';
import { AreasRepository } from '../areas/areas.repository';
import { MediaService } from '../media/media.service';
import type { CreateStationDto, FeedbackQueueQuery, ManagedStationsQuery, ResolveFeedbackDto, StationFeedbackDto, UpdateStationDto } from './dto/station.dto';
import { parseNearbyQuery } from './dto/nearby-query';
import { parseBBox } from './station-bbox';
import { computeCoverageInWorker, coverageGridSize } from './station-coverage';
import { amenityMask } from './station-index';
import { StationIndexService } from './station-index.service';
import { mapFeedback, mapStationDetail, mapStationPoint, StationDetailExtras } from './station.mapper';
import { StationFavoritesService } from './station-favorites.service';
import { StationRiderRepository } from './station-rider.repository';
import type { Station } from './station.entity';
import { StationFields, StationsRepository } from './stations.repository';

const CLUSTER_GRID = 8;
const PAGE = 20;
const DAY_MS = 86_400_000;

@Injectable()
export class StationsService implements OnModuleInit {
  constructor(
    private readonly stations: StationsRepository,
    private readonly areas: AreasRepository,
    private readonly index: StationIndexService,
    private readonly scopes: ScopeRegistry,
    private readonly media: MediaService,
    private readonly favorites: StationFavoritesService,
    private readonly rider: StationRiderRepository,
  ) {}

  onModuleInit(): void {
    this.scopes.register('station', (id) => this.stations.findAreaPathOfStation(id));
    this.scopes.register('station_feedback', (id) => this.stations.findAreaPathOfFeedback(id));
    this.scopes.register('station_service', (id) => this.stations.findAreaPathOfService(id));
  }

  /** The hot path: parse by hand, search the in-process index, send pre-built JSON bytes; the caller's stars first. */
  async nearby(raw: Record<string, unknown>, auth: AuthContext | null = null): Promise<Buffer> {
    const q = parseNearbyQuery(raw);
    if (!this.index.isLoaded) await this.index.ready();
    const nowMs = Date.now();
    const favorites = auth ? (this.favorites.cachedIdsOf(auth.userId, nowMs) ?? (await this.favorites.idsOf(auth.userId, nowMs))) : null;
    const confirmedSinceMs = q.confirmedWithinDays ? nowMs - q.confirmedWithinDays * DAY_MS : 0;
    return this.index.nearby({ lat: q.lat, lng: q.lng, radiusM: q.radiusM, amenityMask: amenityMask(q.amenities), kind: q.kind, openNow: q.openNow, limit: q.limit, nowMs, confirmedSinceMs, sort: q.sort, favorites });
  }

  async map(rawBbox: string): Promise<StationMapResponse> {
    const b = parseBBox(rawBbox);
    await this.index.ready();
    const hits: Array<{ id: number; lat: number; lng: number }> = [];
    this.index.inBBox(b, (id, lat, lng) => hits.push({ id, lat, lng }));
    if (hits.length <= STATION_MAP_POINTS_MAX) {
      const rows = await this.stations.findByIds(hits.map((h) => h.id));
      return { mode: 'points', total: hits.length, points: rows.filter((s) => s.status === 'active').map(mapStationPoint) };
    }
    const w = (b.maxLng - b.minLng) / CLUSTER_GRID || 1e-9;
    const h = (b.maxLat - b.minLat) / CLUSTER_GRID || 1e-9;
    const buckets = new Map<number, { lat: number; lng: number; count: number }>();
    for (const p of hits) {
      const key = Math.min(CLUSTER_GRID - 1, Math.floor((p.lat - b.minLat) / h)) * CLUSTER_GRID + Math.min(CLUSTER_GRID - 1, Math.floor((p.lng - b.minLng) / w));
      const c = buckets.get(key) ?? { lat: 0, lng: 0, count: 0 };
      c.lat += p.lat;
      c.lng += p.lng;
      c.count++;
      buckets.set(key, c);
    }
    const clusters: StationCluster[] = [...buckets.values()].map((c) => ({ lat: round6(c.lat / c.count), lng: round6(c.lng / c.count), count: c.count }));
    return { mode: 'clusters', total: hits.length, clusters };
  }

  async get(auth: AuthContext, id: number): Promise<StationDetailResponse> {
    const s = await this.stations.findById(id);
    // A suspended station is gone for riders; staff who look after it still see it.
    if (!s || (s.status !== 'active' && !(s.area && inScope(auth, s.area.path)))) throw new AppException('station_not_found');
    const [last, favorite, services] = await Promise.all([this.rider.latestConfirmationOf(id), this.favorites.isFavorite(auth.userId, id), this.rider.servicesOfStation(id, new Date(), false)]);
    const next = services[0];
    return this.detail(s, {
      needsConfirmation: this.isStale(s),
      lastConfirmation: last ? { at: last.createdAt.toISOString(), open: last.open, water: last.water, charging: last.charging } : null,
      favorite,
      nextService: next ? { id: next.id, kind: next.kind, startsAt: next.startsAt.toISOString(), endsAt: next.endsAt.toISOString(), host: next.host } : null,
    });
  }

  async listManaged(auth: AuthContext, q: ManagedStationsQuery): Promise<ListResponse<StationDetailResponse> & { total: number }> {
    let areaPath: string | undefined;
    if (q.areaId) {
      const area = await this.areas.findById(q.areaId);
      if (!area) throw new AppException('area_not_found');
      areaPath = area.path;
    }
    const offset = q.offset ?? 0;
    const confirmedBefore = q.needsConfirmation === 'true' ? new Date(Date.now() - this.index.staleAfterMs) : undefined;
    const [rows, total] = await this.stations.listManaged(isAdmin(auth) ? null : auth.scopePaths, { q: q.q, status: q.status, areaPath, limit: PAGE, offset, confirmedBefore });
    const items = rows.map((s) => this.detailWithoutPhotos(s));
    return { items, total, ...(offset + rows.length < total ? { nextCursor: String(offset + rows.length) } : {}) };
  }

  async create(auth: AuthContext, dto: CreateStationDto): Promise<StationDetailResponse> {
    const area = await this.checkArea(auth, dto.areaId, dto.lat, dto.lng);
    const fields: StationFields = {
      code: dto.code ?? null,
      name: dto.name.trim(),
      kind: dto.kind,
      hostUnit: dto.hostUnit.trim(),
      address: dto.address.trim(),
      lat: dto.lat,
      lng: dto.lng,
      amenities: dto.amenities,
      hours: dto.hours,
      closures: dto.closures ?? [],
      phone: dto.phone ?? null,
      photoMediaIds: dto.photoMediaIds ?? [],
      status: 'active',
      areaId: area.id,
      lastConfirmedAt: new Date(),
    };
    try {
      const saved = await this.stations.create(fields, (m, s) => this.attachPhotos(m, auth, s.id, fields.photoMediaIds, []));
      return this.afterWrite(saved.id);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppException('station_code_taken', { code: dto.code });
      throw e;
    }
  }

  async update(auth: AuthContext, id: number, dto: UpdateStationDto): Promise<StationDetailResponse> {
    const s = await this.stations.findById(id);
    if (!s) throw new AppException('station_not_found');
    const lat = dto.lat ?? s.lat;
    const lng = dto.lng ?? s.lng;
    if (dto.areaId !== undefined || dto.lat !== undefined || dto.lng !== undefined) await this.checkArea(auth, dto.areaId ?? s.areaId, lat, lng);
    const patch: Partial<StationFields> = {};
    for (const k of ['code', 'kind', 'lat', 'lng', 'amenities', 'hours', 'closures', 'phone', 'photoMediaIds', 'areaId'] as const) {
      if (dto[k] !== undefined) (patch as Record<string, unknown>)[k] = dto[k];
    }
    for (const k of ['name', 'hostUnit', 'address'] as const) if (dto[k] !== undefined) patch[k] = dto[k]!.trim();
    try {
      await this.stations.update(id, patch, (m) => this.attachPhotos(m, auth, id, dto.photoMediaIds ?? [], s.photoMediaIds));
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppException('station_code_taken', { code: dto.code });
      throw e;
    }
    return this.afterWrite(id);
  }

  async setStatus(id: number, status: 'active' | 'suspended'): Promise<StationDetailResponse> {
    const s = await this.stations.findById(id);
    if (!s) throw new AppException('station_not_found');
    if (s.status !== status) await this.stations.setStatus(id, status);
    return this.afterWrite(id);
  }

  async feedback(auth: AuthContext, stationId: number, dto: StationFeedbackDto): Promise<StationFeedbackResponse> {
    const s = await this.stations.findById(stationId);
    if (!s || s.status !== 'active') throw new AppException('station_not_found');
    const f = await this.stations.insertFeedback({ stationId, userId: auth.userId, type: dto.type, note: dto.note?.trim() ?? '' });
    f.station = s;
    return mapFeedback(f);
  }

  async feedbackQueue(auth: AuthContext, q: FeedbackQueueQuery): Promise<ListResponse<StationFeedbackResponse>> {
    const rows = await this.stations.listFeedback(isAdmin(auth) ? null : auth.scopePaths, q.status ?? 'open', 100);
    return { items: rows.map(mapFeedback) };
  }

  async resolveFeedback(auth: AuthContext, id: number, dto: ResolveFeedbackDto): Promise<StationFeedbackResponse> {
    const f = await this.stations.findFeedback(id);
    if (!f) throw new AppException('station_feedback_not_found');
    if (!(await this.stations.resolveFeedback(id, auth.userId, dto.resolution, dto.note?.trim() || null))) throw new AppException('station_feedback_resolved');
    if (dto.resolution === 'confirmed_correct') await this.afterWrite(f.stationId);
    return mapFeedback((await this.stations.findFeedback(id))!);
  }

  /** The rule (kind, distance, cell size) comes from station-coverage's coverageRule; rest stations at 500 m by default. */
  async coverage(areaId: number, userId: number, rule: { kind: Station['kind']; radiusM: number; cellM: number } = { kind: 'rest_station', radiusM: COVERAGE_RADIUS_M, cellM: COVERAGE_CELL_M }): Promise<CoverageResponse> {
    const area = await this.areas.findById(areaId);
    if (!area) throw new AppException('area_not_found');
    if (!area.boundary) throw fieldError('area_no_boundary', 'areaId', '该区域没有边界，无法计算');
    const size = coverageGridSize(area.boundary, rule.cellM);
    if (size.cells > COVERAGE_CELLS_MAX) throw new AppException('coverage_area_too_large', { cells: size.cells, cellsMax: COVERAGE_CELLS_MAX, cellM: rule.cellM });
    await this.index.ready();
    const ring = area.boundary;
    const lats = ring.map((p) => p[1]);
    const lngs = ring.map((p) => p[0]);
    const pad = rule.radiusM / M_PER_DEG_LAT;
    const padLng = rule.radiusM / mPerDegLng(Math.max(...lats.map(Math.abs)));
    const stations: Array<{ lat: number; lng: number }> = [];
    let inside = 0;
    this.index.inBBox({ minLat: Math.min(...lats) - pad, maxLat: Math.max(...lats) + pad, minLng: Math.min(...lngs) - padLng, maxLng: Math.max(...lngs) + padLng }, (_id, lat, lng, kind) => {
      if (kind !== rule.kind) return;
      stations.push({ lat, lng });
      if (pointInRing({ lat, lng }, ring)) inside++;
    });
    const fig = await computeCoverageInWorker(userId, { ring, stations, cellM: rule.cellM, radiusM: rule.radiusM, blocksMax: COVERAGE_BLOCKS_MAX });
    return {
      areaId: area.id,
      areaName: area.name,
      cellM: rule.cellM,
      radiusM: rule.radiusM,
      cells: fig.cells,
      covered: fig.covered,
      share: fig.share,
      stations: inside,
      gaps: fig.gaps,
      grid: fig.grid,
      blocksMax: COVERAGE_BLOCKS_MAX,
      blocksCapped: fig.blocksCapped,
    };
  }

  /** Staff may place a station only in an area of their scope, below district level, with the point inside it and inside every ancestor. */
  async checkArea(auth: AuthContext, areaId: number, lat: number, lng: number): Promise<Area> {
    const area = await this.areas.findById(areaId);
    if (!area) throw fieldError('area_not_found', 'areaId', '区域不存在');
    if (!inScope(auth, area.path)) throw new AppException('out_of_scope');
    if (area.level === 'district') throw fieldError('station_area_level', 'areaId', '站点须设在街道、社区或网格下');
    if (!isInChina({ lat, lng })) throw fieldError('validation_failed', 'lat', '位置必须在中国境内');
    if (area.boundary && !pointInRing({ lat, lng }, area.boundary)) throw fieldError('station_outside_area', 'lat', `站点位置不在${area.name}范围内`);
    // An area redrawn away from its street (old or hand-edited rows) must not carry a station out of its ancestors.
    const outside = (await this.areas.findAncestors(area.path)).find((a) => a.boundary && !pointInRing({ lat, lng }, a.boundary));
    if (outside) throw fieldError('station_outside_area', 'lat', `站点位置不在${outside.name}范围内`);
    return area;
  }

  /** Puts the committed row (with the database's updatedAt) into this instance's index at once, and answers with it. */
  async afterWrite(id: number): Promise<StationDetailResponse> {
    await this.index.refresh([id]);
    const s = (await this.stations.findById(id))!;
    return this.detail(s, this.plainExtras(s));
  }

  async reindex(ids: number[]): Promise<void> {
    await this.index.refresh(ids);
  }

  private isStale(s: Station): boolean {
    return !s.lastConfirmedAt || Date.now() - s.lastConfirmedAt.getTime() > this.index.staleAfterMs;
  }

  /** Extras for staff views and write answers: freshness only. */
  private plainExtras(s: Station): StationDetailExtras {
    return { needsConfirmation: this.isStale(s), lastConfirmation: null, favorite: false, nextService: null };
  }

  private async attachPhotos(m: UnitOfWork, auth: AuthContext, stationId: number, ids: number[], already: number[]): Promise<void> {
    const fresh = ids.filter((id) => !already.includes(id));
    if (!fresh.length) return;
    await this.media.attach(m, auth.userId, fresh, 'station', stationId);
  }

  private async detail(s: Station, extras: StationDetailExtras): Promise<StationDetailResponse> {
    let photos: MediaResponse[] = [];
    if (s.photoMediaIds.length) {
      const attached = (await this.media.attachedTo('station', [s.id], { hideRisky: true })).get(s.id) ?? [];
      photos = s.photoMediaIds.map((mid) => attached.find((p) => p.id === mid)).filter((p): p is MediaResponse => Boolean(p));
    }
    return mapStationDetail(s, openingState(compileHours(s.hours), parseClosures(s.closures), Date.now()), photos, extras);
  }

  private detailWithoutPhotos(s: Station): StationDetailResponse {
    return mapStationDetail(s, openingState(compileHours(s.hours), parseClosures(s.closures), Date.now()), [], this.plainExtras(s));
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export { parseBBox } from './station-bbox';
