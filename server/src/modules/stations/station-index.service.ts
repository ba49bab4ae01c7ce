import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import type { BBox, StationKind } from '@xjy/shared';
import { CLUSTER_BUS, type ClusterBus, InProcessClusterBus } from '../../common/redis/cluster-bus';
import type { StationServiceSession } from './station-service-session.entity';
import type { Station } from './station.entity';
import { cellOrder, NearbySearch, StationIndex } from './station-index';
import { DEFAULT_STATIONS_CONFIG, STATIONS_CONFIG, StationsConfig } from './stations.config';
import { StationsRepository } from './stations.repository';

/**
 * How often other instances' writes are picked up by polling: well inside the one-second promise when the poll is
 * all there is; with Redis the bus brings them at once and the poll is only the fallback for a lost message.
 */
export const STATION_POLL_MS = 400;
export const STATION_POLL_FALLBACK_MS = 5_000;
/** Bus channel: ids of stations an instance has just written, comma-separated. */
export const STATION_CHANGES_CHANNEL = 'station-changes';
/**
 * Each poll reads the rows stamped since the previous poll began, minus this margin, by the database's clock: a
 * transaction stamps updatedAt when it writes but becomes visible only when it commits, so a commit seen late
 * carries an earlier stamp. The embedded database has one connection and stamps whole seconds, so a second is
 * enough there. Only stamps are read; full rows only for stamps the index does not hold yet.
 */
const POLL_OVERLAP_MS = { mysql: 5_000, embedded: 1_000 };

/**
 * Keeps the spatial index equal to the active stations in the database: loaded on first use, updated at once by
 * this instance's own writes, by the cluster bus for other instances' writes, and by polling `updatedAt` (every
 * 400 ms without Redis; every 5 s as the fallback with it).
 */
