import { Injectable } from '@nestjs/common';
import { ACCURACY_ALLOWANCE_MAX_M, CHECK_IN_OPENS_BEFORE_MIN, CheckInRefusal, CheckInResponse, countsHours, haversineM, ListResponse } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { isUniqueViolation } from '../../common/db-errors';
import { TransactionRunner, type UnitOfWork } from '../../database/transaction.runner';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { UsersRepository } from '../users/users.repository';
import { ActivitiesRepository, ActivityWithOrg } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { mapCheckIn } from './activity.mapper';
import type { CheckIn } from './check-in.entity';
import type { CheckInDto } from './dto/activity.dto';
import { HoursRepository } from './hours.repository';
import { ProxySuspicionService, Suspicion } from './proxy-suspicion.service';

type Attempt = { activity: ActivityWithOrg; auth: AuthContext; dto: CheckInDto; distanceM: number | null };
type Member = { id: number; nickname: string };
/** The code's slot when it passed, or the refusal. */
type Judgement = { refusal: CheckInRefusal; slot?: undefined } | { refusal: null; slot: number };

/** Proving attendance: the member's check-in with its hard rules and proxy suspicion, and staff approving a refusal by hand. */
@Injectable()
export class CheckInsService {
  constructor(
    private readonly activityService: ActivitiesService,
    private readonly activities: ActivitiesRepository,
    private readonly hours: HoursRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly suspicion: ProxySuspicionService,
    private readonly tx: TransactionRunner,
  ) {}

  /** The first rule an attempt breaks, in the order a member would want to hear them; the code's slot when it passes. */
  private async judge(attempt: Attempt, now: number): Promise<Judgement> {
    const { activity, auth, dto } = attempt;
    // Whoever set the activity up also runs its code and its register: they do not earn attendance or points from it.
    if (activity.createdBy === auth.userId) return { refusal: 'own_activity' };
    const verdict = this.activityService.qr.verify(dto.token, activity.id, now);
    if (!verdict.ok) return { refusal: verdict.reason };
    if (now < activity.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MIN * 60_000 || now > activity.endsAt.getTime()) return { refusal: 'outside_window' };
    if (activity.type !== 'volunteer' && !(await this.orgs.findVerifiedOrganizationIds(auth.userId)).includes(activity.organizationId)) return { refusal: 'not_eligible' };
    if (!withinFence(attempt.distanceM, activity.radiusM, dto.accuracyM)) return { refusal: 'outside_fence' };
    return { refusal: null, slot: verdict.slot };
  }

  async checkIn(auth: AuthContext, id: number, dto: CheckInDto, clientId: string | null = null): Promise<{ checkIn: CheckInResponse; created: boolean }> {
    const activity = await this.activityService.requireForCheckIn(id);
    if (activity.status === 'cancelled') throw new AppException('activity_cancelled');
    // A repeat after success returns the same check-in, whatever the token now says.
    const [member, existing] = await Promise.all([this.users.findById(auth.userId), this.activities.findAttendanceOf(null, id, auth.userId)]);
    const respond = (c: CheckIn, created: boolean) => ({ checkIn: mapCheckIn(c, activity, member ?? undefined), created });
    if (existing) return respond(existing, false);

    const now = Date.now();
    const distanceM = Math.round(haversineM({ lat: dto.lat, lng: dto.lng }, { lat: activity.lat, lng: activity.lng }));
    const verdict = await this.judge({ activity, auth, dto, distanceM }, now);
    if (verdict.refusal) await this.refuse(activity, auth.userId, dto, distanceM, verdict.refusal, clientId);
    const suspect = await this.suspicion.judge({ activity, userId: auth.userId, clientId, lat: dto.lat, lng: dto.lng, step: 'in', slot: verdict.slot!, now });

    const insert = async (m: UnitOfWork) => {
      try {
        const row = await this.activities.insertCheckIn(m, {
          activityId: id,
          userId: auth.userId,
          status: 'accepted',
          ...this.position(dto),
          distanceM,
          clientId,
          flags: suspect.flags,
          reviewStatus: suspect.flags.length ? 'pending' : null,
          // Volunteer and training sessions count hours from here; points wait for the confirmation.
          hoursStatus: countsHours(activity.type) ? 'pending' : null,
        });
        return { kind: 'created' as const, row };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        // A concurrent attempt of the same member won; it is committed, so read it after this transaction.
        return { kind: 'duplicate' as const };
      }
    };
    // Without a capacity the attendance key alone keeps one per member; with one, check-ins of this activity take
    // turns so the count cannot be overtaken between reading it and inserting.
    const outcome = await this.tx.run(async (m) => {
      if (activity.capacity === null) return insert(m);
      await this.activities.lockForCheckIn(m, id);
      if (((await this.activities.countAttendance([id], m)).get(id) ?? 0) >= activity.capacity) return { kind: 'full' as const };
      return insert(m);
    });
    if (outcome.kind === 'full') return this.refuse(activity, auth.userId, dto, distanceM, 'activity_full', clientId);
    if (outcome.kind === 'duplicate') {
      const winner = await this.activities.findAttendanceOf(null, id, auth.userId);
      if (!winner) throw new Error(`attendance of user ${auth.userId} at activity ${id} vanished after a duplicate key`);
      return respond(winner, false);
    }
    await this.flagOthers(suspect);
    return respond(outcome.row, true);
  }

