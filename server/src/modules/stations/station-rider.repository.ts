import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, IsNull, MoreThan, MoreThanOrEqual } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { StationConfirmation } from './station-confirmation.entity';
import { StationFavorite } from './station-favorite.entity';
import { StationFeedback } from './station-feedback.entity';
import { StationServiceSession, StationServiceSignup } from './station-service-session.entity';
import { Station } from './station.entity';

export type ConfirmationFields = Pick<StationConfirmation, 'stationId' | 'userId' | 'lat' | 'lng' | 'distanceM' | 'open' | 'water' | 'charging' | 'closedWhenOpen'>;
export type ServiceFields = Pick<StationServiceSession, 'stationId' | 'kind' | 'startsAt' | 'endsAt' | 'host' | 'note' | 'capacity' | 'createdById'>;

/** What riders do at stations: confirmations, stars, and service sessions with their sign-ups. */
@Injectable()
export class StationRiderRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  // ---- confirmations ----

  /** The worker's latest confirmation of the station at or after `since`, inside the caller's transaction. */
  latestConfirmationBy(m: EntityManager, userId: number, stationId: number, since: Date): Promise<StationConfirmation | null> {
    return m.getRepository(StationConfirmation).findOne({ where: { userId, stationId, createdAt: MoreThanOrEqual(since) }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  insertConfirmation(m: EntityManager, fields: ConfirmationFields): Promise<StationConfirmation> {
    const repo = m.getRepository(StationConfirmation);
    return repo.save(repo.create(fields));
  }

  async setPointsAwarded(m: EntityManager, id: number, points: number): Promise<void> {
    await m.getRepository(StationConfirmation).update({ id }, { pointsAwarded: points });
  }

  /** Distinct workers who reported the station closed when it should be open, since a time. */
  async closedWhenOpenReporters(m: EntityManager, stationId: number, since: Date): Promise<number[]> {
    const rows = await m
      .getRepository(StationConfirmation)
      .createQueryBuilder('c')
      .select('DISTINCT c.userId', 'userId')
      .where({ stationId, closedWhenOpen: true, createdAt: MoreThanOrEqual(since) })
      .getRawMany<{ userId: number }>();
    return rows.map((r) => Number(r.userId));
  }

  /** Stamps the station as confirmed now; updatedAt moves so other instances' indexes pick the freshness up. */
  async stampConfirmed(m: EntityManager, stationId: number, at: Date): Promise<void> {
    await m.getRepository(Station).update({ id: stationId }, { lastConfirmedAt: at, updatedAt: at });
  }

  /** Moves the station's updatedAt (its service sessions changed), so every instance re-reads it. */
  async touchStation(m: EntityManager, stationId: number): Promise<void> {
    await m.getRepository(Station).update({ id: stationId }, { updatedAt: new Date() });
  }

  /**
   * Locks the station row until the transaction ends, so two workers' confirmations of one station decide the
   * escalation one after the other. The embedded driver runs one transaction at a time and needs no lock.
   */
  async lockStation(m: EntityManager, stationId: number): Promise<void> {
    if (m.connection.options.type === 'better-sqlite3') return;
    await m.getRepository(Station).createQueryBuilder('s').select('s.id').setLock('pessimistic_write').where('s.id = :id', { id: stationId }).getOne();
  }

  hasOpenHighPriorityFeedback(m: EntityManager, stationId: number): Promise<boolean> {
    return m.getRepository(StationFeedback).exists({ where: { stationId, status: 'open', priority: 'high' } });
  }

  insertHighPriorityFeedback(m: EntityManager, fields: { stationId: number; userId: number; note: string }): Promise<StationFeedback> {
    const repo = m.getRepository(StationFeedback);
    return repo.save(repo.create({ ...fields, type: 'closed_when_open', status: 'open', priority: 'high' }));
  }

  /** The latest confirmation of each station (for the detail: "N 小时前 骑手确认" and the confirmed amenities). */
  latestConfirmationOf(stationId: number): Promise<StationConfirmation | null> {
    return this.ds.getRepository(StationConfirmation).findOne({ where: { stationId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  // ---- favourites ----

  favoriteIds(userId: number): Promise<number[]> {
    return this.ds
      .getRepository(StationFavorite)
      .find({ where: { userId }, select: { stationId: true }, order: { id: 'ASC' } })
      .then((rows) => rows.map((r) => r.stationId));
  }

  isFavorite(userId: number, stationId: number): Promise<boolean> {
    return this.ds.getRepository(StationFavorite).exists({ where: { userId, stationId } });
  }

  countFavorites(m: EntityManager, userId: number): Promise<number> {
    return m.getRepository(StationFavorite).count({ where: { userId } });
  }

  /** Stars a station; starring it again changes nothing (the unique key). */
  async addFavorite(m: EntityManager, userId: number, stationId: number): Promise<void> {
    try {
      await m.getRepository(StationFavorite).insert({ userId, stationId });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }

  async removeFavorite(userId: number, stationId: number): Promise<void> {
    await this.ds.getRepository(StationFavorite).delete({ userId, stationId });
  }

  // ---- service sessions ----

  insertService(m: EntityManager, fields: ServiceFields): Promise<StationServiceSession> {
    const repo = m.getRepository(StationServiceSession);
    return repo.save(repo.create({ ...fields, cancelledAt: null }));
  }

  findService(id: number, m?: EntityManager): Promise<StationServiceSession | null> {
    return (m ?? this.ds.manager).getRepository(StationServiceSession).findOne({ where: { id }, relations: { station: true } });
  }

  async cancelService(m: EntityManager, id: number, at: Date): Promise<boolean> {
    const r = await m.getRepository(StationServiceSession).update({ id, cancelledAt: IsNull() }, { cancelledAt: at });
    return Boolean(r.affected);
  }

  /** Sessions of a station not yet ended (cancelled ones too, for staff), soonest first. */
  servicesOfStation(stationId: number, now: Date, withCancelled: boolean): Promise<StationServiceSession[]> {
    return this.ds.getRepository(StationServiceSession).find({
      where: { stationId, endsAt: MoreThan(now), ...(withCancelled ? {} : { cancelledAt: IsNull() }) },
      relations: { station: true },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: 50,
    });
  }

  /** Sign-up counts per session. */
  async signupCounts(serviceIds: number[], m?: EntityManager): Promise<Map<number, number>> {
    if (!serviceIds.length) return new Map();
    const rows = await (m ?? this.ds.manager)
      .getRepository(StationServiceSignup)
      .createQueryBuilder('g')
      .select('g.serviceId', 'serviceId')
      .addSelect('COUNT(*)', 'n')
      .where({ serviceId: In(serviceIds) })
      .groupBy('g.serviceId')
      .getRawMany<{ serviceId: number; n: string | number }>();
    return new Map(rows.map((r) => [Number(r.serviceId), Number(r.n)]));
  }

  async signedUpIds(userId: number, serviceIds: number[]): Promise<Set<number>> {
    if (!serviceIds.length) return new Set();
    const rows = await this.ds.getRepository(StationServiceSignup).find({ where: { userId, serviceId: In(serviceIds) }, select: { serviceId: true } });
    return new Set(rows.map((r) => r.serviceId));
  }

  /** Locks the session row, so sign-ups for a session with a capacity are counted one after the other. */
  async lockService(m: EntityManager, id: number): Promise<void> {
    if (m.connection.options.type === 'better-sqlite3') return;
    await m.getRepository(StationServiceSession).createQueryBuilder('v').select('v.id').setLock('pessimistic_write').where('v.id = :id', { id }).getOne();
  }

  /** Signs up; false when already signed up (the unique key). */
  async addSignup(m: EntityManager, serviceId: number, userId: number): Promise<boolean> {
    try {
      await m.getRepository(StationServiceSignup).insert({ serviceId, userId });
      return true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return false;
    }
  }

  async removeSignup(serviceId: number, userId: number): Promise<void> {
    await this.ds.getRepository(StationServiceSignup).delete({ serviceId, userId });
  }

  /** The worker's sign-ups for sessions not yet ended, soonest first. */
  mySignedUpServices(userId: number, now: Date): Promise<StationServiceSession[]> {
    return this.ds
      .getRepository(StationServiceSession)
      .createQueryBuilder('v')
      .innerJoin(StationServiceSignup, 'g', 'g.serviceId = v.id AND g.userId = :userId', { userId })
      .leftJoinAndSelect('v.station', 's')
      .where(new Brackets((w) => w.where('v.endsAt > :now', { now: this.param(now) })))
      .orderBy('v.startsAt', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .take(50)
      .getMany();
  }

  /** The embedded driver stores datetimes as UTC text and cannot bind a Date in a raw condition. */
  private param(d: Date): Date | string {
    return this.ds.options.type === 'better-sqlite3' ? d.toISOString().replace('T', ' ').replace('Z', '') : d;
  }
}
