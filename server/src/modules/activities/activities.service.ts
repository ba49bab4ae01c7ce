import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { ActivityResponse, HOURS_THRESHOLD_PCT_DEFAULT, ListResponse, QR_SLOT_SECONDS, QrTokenResponse } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { AuthContext, isAdmin } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { CLUSTER_BUS, type ClusterBus, InProcessClusterBus } from '../../common/redis/cluster-bus';
import { announceInvalidation, listenForInvalidations } from '../../common/redis/shared-invalidation';
import { TtlCache } from '../../common/ttl-cache';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { TransactionRunner } from '../../database/transaction.runner';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { ActivitiesRepository, ActivityWithOrg } from './activities.repository';
import { mapActivity } from './activity.mapper';
import type { Activity } from './activity.entity';
import type { CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { QrSightings } from './qr-sightings';
import { QrTokens } from './qr-token';

const MAX_DURATION_MS = 24 * 3600_000;
const LIST_LIMIT = 100;
/** Lists show what is on now and coming, plus the past week. */
const LIST_PAST_MS = 7 * 24 * 3600_000;

/** Activities themselves: create, edit, cancel, list, and the rotating check-in code for the staff screen. */
@Injectable()
export class ActivitiesService implements OnModuleInit {
  readonly qr: QrTokens;

  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly orgs: OrganizationsRepository,
    private readonly tx: TransactionRunner,
    private readonly scopes: ScopeRegistry,
    private readonly sightings: QrSightings,
    @Inject(APP_CONFIG) config: AppConfig,
    // Optional so unit specs can build the service alone; the app always has the bus (CommonModule).
    @Optional() @Inject(CLUSTER_BUS) private readonly bus: ClusterBus = new InProcessClusterBus(),
  ) {
    this.qr = new QrTokens(config.jwtSecret);
    listenForInvalidations(bus, 'activities', this.checkInCache);
  }

  onModuleInit(): void {
    this.scopes.register('activity', async (id) => (await this.activities.findById(id))?.organization.area.path ?? null);
    this.scopes.register('check_in', async (id) => (await this.activities.findCheckIn(id))?.activity.organization.area.path ?? null);
  }

  async require(id: number): Promise<ActivityWithOrg> {
    const a = await this.activities.findById(id);
    if (!a) throw new AppException('activity_not_found');
    return a;
  }

  /**
   * The activity as the check-in path sees it: cached for a few seconds, because hundreds of members scan within a
   * minute and the activity does not change meanwhile. An edit or cancel drops the entry on every instance (the
   * cluster bus); a lost message leaves it at most the TTL.
   */
  private readonly checkInCache = new TtlCache<number, ActivityWithOrg>({ ttlMs: 3000, maxEntries: 1000 });

  requireForCheckIn(id: number): Promise<ActivityWithOrg> {
    return this.checkInCache.getOrLoad(id, (key) => this.require(key));
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
    if (dto.type !== 'meeting' && dto.meetingKind) throw fieldError('validation_failed', 'meetingKind', '只有组织生活会可以选择会议类型');
    const saved = await this.tx.run((m) =>
      this.activities.create(m, {
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
        hoursThresholdPct: dto.hoursThresholdPct ?? HOURS_THRESHOLD_PCT_DEFAULT,
        meetingKind: dto.type === 'meeting' ? (dto.meetingKind ?? null) : null,
      }),
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
    if (a.type !== 'meeting' && dto.meetingKind) throw fieldError('validation_failed', 'meetingKind', '只有组织生活会可以选择会议类型');
    const attended = (await this.activities.countAttendance([id])).get(id) ?? 0;
    if (dto.points !== undefined && dto.points !== a.points && attended > 0) {
      throw new AppException('illegal_state', undefined, '已有成员签到，积分不能再修改');
    }
    void announceInvalidation(this.bus, 'activities', id);
    await this.tx.run((m) =>
      this.activities.update(m, id, {
        ...(dto.title !== undefined ? { title: dto.title.trim() } : {}),
        ...(dto.address !== undefined ? { address: dto.address.trim() || null } : {}),
        startsAt,
        endsAt,
        ...(dto.lat !== undefined ? { lat: dto.lat } : {}),
        ...(dto.lng !== undefined ? { lng: dto.lng } : {}),
        ...(dto.radiusM !== undefined ? { radiusM: dto.radiusM } : {}),
        ...(dto.points !== undefined ? { points: dto.points } : {}),
        ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        ...(dto.hoursThresholdPct !== undefined ? { hoursThresholdPct: dto.hoursThresholdPct } : {}),
        ...(dto.meetingKind !== undefined ? { meetingKind: dto.meetingKind } : {}),
      }),
    );
    return this.get(auth, id);
  }

  async cancel(auth: AuthContext, id: number): Promise<ActivityResponse> {
    const a = await this.require(id);
    void announceInvalidation(this.bus, 'activities', id);
    if (a.status !== 'cancelled') await this.tx.run((m) => this.activities.update(m, id, { status: 'cancelled' }));
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
    const { token, code, slot, expiresAt } = this.qr.issue(id);
    this.sightings.shown(id, slot);
    return { token, code, expiresAt: expiresAt.toISOString(), slotSeconds: QR_SLOT_SECONDS };
  }
}