  /** The same evidence makes the other members' check-ins suspect too (two accounts on one phone: both). */
  async flagOthers(suspect: Suspicion): Promise<void> {
    for (const { row, flag } of suspect.alsoFlag) await this.tx.run((m) => this.hours.addFlags(m, row, [flag]));
  }

  private position(dto: CheckInDto): Pick<CheckIn, 'lat' | 'lng' | 'accuracyM'> {
    return { lat: dto.lat, lng: dto.lng, accuracyM: Math.round(dto.accuracyM) };
  }

  /** Keeps the refused attempt with its reason (for staff and hand approval), then answers with that reason. */
  private async refuse(activity: ActivityWithOrg, userId: number, dto: CheckInDto, distanceM: number | null, refusal: CheckInRefusal, clientId: string | null): Promise<never> {
    const row = await this.tx.run((m) => this.activities.insertCheckIn(m, { activityId: activity.id, userId, status: 'refused', refusal, ...this.position(dto), distanceM, clientId }));
    throw new AppException(refusal, {
      checkInId: row.id,
      ...(refusal === 'outside_fence' ? { distanceM, radiusM: activity.radiusM } : {}),
    });
  }

  async listCheckIns(id: number): Promise<ListResponse<CheckInResponse>> {
    const activity = await this.activityService.require(id);
    const rows = await this.activities.findCheckInsOfActivity(id);
    return { items: await this.mapWithPeople(rows.map((c) => ({ c, activity }))) };
  }

  /** Check-ins with their members, approvers and closers, read from the users feature in one go. */
  async mapWithPeople(rows: Array<{ c: CheckIn; activity: Parameters<typeof mapCheckIn>[1] }>): Promise<CheckInResponse[]> {
    const ids = rows.flatMap(({ c }) => [c.userId, c.approvedBy, c.closedBy].filter((x): x is number => x !== null));
    const people = new Map<number, Member>((await this.users.findByIds([...new Set(ids)])).map((u) => [u.id, { id: u.id, nickname: u.nickname }]));
    const who = (id: number | null) => (id === null ? null : (people.get(id) ?? null));
    return rows.map(({ c, activity }) => mapCheckIn(c, activity, people.get(c.userId), { approver: who(c.approvedBy), closer: who(c.closedBy) }));
  }

  /**
   * Staff turn a refused attempt into attendance by hand, with a note; allowed from the moment check-in opens
   * until one activity-length after the end. The refusal reason, approver, time and note stay on the record.
   * Nobody approves their own attempt. A volunteer or training session starts counting hours from the attempt.
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
        if (!(await this.activities.approveRefused(m, c, auth.userId, note, countsHours(a.type) ? 'pending' : null))) throw new AppException('check_in_not_refused');
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppException('already_attended');
        throw e;
      }
    });
    const fresh = (await this.activities.findCheckIn(checkInId))!;
    return (await this.mapWithPeople([{ c: fresh, activity: a }]))[0];
  }

  async mine(auth: AuthContext): Promise<ListResponse<CheckInResponse>> {
    const rows = await this.activities.findCheckInsOfUser(auth.userId, 100);
    return { items: await this.mapWithPeople(rows.map((c) => ({ c, activity: c.activity }))) };
  }
}

/** Inside the fence, widened by the reported accuracy up to a limit. */
export function withinFence(distanceM: number | null, radiusM: number, accuracyM: number): boolean {
  const allowance = Math.min(Math.max(accuracyM, 0), ACCURACY_ALLOWANCE_MAX_M);
  return (distanceM ?? Infinity) <= radiusM + allowance;
}
