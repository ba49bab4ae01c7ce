import { Inject, Injectable } from '@nestjs/common';
import { ACCURACY_ALLOWANCE_MAX_M, CHECK_IN_OPENS_BEFORE_MIN, CheckInRefusal, CheckInResponse, haversineM, ListResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { isUniqueViolation } from '../../common/db-errors';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { TransactionRunner, UnitOfWork } from '../../database/transaction.runner';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { PointsLedger } from '../points/points.ledger';
import { periodStart } from '../points/points.service';
import { UsersRepository } from '../users/users.repository';
import { ActivitiesRepository, ActivityWithOrg } from './activities.repository';
import { ActivitiesService } from './activities.service';
import type { Activity } from './activity.entity';
import { mapCheckIn } from './activity.mapper';
import type { CheckIn } from './check-in.entity';
import type { CheckInDto } from './dto/activity.dto';

type Attempt = { activity: ActivityWithOrg; auth: AuthContext; dto: CheckInDto; distanceM: number | null };
type Member = { id: number; nickname: string };

/** Proving attendance: the member's check-in with its hard rules, and staff turning a refused attempt into attendance. */
@Injectable()
export class CheckInsService {
  constructor(
    private readonly activityService: ActivitiesService,
    private readonly activities: ActivitiesRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly ledger: PointsLedger,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first rule an attempt breaks, in the order a member would want to hear them; null when it passes. */
  private async judge(attempt: Attempt, now: number): Promise<CheckInRefusal | null> {
    const { activity, auth, dto } = attempt;
    // Whoever set the activity up also runs its code and its register: they do not earn attendance or points from it.
    if (activity.createdBy === auth.userId) return 'own_activity';
    const verdict = this.activityService.qr.verify(dto.token, activity.id, now);
    if (!verdict.ok) return verdict.reason;
    if (now < activity.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MIN * 60_000 || now > activity.endsAt.getTime()) return 'outside_window';
    if (activity.type !== 'volunteer' && !(await this.orgs.findVerifiedOrganizationIds(auth.userId)).includes(activity.organizationId)) return 'not_eligible';
    const allowance = Math.min(Math.max(dto.accuracyM, 0), ACCURACY_ALLOWANCE_MAX_M);
    if ((attempt.distanceM ?? Infinity) > activity.radiusM + allowance) return 'outside_fence';
    return null;
  }

  async checkIn(auth: AuthContext, id: number, dto: CheckInDto): Promise<{ checkIn: CheckInResponse; created: boolean }> {
    const activity = await this.activityService.requireForCheckIn(id);
    if (activity.status === 'cancelled') throw new AppException('activity_cancelled');
    const member = await this.users.findById(auth.userId);
    const respond = (c: CheckIn, created: boolean) => ({ checkIn: mapCheckIn(c, activity, member ?? undefined), created });

    // A repeat after success returns the same check-in, whatever the token now says.
    const existing = await this.activities.findAttendanceOf(null, id, auth.userId);
    if (existing) return respond(existing, false);

    const distanceM = Math.round(haversineM({ lat: dto.lat, lng: dto.lng }, { lat: activity.lat, lng: activity.lng }));
    const refusal = await this.judge({ activity, auth, dto, distanceM }, Date.now());
    if (refusal) await this.refuse(activity, auth.userId, dto, distanceM, refusal);

    const outcome = await this.tx.run(async (m) => {
      // Without a capacity the attendance key alone keeps one per member; with one, check-ins of this activity
      // take turns so the count cannot be overtaken between reading it and inserting.
      if (activity.capacity !== null) await this.activities.lockForCheckIn(m, id);
      if (activity.capacity !== null && ((await this.activities.countAttendance([id], m)).get(id) ?? 0) >= activity.capacity) return { kind: 'full' as const };
      try {
        const row = await this.activities.insertCheckIn(m, { activityId: id, userId: auth.userId, status: 'accepted', ...this.position(dto), distanceM });
        row.pointsAwarded = await this.awardVolunteerPoints(m, activity, row, null);
        return { kind: 'created' as const, row };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // A concurrent attempt of the same member won; it is committed, so read it after this transaction.
        return { kind: 'duplicate' as const };
      }
    });
    if (outcome.kind === 'full') return this.refuse(activity, auth.userId, dto, distanceM, 'activity_full');
    if (outcome.kind === 'duplicate') {
      const winner = await this.activities.findAttendanceOf(null, id, auth.userId);
      if (!winner) throw new Error(`attendance of user ${auth.userId} at activity ${id} vanished after a duplicate key`);
      return respond(winner, false);
    }
    return respond(outcome.row, true);
  }

  private position(dto: CheckInDto): Pick<CheckIn, 'lat' | 'lng' | 'accuracyM'> {
    return { lat: dto.lat, lng: dto.lng, accuracyM: Math.round(dto.accuracyM) };
  }

  /** Keeps the refused attempt with its reason (for staff and hand approval), then answers with that reason. */
  private async refuse(activity: ActivityWithOrg, userId: number, dto: CheckInDto, distanceM: number | null, refusal: CheckInRefusal): Promise<never> {
    const row = await this.tx.run((m) => this.activities.insertCheckIn(m, { activityId: activity.id, userId, status: 'refused', refusal, ...this.position(dto), distanceM }));
    throw new AppException(refusal, {
      checkInId: row.id,
      ...(refusal === 'outside_fence' ? { distanceM, radiusM: activity.radiusM } : {}),
    });
  }

  /**
   * Volunteer points for one attendance, through the ledger (its key makes a repeat a no-op), within the daily cap
   * of volunteer points per China-time day. The balance lock keeps two attendances of the same member from both
   * reading "under the cap". Returns what was awarded.
   */
  private async awardVolunteerPoints(m: UnitOfWork, activity: Activity, row: Pick<CheckIn, 'id' | 'userId'>, actorId: number | null): Promise<number> {
    if (activity.type !== 'volunteer' || activity.points <= 0) return 0;
    await this.ledger.lockBalance(m, row.userId);
    const today = await this.ledger.sumSince(m, row.userId, ['volunteer_check_in', 'volunteer_check_in_reversed'], periodStart('day', new Date())!);
    const delta = Math.max(0, Math.min(activity.points, this.config.volunteerPointsDailyCap - today));
    const res = await this.ledger.record(m, { userId: row.userId, delta, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: row.id, actorId });
    await this.activities.setPointsAwarded(m, row.id, res.entry.delta);
    return res.entry.delta;
  }

  async listCheckIns(id: number): Promise<ListResponse<CheckInResponse>> {
    const activity = await this.activityService.require(id);
    const rows = await this.activities.findCheckInsOfActivity(id);
    const people = await this.people(rows);
    return { items: rows.map((c) => mapCheckIn(c, activity, people.get(c.userId), { approver: c.approvedBy ? people.get(c.approvedBy) : null })) };
  }

  /** Members and approvers of these check-ins, from the users feature in one read. */
  private async people(rows: CheckIn[]): Promise<Map<number, Member>> {
    const ids = rows.flatMap((r) => (r.approvedBy === null ? [r.userId] : [r.userId, r.approvedBy]));
    return new Map((await this.users.findByIds(ids)).map((u) => [u.id, { id: u.id, nickname: u.nickname }]));
  }

  /**
   * Staff turn a refused attempt into attendance by hand, with a note; allowed from the moment check-in opens
   * until one activity-length after the end. The refusal reason, approver, time and note stay on the record.
   * Nobody approves their own attempt.
   */
  async approve(auth: AuthContext, checkInId: number, note: string): Promise<CheckInResponse> {
    const c = await this.activities.findCheckIn(checkInId);
    if (!c) throw new AppException('check_in_not_found');
    const a = c.activity;
    if (c.userId === auth.userId) throw new AppException('own_check_in');
    if (c.status !== 'refused') throw new AppException('check_in_not_refused');
    const now = Date.now();
    const closes = a.endsAt.getTime() + (a.endsAt.getTime() - a.startsAt.getTime());
    if (now < a.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MIN * 60_000 || now > closes) {
      throw new AppException('approval_window_closed');
    }
    await this.tx.run(async (m) => {
      if (await this.activities.findAttendanceOf(m, a.id, c.userId)) throw new AppException('already_attended');
      try {
        if (!(await this.activities.approveRefused(m, c, auth.userId, note))) throw new AppException('check_in_not_refused');
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppException('already_attended');
        throw e;
      }
      await this.awardVolunteerPoints(m, a, c, auth.userId);
    });
    const fresh = (await this.activities.findCheckIn(checkInId))!;
    const people = await this.people([fresh]);
    return mapCheckIn(fresh, a, people.get(fresh.userId), { approver: people.get(auth.userId) });
  }

  async mine(auth: AuthContext): Promise<ListResponse<CheckInResponse>> {
    const rows = await this.activities.findCheckInsOfUser(auth.userId, 100);
    const me = await this.users.findById(auth.userId);
    return { items: rows.map((c) => mapCheckIn(c, c.activity, me ?? undefined)) };
  }
}
