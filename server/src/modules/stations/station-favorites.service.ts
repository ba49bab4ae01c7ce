import { Injectable } from '@nestjs/common';
import { STATION_FAVORITES_MAX, StationFavoriteResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import { TransactionRunner } from '../../database/transaction.runner';
import { StationRiderRepository } from './station-rider.repository';
import { StationsRepository } from './stations.repository';

/** How long a rider's stars are kept in memory for nearby before being read again (other instances' writes). */
export const FAVORITES_TTL_MS = 30_000;
/** Riders whose stars are kept in memory at most; the least recently used are dropped first. */
export const FAVORITES_CACHE_MAX = 10_000;

const NONE: ReadonlySet<number> = new Set();

/**
 * Stars on stations. Nearby reads a rider's stars on every request, so they are kept in memory per rider (bounded,
 * short-lived), refreshed at once by this instance's own writes.
 */
@Injectable()
export class StationFavoritesService {
  private readonly cache = new Map<number, { ids: ReadonlySet<number>; at: number }>();

  constructor(
    private readonly rider: StationRiderRepository,
    private readonly stations: StationsRepository,
    private readonly tx: TransactionRunner,
  ) {}

  /** The rider's starred station ids when memory holds them fresh (nearby's path without an await), else undefined. */
  cachedIdsOf(userId: number, nowMs = Date.now()): ReadonlySet<number> | undefined {
    const hit = this.cache.get(userId);
    if (!hit || nowMs - hit.at >= FAVORITES_TTL_MS) return undefined;
    // Map order is insertion order: re-inserting marks the rider as recently used.
    this.cache.delete(userId);
    this.cache.set(userId, hit);
    return hit.ids;
  }

  /** The rider's starred station ids, from memory when fresh. */
  async idsOf(userId: number, nowMs = Date.now()): Promise<ReadonlySet<number>> {
    const hit = this.cachedIdsOf(userId, nowMs);
    if (hit) return hit;
    const ids = await this.rider.favoriteIds(userId);
    const set = ids.length ? new Set(ids) : NONE;
    this.remember(userId, set, nowMs);
    return set;
  }

  isFavorite(userId: number, stationId: number): Promise<boolean> {
    return this.rider.isFavorite(userId, stationId);
  }

  async star(userId: number, stationId: number): Promise<StationFavoriteResponse> {
    const s = await this.stations.findById(stationId);
    if (!s || s.status !== 'active') throw new AppException('station_not_found');
    await this.tx.run(async (m) => {
      if ((await this.rider.countFavorites(m, userId)) >= STATION_FAVORITES_MAX && !(await this.rider.isFavorite(userId, stationId))) {
        throw new AppException('station_favorites_full', { max: STATION_FAVORITES_MAX });
      }
      await this.rider.addFavorite(m, userId, stationId);
    });
    this.cache.delete(userId);
    return { stationId, favorite: true };
  }

  /** Unstars; unstarring a station that was not starred (or no longer exists) changes nothing. */
  async unstar(userId: number, stationId: number): Promise<StationFavoriteResponse> {
    await this.rider.removeFavorite(userId, stationId);
    this.cache.delete(userId);
    return { stationId, favorite: false };
  }

  private remember(userId: number, ids: ReadonlySet<number>, at: number): void {
    this.cache.delete(userId);
    this.cache.set(userId, { ids, at });
    if (this.cache.size > FAVORITES_CACHE_MAX) this.cache.delete(this.cache.keys().next().value as number);
  }
}