@Injectable()
export class StationIndexService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StationIndexService.name);
  private index: StationIndex;
  private loading: Promise<void> | null = null;
  private loaded = false;
  /** Database time when the last successful poll (or the initial load) began. */
  private pollFromMs = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  private readonly staleMs: number;

  constructor(
    private readonly stations: StationsRepository,
    @Optional() @Inject(STATIONS_CONFIG) config: StationsConfig | null = null,
    // Optional so unit specs can build the service alone; the app always has the bus (CommonModule).
    @Optional() @Inject(CLUSTER_BUS) private readonly bus: ClusterBus = new InProcessClusterBus(),
  ) {
    this.staleMs = (config ?? DEFAULT_STATIONS_CONFIG).staleDays * 86_400_000;
    this.index = new StationIndex(this.staleMs);
    bus.subscribe(STATION_CHANGES_CHANNEL, (message) => void this.applyAnnounced(message));
  }

  /** How long a confirmation keeps a station fresh (not 待确认). */
  get staleAfterMs(): number {
    return this.staleMs;
  }

  onApplicationBootstrap(): void {
    // Migrations may not have run yet (they run after the app is built); then the first use loads it.
    this.load().catch(() => undefined);
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The index, loading it first if this is the first use (the schema may not exist at boot in tests). */
  async ready(): Promise<StationIndex> {
    if (!this.loaded) await this.load();
    return this.index;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Synchronous access for the hot path once loaded. */
  get current(): StationIndex {
    return this.index;
  }

  nearby(q: NearbySearch): Buffer {
    return this.index.nearby(q);
  }

  inBBox(b: BBox, visit: (id: number, lat: number, lng: number, kind: StationKind) => void): void {
    this.index.inBBox(b, visit);
  }

  /**
   * THE way the index learns of this instance's own change: called after commit, it reads these stations (and their
   * upcoming service sessions) as committed, applies them, and tells the other instances which ids changed.
   */
  async refresh(ids: number[]): Promise<void> {
    if (!ids.length) return;
    await this.reload(ids);
    void this.bus.publish(STATION_CHANGES_CHANNEL, ids.join(','));
  }

  /** Reads and applies these stations as committed (other instances' changes: from the bus or the poll). */
  private async reload(ids: number[]): Promise<void> {
    const [rows, services] = await Promise.all([this.stations.findByIds(ids), this.stations.findUpcomingServices(ids, new Date())]);
    this.apply(rows, groupServices(services, ids));
  }

  /** Another instance's write, announced on the bus. */
  private async applyAnnounced(message: string): Promise<void> {
    if (!this.loaded || !this.bus.distributed) return;
    const ids = message.split(',').map(Number).filter((id) => Number.isSafeInteger(id) && id > 0);
    if (!ids.length) return;
    try {
      await this.reload(ids.slice(0, 5_000));
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'station change from the bus not applied; the poll will catch up');
    }
  }

  /**
   * Applies rows read after commit (so they carry the database's stamp); with `services`, also replaces the upcoming
   * service sessions of the stations it names. Use refresh(ids) unless the rows are already at hand.
   */
  apply(rows: Station[], services?: Map<number, StationServiceSession[]>): void {
    if (services) {
      for (const [stationId, list] of services) {
        this.index.setServices(
          stationId,
          list.map((v) => ({ id: v.id, kind: v.kind, startsAtMs: v.startsAt.getTime(), endsAtMs: v.endsAt.getTime(), host: v.host })),
        );
      }
    }
    for (const row of rows) this.applyRow(row);
  }

  private applyRow(row: Station): void {
    const ms = row.updatedAt.getTime();
    if (row.status !== 'active') {
      this.index.remove(row.id, ms);
      return;
    }
    if (this.index.versionOf(row.id) === ms) return;
    this.index.upsert({
      id: row.id,
      name: row.name,
      kind: row.kind,
      lat: row.lat,
      lng: row.lng,
      amenities: row.amenities,
      address: row.address,
      hours: row.hours,
      closures: row.closures,
      updatedAtMs: ms,
      lastConfirmedMs: row.lastConfirmedAt?.getTime() ?? 0,
    });
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const started = await this.stations.dbNow();
        const rows = await this.stations.findAllActive();
        const services = await this.stations.findUpcomingServices(null, started);
        this.index = new StationIndex(this.staleMs);
        this.pollFromMs = started.getTime();
        // Neighbours first: stations of one grid cell then sit side by side in the index's memory (see cellOrder).
        this.apply(rows.sort(cellOrder), groupServices(services, []));
        this.loaded = true;
        this.timer ??= setInterval(() => void this.poll(), this.bus.distributed ? STATION_POLL_FALLBACK_MS : STATION_POLL_MS);
        this.timer.unref();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** One poll; public so tests can drive it instead of waiting. */
  async poll(): Promise<void> {
    if (this.polling || !this.loaded) return;
    this.polling = true;
    try {
      const started = await this.stations.dbNow();
      const stamps = await this.stations.findChangeStampsSince(new Date(this.pollFromMs - POLL_OVERLAP_MS[this.stations.driver]));
      const stale = stamps.filter((r) => {
        const ms = r.updatedAt.getTime();
        return r.status === 'active' ? this.index.versionOf(r.id) !== ms : this.index.has(r.id);
      });
      if (stale.length) await this.reload(stale.map((r) => r.id));
      this.pollFromMs = started.getTime();
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'station index poll failed; retrying on the next tick');
    } finally {
      this.polling = false;
    }
  }
}

/** Sessions by station; every station in `ids` gets an entry (an empty list clears the ones it had). */
function groupServices(list: StationServiceSession[], ids: number[]): Map<number, StationServiceSession[]> {
  const out = new Map<number, StationServiceSession[]>(ids.map((id) => [id, []]));
  for (const v of list) {
    const arr = out.get(v.stationId);
    if (arr) arr.push(v);
    else out.set(v.stationId, [v]);
  }
  return out;
}
