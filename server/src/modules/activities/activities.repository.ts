import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppMetrics } from '../../common/metrics/metrics';
import { afterCommit } from '../../database/transaction.runner';
import type { ActivityType } from '@xjy/shared';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { Activity } from './activity.entity';
import { CheckIn } from './check-in.entity';

export type ActivityWithOrg = Activity & { organization: { id: number; name: string; areaId: number; area: { path: string } } };
export type ActivityFields = Pick<
  Activity,
  'organizationId' | 'type' | 'title' | 'address' | 'startsAt' | 'endsAt' | 'lat' | 'lng' | 'radiusM' | 'points' | 'capacity' | 'status' | 'createdBy' | 'hoursThresholdPct' | 'meetingKind'
>;
export type CheckInFields = Pick<CheckIn, 'activityId' | 'userId' | 'status' | 'lat' | 'lng' | 'accuracyM' | 'distanceM'> &
  Partial<Pick<CheckIn, 'refusal' | 'clientId' | 'flags' | 'reviewStatus' | 'hoursStatus'>>;
export const attendanceKeyOf = (activityId: number, userId: number) => `${activityId}:${userId}`;

@Injectable()
export class ActivitiesRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    // The token is named: a union type carries no class for Nest to resolve.
    @Optional() @Inject(AppMetrics) private readonly metrics: AppMetrics | null = null,
  ) {}

  /** One query with joins (findOne with relations would add a DISTINCT pre-query for its LIMIT). */
  findById(id: number, m: EntityManager = this.ds.manager): Promise<ActivityWithOrg | null> {
    return m
      .getRepository(Activity)
      .createQueryBuilder('x')
      .innerJoinAndSelect('x.organization', 'o')
      .innerJoinAndSelect('o.area', 'a')
      .where('x.id = :id', { id })
      .getOne() as Promise<ActivityWithOrg | null>;
  }

  async create(m: EntityManager, fields: ActivityFields): Promise<Activity> {
    const repo = m.getRepository(Activity);
    return repo.save(repo.create(fields));
  }

  async update(m: EntityManager, id: number, patch: Partial<ActivityFields>): Promise<void> {
    await m.getRepository(Activity).update({ id }, patch);
  }

  /**
   * Records an attempt: an attendance (accepted: its attendance key makes it one per member, so a second one throws
   * a unique violation) or a refusal with its reason (no key).
   */
  async insertCheckIn(m: EntityManager, fields: CheckInFields): Promise<CheckIn> {
    const repo = m.getRepository(CheckIn);
    const attended = fields.status !== 'refused';
    const row = await repo.save(
      repo.create({
        ...fields,
        refusal: fields.refusal ?? null,
        clientId: fields.clientId ?? null,
        flags: fields.flags ?? [],
        reviewStatus: fields.reviewStatus ?? null,
        hoursStatus: fields.hoursStatus ?? null,
        attendanceKey: attended ? attendanceKeyOf(fields.activityId, fields.userId) : null,
      }),
    );
    // Counted only once the row is in (a second attempt fails its unique key above) and its transaction commits.
    if (attended && this.metrics) {
      const metrics = this.metrics;
      afterCommit(m, () => metrics.count('check_in'));
    }
    return row;
  }

  /** Turns a refused attempt into attendance; false when it was no longer refused. Throws a unique violation when the member already attended. */
  async approveRefused(m: EntityManager, c: Pick<CheckIn, 'id' | 'activityId' | 'userId'>, approvedBy: number, note: string, hoursStatus: CheckIn['hoursStatus'] = null): Promise<boolean> {
    const r = await m
      .getRepository(CheckIn)
      .createQueryBuilder()
      .update()
      .set({ status: 'approved', attendanceKey: attendanceKeyOf(c.activityId, c.userId), approvedBy, approvedAt: new Date(), note, hoursStatus })
      .where('id = :id AND status = :st', { id: c.id, st: 'refused' })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async setPointsAwarded(m: EntityManager, checkInId: number, points: number): Promise<void> {
    await m.getRepository(CheckIn).update({ id: checkInId }, { pointsAwarded: points });
  }

  /** Takes the activity's row lock for the rest of the transaction (MySQL), so capacity is checked by one check-in at a time. */
  async lockForCheckIn(m: EntityManager, id: number): Promise<void> {
    if (m.connection.options.type === 'better-sqlite3') return; // transactions are already serialized there
    await m.getRepository(Activity).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
  }

  /** Activities of these organizations, plus (optionally) every volunteer activity, ending after `from`. */
  findListed(filter: { organizationIds: number[]; includeAllVolunteer: boolean; from: Date; scopePaths?: string[] | null; limit: number }): Promise<ActivityWithOrg[]> {
    const q = this.ds
      .getRepository(Activity)
      .createQueryBuilder('x')
      .innerJoinAndSelect('x.organization', 'o')
      .innerJoinAndSelect('o.area', 'a')
      .where('x.endsAt >= :from', { from: filter.from })
      .orderBy('x.startsAt', 'ASC')
      .addOrderBy('x.id', 'ASC')
      .take(filter.limit);
    if (filter.scopePaths !== undefined) {
      const paths = filter.scopePaths;
      if (paths !== null) {
        if (!paths.length) q.andWhere('1 = 0');
        else q.andWhere(`(${paths.map((_, i) => `a.path LIKE :sp${i}`).join(' OR ')})`, Object.fromEntries(paths.map((p, i) => [`sp${i}`, `${p}%`])));
      }
    } else {
      q.andWhere(
        new Brackets((w) => {
          if (filter.organizationIds.length) w.orWhere('x.organizationId IN (:...oids)', { oids: filter.organizationIds });
          if (filter.includeAllVolunteer) w.orWhere("x.type = 'volunteer'");
          if (!filter.organizationIds.length && !filter.includeAllVolunteer) w.where('1 = 0');
        }),
      );
    }
    return q.getMany() as Promise<ActivityWithOrg[]>;
  }

  async countAttendance(activityIds: number[], m: EntityManager = this.ds.manager): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!activityIds.length) return out;
    const rows = await m
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .select('c.activityId', 'activityId')
      .addSelect('COUNT(*)', 'n')
      .where({ activityId: In(activityIds), status: In(['accepted', 'approved']) })
      .groupBy('c.activityId')
      .getRawMany<{ activityId: number; n: string | number }>();
    for (const r of rows) out.set(Number(r.activityId), Number(r.n));
    return out;
  }

  findAttendance(userId: number, activityIds: number[]): Promise<CheckIn[]> {
    if (!activityIds.length) return Promise.resolve([]);
    return this.ds.getRepository(CheckIn).find({ where: { userId, activityId: In(activityIds), status: In(['accepted', 'approved']) } });
  }

  findAttendanceOf(m: EntityManager | null, activityId: number, userId: number): Promise<CheckIn | null> {
    return (m ?? this.ds.manager).getRepository(CheckIn).findOne({ where: { attendanceKey: attendanceKeyOf(activityId, userId) } });
  }

  findCheckIn(id: number, m: EntityManager = this.ds.manager): Promise<(CheckIn & { activity: ActivityWithOrg }) | null> {
    return m.getRepository(CheckIn).findOne({ where: { id }, relations: { activity: { organization: { area: true } } } }) as Promise<(CheckIn & { activity: ActivityWithOrg }) | null>;
  }

  findCheckInsOfActivity(activityId: number): Promise<CheckIn[]> {
    return this.ds.getRepository(CheckIn).find({ where: { activityId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 2000 });
  }

  findCheckInsOfUser(userId: number, limit: number): Promise<Array<CheckIn & { activity: Activity }>> {
    return this.ds.getRepository(CheckIn).find({ where: { userId }, relations: { activity: true }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit }) as Promise<
      Array<CheckIn & { activity: Activity }>
    >;
  }

  /** Distinct activities of the given types a user attended (accepted or approved) in [from, to), by activity start. */
  async countAttendedBetween(userIds: number[], types: ActivityType[], from: Date, to: Date): Promise<Map<number, number>> {
    const out = new Map<number, number>(userIds.map((id) => [id, 0]));
    if (!userIds.length) return out;
    const rows = await this.ds
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .innerJoin('c.activity', 'x')
      .select('c.userId', 'userId')
      .addSelect('COUNT(DISTINCT c.activityId)', 'n')
      .where('c.userId IN (:...uids)', { uids: userIds })
      .andWhere("c.status IN ('accepted', 'approved')")
      .andWhere('x.type IN (:...types)', { types })
      .andWhere("x.status = 'scheduled'")
      .andWhere('x.startsAt >= :from AND x.startsAt < :to', { from, to })
      .groupBy('c.userId')
      .getRawMany<{ userId: number; n: string | number }>();
    for (const r of rows) out.set(Number(r.userId), Number(r.n));
    return out;
  }
}
