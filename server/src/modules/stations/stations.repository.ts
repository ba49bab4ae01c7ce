import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StationFeedbackResolution, StationFeedbackStatus, StationStatus } from '@xjy/shared';
import { Brackets, DataSource, EntityManager, In, IsNull, MoreThan, SelectQueryBuilder } from 'typeorm';
import { TransactionRunner } from '../../database/transaction.runner';
import { StationFeedback } from './station-feedback.entity';
import { StationServiceSession } from './station-service-session.entity';
import { Station } from './station.entity';

export type StationFields = Omit<Station, 'id' | 'createdAt' | 'updatedAt' | 'area'>;

/** Narrows a query joined to `area` as `a` to a staff member's subtrees; null means unrestricted (admin). */
function withinPaths<T extends object>(qb: SelectQueryBuilder<T>, paths: string[] | null): SelectQueryBuilder<T> {
  if (paths === null) return qb;
  if (!paths.length) return qb.andWhere('1 = 0');
  return qb.andWhere(
    new Brackets((w) => {
      paths.forEach((p, i) => w.orWhere(`a.path LIKE :scope${i}`, { [`scope${i}`]: `${p}%` }));
    }),
  );
}

@Injectable()
export class StationsRepository {
  private readonly embedded: boolean;
  readonly driver: 'mysql' | 'embedded';

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: TransactionRunner,
  ) {
    this.embedded = ds.options.type === 'better-sqlite3';
    this.driver = this.embedded ? 'embedded' : 'mysql';
  }

  private get stations() {
    return this.ds.getRepository(Station);
  }

  findById(id: number, m?: EntityManager): Promise<Station | null> {
    return (m ?? this.ds.manager).getRepository(Station).findOne({ where: { id }, relations: { area: true } });
  }

  findByIds(ids: number[]): Promise<Station[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.stations.createQueryBuilder('s').leftJoinAndSelect('s.area', 'a').where('s.id IN (:...ids)', { ids }).getMany();
  }

  async findAreaPathOfStation(id: number): Promise<string | null> {
    const row = await this.stations.createQueryBuilder('s').innerJoin('s.area', 'a').select('a.path', 'path').where('s.id = :id', { id }).getRawOne<{ path: string }>();
    return row?.path ?? null;
  }

  async findAreaPathOfFeedback(id: number): Promise<string | null> {
    const row = await this.ds
      .getRepository(StationFeedback)
      .createQueryBuilder('f')
      .innerJoin('f.station', 's')
      .innerJoin('s.area', 'a')
      .select('a.path', 'path')
      .where('f.id = :id', { id })
      .getRawOne<{ path: string }>();
    return row?.path ?? null;
  }

  async findAreaPathOfService(id: number): Promise<string | null> {
    const row = await this.ds
      .getRepository(StationServiceSession)
      .createQueryBuilder('v')
      .innerJoin('v.station', 's')
      .innerJoin('s.area', 'a')
      .select('a.path', 'path')
      .where('v.id = :id', { id })
      .getRawOne<{ path: string }>();
    return row?.path ?? null;
  }

  /** Every active station, for building the spatial index at boot. */
  findAllActive(): Promise<Station[]> {
    return this.stations.find({ where: { status: 'active' } });
  }

  /** The database's own clock, which stamps updatedAt; pollers measure their window by it, not by the app's. */
  async dbNow(): Promise<Date> {
    if (this.embedded) {
      const [row] = await this.ds.query<Array<{ now: string }>>("SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') AS now");
      return new Date(`${row.now.replace(' ', 'T')}Z`);
    }
    const [row] = await this.ds.query<Array<{ now: Date }>>('SELECT CURRENT_TIMESTAMP(6) AS now');
    return new Date(row.now);
  }

  /** Id, status and updatedAt of rows written at or after `since` (any status), by the database's own clock. */
  findChangeStampsSince(since: Date): Promise<Array<Pick<Station, 'id' | 'status' | 'updatedAt'>>> {
    // The embedded driver stores datetimes as "YYYY-MM-DD HH:MM:SS[.SSS]" text in UTC and cannot bind a Date.
    const param = this.embedded ? since.toISOString().replace('T', ' ').replace('Z', '') : since;
    return this.stations.createQueryBuilder('s').select(['s.id', 's.status', 's.updatedAt']).where('s.updatedAt >= :since', { since: param }).getMany();
  }

  /** Service sessions not yet ended and not cancelled, of these stations (null: all), for the index. */
  findUpcomingServices(ids: number[] | null, now: Date): Promise<StationServiceSession[]> {
    if (ids && !ids.length) return Promise.resolve([]);
    return this.ds.getRepository(StationServiceSession).find({
      where: { endsAt: MoreThan(now), cancelledAt: IsNull(), ...(ids ? { stationId: In(ids) } : {}) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  findByCodes(codes: string[], m?: EntityManager): Promise<Station[]> {
    if (!codes.length) return Promise.resolve([]);
    return (m ?? this.ds.manager).getRepository(Station).createQueryBuilder('s').where('s.code IN (:...codes)', { codes }).getMany();
  }

  async create(fields: StationFields, after?: (m: EntityManager, s: Station) => Promise<void>): Promise<Station> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Station);
      const saved = await repo.save(repo.create(fields));
      await after?.(m, saved);
      return saved;
    });
  }

  async update(id: number, patch: Partial<StationFields>, after?: (m: EntityManager) => Promise<void>): Promise<void> {
    await this.tx.run(async (m) => {
      // Save through the entity so updatedAt moves even when only JSON columns change.
      const repo = m.getRepository(Station);
      const row = await repo.findOneByOrFail({ id });
      Object.assign(row, patch, { updatedAt: new Date() });
      await repo.save(row);
      await after?.(m);
    });
  }

  async setStatus(id: number, status: StationStatus): Promise<void> {
    await this.update(id, { status });
  }

  /** Inserts or updates by code, every row or none. */
  importAll(rows: StationFields[]): Promise<{ created: number; updated: number; ids: number[] }> {
    return this.tx.run(async (m) => {
      const repo = m.getRepository(Station);
      const existing = new Map((await this.findByCodes(rows.map((r) => r.code!), m)).map((s) => [s.code, s]));
      let created = 0;
      let updated = 0;
      const ids: number[] = [];
      const now = new Date();
      for (const r of rows) {
        const found = existing.get(r.code);
        if (found) {
          Object.assign(found, { ...r, photoMediaIds: found.photoMediaIds, lastConfirmedAt: found.lastConfirmedAt, updatedAt: now });
          await repo.save(found);
          ids.push(found.id);
          updated++;
        } else {
          ids.push((await repo.save(repo.create(r))).id);
          created++;
        }
      }
      return { created, updated, ids };
    });
  }

  /** Stations in the caller's scope, newest change first, optionally by name or code. */
  listManaged(
    paths: string[] | null,
    opts: { q?: string; status?: StationStatus; areaPath?: string; limit: number; offset: number; confirmedBefore?: Date },
  ): Promise<[Station[], number]> {
    const qb = this.stations.createQueryBuilder('s').innerJoinAndSelect('s.area', 'a');
    withinPaths(qb, paths);
    if (opts.confirmedBefore) {
      // 待确认: active, and never confirmed or not since the cut-off; the stalest first.
      const before = this.embedded ? opts.confirmedBefore.toISOString().replace('T', ' ').replace('Z', '') : opts.confirmedBefore;
      qb.andWhere("s.status = 'active'").andWhere('(s.lastConfirmedAt IS NULL OR s.lastConfirmedAt < :before)', { before });
      if (opts.q) qb.andWhere('(s.name LIKE :q OR s.code LIKE :q OR s.address LIKE :q)', { q: `%${opts.q}%` });
      if (opts.areaPath) qb.andWhere('a.path LIKE :ap', { ap: `${opts.areaPath}%` });
      return qb.orderBy('s.lastConfirmedAt', 'ASC').addOrderBy('s.id', 'ASC').take(opts.limit).skip(opts.offset).getManyAndCount();
    }
    if (opts.q) qb.andWhere('(s.name LIKE :q OR s.code LIKE :q OR s.address LIKE :q)', { q: `%${opts.q}%` });
    if (opts.status) qb.andWhere('s.status = :status', { status: opts.status });
    if (opts.areaPath) qb.andWhere('a.path LIKE :ap', { ap: `${opts.areaPath}%` });
    return qb.orderBy('s.updatedAt', 'DESC').addOrderBy('s.id', 'DESC').take(opts.limit).skip(opts.offset).getManyAndCount();
  }

  listForExport(paths: string[] | null): Promise<Station[]> {
    return withinPaths(this.stations.createQueryBuilder('s').innerJoinAndSelect('s.area', 'a'), paths).orderBy('s.id', 'ASC').getMany();
  }

  insertFeedback(fields: { stationId: number; userId: number; type: StationFeedback['type']; note: string }): Promise<StationFeedback> {
    return this.tx.run((m) => m.getRepository(StationFeedback).save(m.getRepository(StationFeedback).create({ ...fields, status: 'open', priority: 'normal' })));
  }

  findFeedback(id: number): Promise<StationFeedback | null> {
    return this.ds.getRepository(StationFeedback).findOne({ where: { id }, relations: { station: true } });
  }

  listFeedback(paths: string[] | null, status: StationFeedbackStatus, limit: number): Promise<StationFeedback[]> {
    const qb = this.ds.getRepository(StationFeedback).createQueryBuilder('f').innerJoinAndSelect('f.station', 's').innerJoin('s.area', 'a').where('f.status = :status', { status });
    // High priority (riders found it closed when it should be open) first, then oldest first.
    return withinPaths(qb, paths).orderBy('f.priority', 'ASC').addOrderBy('f.createdAt', 'ASC').addOrderBy('f.id', 'ASC').take(limit).getMany();
  }

  /**
   * Resolves an open item; a second resolve finds it resolved and changes nothing. "confirmed_correct" stamps the
   * station's last confirmed date in the same transaction. Returns false when the item was no longer open.
   */
  resolveFeedback(id: number, by: number, resolution: StationFeedbackResolution, note: string | null): Promise<boolean> {
    return this.tx.run(async (m) => {
      const now = new Date();
      const r = await m.getRepository(StationFeedback).update({ id, status: 'open' }, { status: 'resolved', resolution, resolutionNote: note, resolvedById: by, resolvedAt: now });
      if (!r.affected) return false;
      if (resolution === 'confirmed_correct') {
        const f = await m.getRepository(StationFeedback).findOneByOrFail({ id });
        await m.getRepository(Station).update({ id: f.stationId }, { lastConfirmedAt: now, updatedAt: now });
      }
      return true;
    });
  }
}
