import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CheckInFlag, HoursStatus, MeetingKind, ReviewStatus } from '@xjy/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { ActivityWithOrg } from './activities.repository';
import { Activity } from './activity.entity';
import { CheckIn } from './check-in.entity';

const ATTENDED = ['accepted', 'approved'] as const;
export type SessionClose = Pick<CheckIn, 'signedOutAt' | 'hours' | 'hoursStatus'> &
  Partial<Pick<CheckIn, 'signOutLat' | 'signOutLng' | 'signOutDistanceM' | 'closedBy' | 'closeNote'>>;
/** Where and when a member last sent a request (a check-in attempt or a sign-out). */
export type LastPosition = { at: Date; lat: number; lng: number };

/** Sign-out, hours and their confirmation, the proxy checks' reads, reviews and the meetings count. */
@Injectable()
export class HoursRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private repo(m?: EntityManager | null) {
    return (m ?? this.ds.manager).getRepository(CheckIn);
  }

  /** Ends an open session; false when it was already signed out (a concurrent sign-out or close won). */
  async closeSession(m: EntityManager, id: number, close: SessionClose): Promise<boolean> {
    const r = await this.repo(m).update({ id, signedOutAt: IsNull() }, close);
    return (r.affected ?? 0) > 0;
  }

  /** The sessions (attendances) of an activity. */
  findSessions(activityId: number): Promise<CheckIn[]> {
    return this.repo().find({ where: { activityId, status: In([...ATTENDED]) }, order: { id: 'ASC' } });
  }

  /** Moves a session's hours status from one of `from` to `to` with its hours; false when another writer got there first. */
  async settleHours(m: EntityManager, id: number, from: HoursStatus[], to: HoursStatus, hours: number): Promise<boolean> {
    const r = await this.repo(m).update(
      { id, hoursStatus: In(from), status: In([...ATTENDED]) },
      { hoursStatus: to, hours, ...(to === 'confirmed' ? { hoursConfirmedAt: new Date() } : {}) },
    );
    return (r.affected ?? 0) > 0;
  }

  async markActivityConfirmed(m: EntityManager, activityId: number, by: number, at: Date): Promise<void> {
    await m.getRepository(Activity).update({ id: activityId }, { hoursConfirmedAt: at, hoursConfirmedBy: by });
  }

  // ---- proxy checks ----

  /**
   * Other members' attendances at this activity sent from this client, or at exactly this point (6 decimals) at the
   * same step (sign-in or sign-out): one read for both rules.
   */
  async suspects(activityId: number, userId: number, clientId: string | null, at: 'in' | 'out', lat: number, lng: number): Promise<CheckIn[]> {
    const [la, ln] = at === 'in' ? ['c.lat', 'c.lng'] : ['c.signOutLat', 'c.signOutLng'];
    const samePoint = `(ROUND(${la}, 6) = :lat AND ROUND(${ln}, 6) = :lng)`;
    return this.repo()
      .createQueryBuilder('c')
      .where('c.activityId = :activityId AND c.userId <> :userId', { activityId, userId })
      .andWhere('c.status IN (:...st)', { st: ATTENDED })
      .andWhere(clientId ? `(c.clientId = :clientId OR ${samePoint})` : samePoint, { clientId, lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) })
      .getMany();
  }

  /**
   * The member's latest request with a position: their newest check-in attempt, or its sign-out when that came
   * later (a member signs out of what they last checked in to). One indexed read on (userId, createdAt).
   */
  async lastPosition(userId: number): Promise<LastPosition | null> {
    const c = await this.repo()
      .createQueryBuilder('c')
      .select(['c.id', 'c.createdAt', 'c.lat', 'c.lng', 'c.signedOutAt', 'c.signOutLat', 'c.signOutLng'])
      .where('c.userId = :userId AND c.lat IS NOT NULL', { userId })
      .orderBy('c.createdAt', 'DESC')
      .limit(1)
      .getOne();
    if (!c || c.lat === null || c.lng === null) return null;
    if (c.signedOutAt && c.signOutLat !== null && c.signOutLng !== null && c.signedOutAt > c.createdAt) return { at: c.signedOutAt, lat: c.signOutLat, lng: c.signOutLng };
    return { at: c.createdAt, lat: c.lat, lng: c.lng };
  }

  /** Adds reasons to a check-in; one never reviewed goes (back) to 待核实, a decided review stays decided. */
  async addFlags(m: EntityManager, row: Pick<CheckIn, 'id' | 'flags' | 'reviewStatus'>, flags: CheckInFlag[]): Promise<void> {
    const merged = [...new Set([...(row.flags ?? []), ...flags])];
    if (merged.length === (row.flags ?? []).length) return;
    await this.repo(m).update({ id: row.id }, { flags: merged, ...(row.reviewStatus === null ? { reviewStatus: 'pending' as const } : {}) });
  }

  // ---- review ----

  /** Check-ins waiting for review in activities under these area paths (null: everywhere), oldest first. */
  findFlagged(scopePaths: string[] | null, limit: number): Promise<Array<CheckIn & { activity: ActivityWithOrg }>> {
    const q = this.repo()
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.activity', 'x')
      .innerJoinAndSelect('x.organization', 'o')
      .innerJoinAndSelect('o.area', 'a')
      .where("c.reviewStatus = 'pending'")
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit);
    if (scopePaths !== null) {
      if (!scopePaths.length) q.andWhere('1 = 0');
      else q.andWhere(`(${scopePaths.map((_, i) => `a.path LIKE :sp${i}`).join(' OR ')})`, Object.fromEntries(scopePaths.map((p, i) => [`sp${i}`, `${p}%`])));
    }
    return q.getMany() as Promise<Array<CheckIn & { activity: ActivityWithOrg }>>;
  }

  /** Records a review decision once; false when it was no longer pending. A rejection ends the attendance. */
  async review(m: EntityManager, id: number, decision: Exclude<ReviewStatus, 'pending'>, by: number, note: string): Promise<boolean> {
    const r = await this.repo(m).update(
      { id, reviewStatus: 'pending' },
      { reviewStatus: decision, reviewedBy: by, reviewedAt: new Date(), reviewNote: note, ...(decision === 'rejected' ? { status: 'rejected' as const } : {}) },
    );
    return (r.affected ?? 0) > 0;
  }

  // ---- reporting ----

  /** Confirmed hours per member in [from, to), by activity start. */
  async sumConfirmedHours(userIds: number[], from: Date, to: Date): Promise<Map<number, number>> {
    const out = new Map<number, number>(userIds.map((id) => [id, 0]));
    if (!userIds.length) return out;
    const rows = await this.repo()
      .createQueryBuilder('c')
      .innerJoin('c.activity', 'x')
      .select('c.userId', 'userId')
      .addSelect('SUM(c.hours)', 'h')
      .where('c.userId IN (:...uids)', { uids: userIds })
      .andWhere("c.hoursStatus = 'confirmed' AND c.status IN ('accepted', 'approved')")
      .andWhere('x.startsAt >= :from AND x.startsAt < :to', { from, to })
      .groupBy('c.userId')
      .getRawMany<{ userId: number; h: string | number | null }>();
    for (const r of rows) out.set(Number(r.userId), Math.round(Number(r.h ?? 0) * 100) / 100);
    return out;
  }

  /** Meetings the members attended in [from, to), wherever held, each once: kind and start. */
  async attendedMeetings(userIds: number[], from: Date, to: Date): Promise<Array<{ userId: number; kind: MeetingKind | null; startsAt: Date }>> {
    if (!userIds.length) return [];
    const rows = (await this.repo()
      .createQueryBuilder('c')
      .innerJoin('c.activity', 'x')
      .select(['c.id', 'c.userId', 'x.id', 'x.meetingKind', 'x.startsAt'])
      .where('c.userId IN (:...uids)', { uids: userIds })
      .andWhere("c.status IN ('accepted', 'approved') AND x.type = 'meeting' AND x.status = 'scheduled'")
      .andWhere('x.startsAt >= :from AND x.startsAt < :to', { from, to })
      .getMany()) as Array<CheckIn & { activity: Activity }>;
    return rows.map((r) => ({ userId: r.userId, kind: r.activity.meetingKind, startsAt: r.activity.startsAt }));
  }
}
