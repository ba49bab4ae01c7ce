import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  ACCURACY_ALLOWANCE_MAX_M,
  ActivityResponse,
  AttendanceResponse,
  CHECK_IN_OPENS_BEFORE_MIN,
  CheckInRefusal,
  CheckInResponse,
  haversineM,
  ListResponse,
  QR_SLOT_SECONDS,
  QrTokenResponse,
} from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { AuthContext, isAdmin } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { isUniqueViolation } from '../../common/db-errors';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { TransactionRunner } from '../../database/transaction.runner';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { resolveQuarter } from '../organizations/organizations.service';
import { PointsLedger } from '../points/points.ledger';
import { UsersRepository } from '../users/users.repository';
import { ActivitiesRepository, ActivityWithOrg } from './activities.repository';
import { mapActivity, mapCheckIn } from './activity.mapper';
import { Activity } from './activity.entity';
import { CheckIn } from './check-in.entity';
import type { CheckInDto, CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { QrTokens } from './qr-token';

const MAX_DURATION_MS = 24 * 3600_000;
const LIST_LIMIT = 100;
/** Lists show what is on now and coming, plus the past week. */
const LIST_PAST_MS = 7 * 24 * 3600_000;

type Attempt = { activity: ActivityWithOrg; auth: AuthContext; dto: CheckInDto; distanceM: number | null };

@Injectable()
export class ActivitiesService implements OnModuleInit {
  private readonly qr: QrTokens;

  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly ledger: PointsLedger,
    private readonly tx: TransactionRunner,
    private readonly scopes: ScopeRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.qr = new QrTokens(config.jwtSecret);
  }

  onModuleInit(): void {
    this.scopes.register('activity', async (id) => (await this.activities.findById(id))?.organization.area.path ?? null);
    this.scopes.register('check_in', async (id) => (await this.activities.findCheckIn(id))?.activity.organization.area.path ?? null);
  }

  private async require(id: number): Promise<ActivityWithOrg> {
    const a = await this.activities.findById(id);
    if (!a) throw new AppException('activity_not_found');
    return a;
  }

  /**
   * The activity as the check-in path sees it: cached for a few seconds, because hundreds of members scan within a
   * minute and the activity does not change meanwhile. This instance drops the entry on edit or cancel; another
   * instance sees the change within the TTL.
   */
  private readonly checkInCache = new Map<number, { activity: ActivityWithOrg; until: number }>();
  private static readonly CHECK_IN_CACHE_MS = 3000;

  private async requireForCheckIn(id: number): Promise<ActivityWithOrg> {
    const hit = this.checkInCache.get(id);
    if (hit && hit.until > Date.now()) return hit.activity;
    const activity = await this.require(id);
    if (this.checkInCache.size > 1000) this.checkInCache.clear();
    this.checkInCache.set(id, { activity, until: Date.now() + ActivitiesService.CHECK_IN_CACHE_MS });
    return activity;
  }

  private checkTimes(startsAt: Date, endsAt: Date): void {
    if (!(endsAt.getTime() > startsAt.getTime())) throw fieldError('activity_time_invalid', 'endsAt', '结束时间必须晚于开始时间');
    if (endsAt.getTime() - startsAt.getTime() > MAX_DURATION_MS) throw fieldError('activity_time_invalid', 'endsAt', '活动时长最多 24 小时');
  }

  async create(auth: AuthContext, dto: CreateActivityDto): Promise<ActivityResponse> {
    if (!(await this.orgs.findById(dto.organizationId))) throw new AppException('organization_not_found');
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    this.checkTimes(startsAt, endsAt);
    if (dto.type !== 'volunteer' && dto.points) throw fieldError('validation_failed', 'points', '只有志愿服务活动可以设置积分');
    const saved = await this.tx.run((m) =>
      m.getRepository(Activity).save(
        m.getRepository(Activity).create({
          organizationId: dto.organizationId,
          type: dto.type,
          title: dto.title.trim(),
          address: dto.address?.trim() || null,
          startsAt,
          endsAt,
          lat: dto.lat,
          lng: dto.lng,
          radiusM: dto.radiusM ?? 300,
          points: dto.type === 'volunteer' ? (dto.points ?? 0) : 0,
          capacity: dto.capacity ?? null,
          status: 'scheduled',
          createdBy: auth.userId,
        }),
      ),
    );
    return this.get(auth, saved.id);
  }

  async update(auth: AuthContext, id: number, dto: UpdateActivityDto): Promise<ActivityResponse> {
    const a = await this.require(id);
    if (a.status === 'cancelled') throw new AppException('activity_cancelled', undefined, '已取消的活动不能修改');
    const startsAt = dto.startsAt ? new Date(dto.startsAt) : a.startsAt;
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : a.endsAt;
    this.checkTimes(startsAt, endsAt);
    if (a.type !== 'volunteer' && dto.points) throw fieldError('validation_failed', 'points', '只有志愿服务活动可以设置积分');
    const attended = (await this.activities.countAttendance([id])).get(id) ?? 0;
    if (dto.points !== undefined && dto.points !== a.points && attended > 0) {
      throw new AppException('illegal_state', undefined, '已有成员签到，积分不能再修改');
    }
    this.checkInCache.delete(id);
    await this.tx.run((m) =>
      m.getRepository(Activity).update(
        { id },
        {
          ...(dto.title !== undefined ? { title: dto.title.trim() } : {}),
          ...(dto.address !== undefined ? { address: dto.address.trim() || null } : {}),
          startsAt,
          endsAt,
          ...(dto.lat !== undefined ? { lat: dto.lat } : {}),
          ...(dto.lng !== undefined ? { lng: dto.lng } : {}),
          ...(dto.radiusM !== undefined ? { radiusM: dto.radiusM } : {}),
          ...(dto.points !== undefined ? { points: dto.points } : {}),
          ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        },
      ),
    );
    return this.get(auth, id);
  }

  async cancel(auth: AuthContext, id: number): Promise<ActivityResponse> {
    const a = await this.require(id);
    this.checkInCache.delete(id);
    if (a.status !== 'cancelled') await this.tx.run((m) => m.getRepository(Activity).update({ id }, { status: 'cancelled' }));
    return this.get(auth, id);
  }

  /** Orgs the caller may attend at: verified memberships (either role). Volunteer activities are open to all. */
  private async eligibleOrgIds(userId: number): Promise<{ verified: Set<number>; active: number[] }> {
    const memberships = await this.orgs.findActiveMemberships(userId);
    return { verified: new Set(memberships.filter((m) => m.status === 'verified').map((m) => m.organizationId)), active: memberships.map((m) => m.organizationId) };
  }

  private isEligible(a: Pick<Activity, 'type' | 'organizationId'>, verified: Set<number>): boolean {
    return a.type === 'volunteer' || verified.has(a.organizationId);
  }

  async list(auth: AuthContext, scope: 'mine' | 'managed', organizationId?: number): Promise<ListResponse<ActivityResponse>> {
    const from = new Date(Date.now() - LIST_PAST_MS);
    const elig = await this.eligibleOrgIds(auth.userId);
    let rows: ActivityWithOrg[];
    if (scope === 'managed') {
      if (auth.role === 'worker') throw new AppException('forbidden', undefined, '只有工作人员可以管理活动');
      rows = await this.activities.findListed({ organizationIds: [], includeAllVolunteer: false, from, scopePaths: isAdmin(auth) ? null : auth.scopePaths, limit: LIST_LIMIT });
    } else {
      rows = await this.activities.findListed({ organizationIds: elig.active, includeAllVolunteer: true, from, limit: LIST_LIMIT });
    }
    if (organizationId) rows = rows.filter((r) => r.organizationId === organizationId);
    return { items: await this.mapMany(auth, rows, elig.verified) };
  }

  private async mapMany(auth: AuthContext, rows: ActivityWithOrg[], verified: Set<number>): Promise<ActivityResponse[]> {
    const ids = rows.map((r) => r.id);
    const [counts, mine] = await Promise.all([this.activities.countAttendance(ids), this.activities.findAttendance(auth.userId, ids)]);
    return rows.map((r) => mapActivity(r, { checkedInCount: counts.get(r.id) ?? 0, eligible: this.isEligible(r, verified), myCheckIn: mine.find((c) => c.activityId === r.id) ?? null }));
  }

  async get(auth: AuthContext, id: number): Promise<ActivityResponse> {
    const a = await this.require(id);
    const elig = await this.eligibleOrgIds(auth.userId);
    return (await this.mapMany(auth, [a], elig.verified))[0];
  }

  async qrToken(id: number): Promise<QrTokenResponse> {
    const a = await this.require(id);
    if (a.status === 'cancelled') throw new AppException('activity_cancelled');
    const { token, expiresAt } = this.qr.issue(id);
    return { token, expiresAt: expiresAt.toISOString(), slotSeconds: QR_SLOT_SECONDS };
  }

  /** The first rule an attempt breaks, in the order a member would want to hear them; null when it passes. */
  private async judge(attempt: Attempt, now: number): Promise<CheckInRefusal | null> {
    const { activity, auth, dto } = attempt;
    const verdict = this.qr.verify(dto.token, activity.id, now);
    if (!verdict.ok) return verdict.reason;
    if (now < activity.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MIN * 60_000 || now > activity.endsAt.getTime()) return 'outside_window';
    if (activity.type !== 'volunteer' && !(await this.orgs.findVerifiedOrganizationIds(auth.userId)).includes(activity.organizationId)) return 'not_eligible';
    const allowance = Math.min(Math.max(dto.accuracyM, 0), ACCURACY_ALLOWANCE_MAX_M);
    if ((attempt.distanceM ?? Infinity) > activity.radiusM + allowance) return 'outside_fence';
    return null;
  }

  async checkIn(auth: AuthContext, id: number, dto: CheckInDto): Promise<{ checkIn: CheckInResponse; created: boolean }> {
    const activity = await this.requireForCheckIn(id);
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
      const repo = m.getRepository(CheckIn);
      try {
        const row = await repo.save(
          repo.create({ activityId: id, userId: auth.userId, status: 'accepted', attendanceKey: `${id}:${auth.userId}`, lat: dto.lat, lng: dto.lng, accuracyM: Math.round(dto.accuracyM), distanceM }),
        );
        await this.awardVolunteerPoints(m, activity, row, null);
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

  /** Keeps the refused attempt with its reason (for staff and hand approval), then answers with that reason. */
  private async refuse(activity: ActivityWithOrg, userId: number, dto: CheckInDto, distanceM: number | null, refusal: CheckInRefusal): Promise<never> {
    const row = await this.tx.run((m) =>
      m.getRepository(CheckIn).save(
        m.getRepository(CheckIn).create({ activityId: activity.id, userId, status: 'refused', refusal, attendanceKey: null, lat: dto.lat, lng: dto.lng, accuracyM: Math.round(dto.accuracyM), distanceM }),
      ),
    );
    throw new AppException(refusal, {
      checkInId: row.id,
      ...(refusal === 'outside_fence' ? { distanceM, radiusM: activity.radiusM } : {}),
    });
  }

  private async awardVolunteerPoints(m: Parameters<PointsLedger['record']>[0], activity: Activity, row: CheckIn, actorId: number | null): Promise<void> {
    if (activity.type !== 'volunteer' || activity.points <= 0) return;
    await this.ledger.record(m, { userId: row.userId, delta: activity.points, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: row.id, actorId });
  }

  async listCheckIns(id: number): Promise<ListResponse<CheckInResponse>> {
    const activity = await this.require(id);
    const rows = await this.activities.findCheckInsOfActivity(id);
    const approvers = await this.approverNames(rows);
    return { items: rows.map((c) => mapCheckIn(c, activity, (c as CheckIn & { user?: { id: number; nickname: string } }).user, c.approvedBy ? approvers.get(c.approvedBy) : null)) };
  }

  private async approverNames(rows: CheckIn[]): Promise<Map<number, { id: number; nickname: string }>> {
    const out = new Map<number, { id: number; nickname: string }>();
    for (const id of new Set(rows.map((r) => r.approvedBy).filter((x): x is number => x !== null))) {
      const u = await this.users.findById(id);
      if (u) out.set(id, { id: u.id, nickname: u.nickname });
    }
    return out;
  }

  /**
   * Staff turn a refused attempt into attendance by hand, with a note; allowed from the moment check-in opens
   * until one activity-length after the end. The refusal reason, approver, time and note stay on the record.
   */
  async approve(auth: AuthContext, checkInId: number, note: string): Promise<CheckInResponse> {
    const c = await this.activities.findCheckIn(checkInId);
    if (!c) throw new AppException('check_in_not_found');
    const a = c.activity;
    if (c.status !== 'refused') throw new AppException('check_in_not_refused');
    const now = Date.now();
    const closes = a.endsAt.getTime() + (a.endsAt.getTime() - a.startsAt.getTime());
    if (now < a.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MIN * 60_000 || now > closes) {
      throw new AppException('approval_window_closed', undefined, '人工补签只能在签到开放后、活动结束后一个活动时长内进行');
    }
    await this.tx.run(async (m) => {
      if (await this.activities.findAttendanceOf(m, a.id, c.userId)) throw new AppException('already_attended');
      try {
        const r = await m
          .getRepository(CheckIn)
          .createQueryBuilder()
          .update()
          .set({ status: 'approved', attendanceKey: `${a.id}:${c.userId}`, approvedBy: auth.userId, approvedAt: new Date(), note })
          .where('id = :id AND status = :st', { id: c.id, st: 'refused' })
          .execute();
        if (!r.affected) throw new AppException('check_in_not_refused');
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppException('already_attended');
        throw e;
      }
      await this.awardVolunteerPoints(m, a, { ...c, status: 'approved' } as CheckIn, auth.userId);
    });
    const fresh = (await this.activities.findCheckIn(checkInId))!;
    const approver = await this.users.findById(auth.userId);
    return mapCheckIn(fresh, a, (fresh as CheckIn & { user?: { id: number; nickname: string } }).user, approver);
  }

  async mine(auth: AuthContext): Promise<ListResponse<CheckInResponse>> {
    const rows = await this.activities.findCheckInsOfUser(auth.userId, 100);
    const me = await this.users.findById(auth.userId);
    return { items: rows.map((c) => mapCheckIn(c, c.activity, me ?? undefined)) };
  }

  async attendance(auth: AuthContext, quarter: string | undefined): Promise<AttendanceResponse> {
    const range = resolveQuarter(quarter);
    const [meetings, all] = await Promise.all([
      this.activities.countAttendedBetween([auth.userId], ['meeting'], range.from, range.to),
      this.activities.countAttendedBetween([auth.userId], ['meeting', 'theme_day', 'volunteer', 'training'], range.from, range.to),
    ]);
    const volunteerPoints = await this.ledger.sumBetween(auth.userId, ['volunteer_check_in', 'volunteer_check_in_reversed'], range.from, range.to);
    return { quarter: range.quarter, meetingsAttended: meetings.get(auth.userId) ?? 0, activitiesAttended: all.get(auth.userId) ?? 0, volunteerPoints };
  }
}
