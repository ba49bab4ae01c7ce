import type { StationServiceSession } from '../../src/modules/stations/station-service-session.entity';
import type { Station } from '../../src/modules/stations/station.entity';
import type { StationFields, StationsRepository } from '../../src/modules/stations/stations.repository';
import { nextId } from '../factories/sequence';

/**
 * The stations table in memory, as far as the index, the import and the export read and write it. `now` is the
 * database's clock: it stamps the rows this fake writes and is what `dbNow()` answers, so a spec moves time itself.
 */
export class FakeStationsRepository {
  readonly rows = new Map<number, Station>();
  readonly driver: 'mysql' | 'embedded' = 'mysql';
  now = new Date('2026-11-22T02:00:00.000Z');
  /** Set to make the next `dbNow()` fail once, as a dropped connection would. */
  failNext: Error | null = null;

  add(...rows: Station[]): void {
    for (const r of rows) this.rows.set(r.id, r);
  }

  /** Moves the database clock on by `ms` and returns the new time. */
  tick(ms: number): Date {
    this.now = new Date(this.now.getTime() + ms);
    return this.now;
  }

  /** Another instance's committed write: the row as it now stands, stamped with the given time (default: now). */
  write(id: number, patch: Partial<Station>, at: Date = this.now): Station {
    const row = { ...this.rows.get(id)!, ...patch, updatedAt: at };
    this.rows.set(id, row);
    return row;
  }

  /** A copy, as a database read would give: later writes do not change a row already read. */
  private read(s: Station): Station {
    return { ...s };
  }

  async dbNow(): Promise<Date> {
    const e = this.failNext;
    this.failNext = null;
    if (e) throw e;
    return this.now;
  }
  async findAllActive(): Promise<Station[]> {
    return [...this.rows.values()].filter((s) => s.status === 'active').map((s) => this.read(s));
  }
  async findById(id: number): Promise<Station | null> {
    const s = this.rows.get(id);
    return s ? this.read(s) : null;
  }
  async findByIds(ids: number[]): Promise<Station[]> {
    return ids.map((id) => this.rows.get(id)).filter((s): s is Station => Boolean(s)).map((s) => this.read(s));
  }
  async findChangeStampsSince(since: Date): Promise<Array<Pick<Station, 'id' | 'status' | 'updatedAt'>>> {
    return [...this.rows.values()].filter((s) => s.updatedAt >= since).map((s) => ({ id: s.id, status: s.status, updatedAt: s.updatedAt }));
  }
  async findByCodes(codes: string[]): Promise<Station[]> {
    return [...this.rows.values()].filter((s) => s.code !== null && codes.includes(s.code)).map((s) => this.read(s));
  }
  /** Inserts or updates by code, as the repository does (an update keeps the station's photos and confirmation). */
  async importAll(rows: StationFields[]): Promise<{ created: number; updated: number; ids: number[] }> {
    let created = 0;
    let updated = 0;
    const ids: number[] = [];
    for (const r of rows) {
      const found = [...this.rows.values()].find((s) => s.code === r.code);
      if (found) {
        this.rows.set(found.id, { ...found, ...r, photoMediaIds: found.photoMediaIds, lastConfirmedAt: found.lastConfirmedAt, updatedAt: this.now });
        ids.push(found.id);
        updated++;
      } else {
        const id = nextId('station');
        this.rows.set(id, { ...r, id, createdAt: this.now, updatedAt: this.now });
        ids.push(id);
        created++;
      }
    }
    return { created, updated, ids };
  }
  /** Upcoming service sessions, as the rider fake holds them (set `services` to share its list). */
  services: StationServiceSession[] = [];
  async findUpcomingServices(ids: number[] | null, now: Date): Promise<StationServiceSession[]> {
    return this.services.filter((v) => v.endsAt > now && v.cancelledAt === null && (ids === null || ids.includes(v.stationId)));
  }
  asRepository(): StationsRepository {
    return this as unknown as StationsRepository;
  }
}
