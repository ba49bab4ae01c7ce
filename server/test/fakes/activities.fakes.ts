import type { ActivityType, CheckInFlag, HoursStatus, PointsReason } from '@xjy/shared';
import type { AppConfig } from '../../src/config/app.config';
import type { TransactionRunner } from '../../src/database/transaction.runner';
import type { ActivitiesRepository, ActivityFields, ActivityWithOrg, CheckInFields } from '../../src/modules/activities/activities.repository';
import { attendanceKeyOf } from '../../src/modules/activities/activities.repository';
import type { CheckIn } from '../../src/modules/activities/check-in.entity';
import type { HoursRepository, LastPosition, SessionClose } from '../../src/modules/activities/hours.repository';
import type { MembershipWithOrg, OrganizationsRepository, OrganizationWithArea } from '../../src/modules/organizations/organizations.repository';
import type { PointsEvent, PointsLedger } from '../../src/modules/points/points-ledger.repository';
import type { User } from '../../src/modules/users/user.entity';
import type { UsersRepository } from '../../src/modules/users/users.repository';
import { checkInFactory } from '../factories/activity.factory';
import { nextId } from '../factories/sequence';

/** The driver's duplicate-key error, as the services recognise it. */
export const duplicateKey = () => Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY' });

/** Runs the work at once; the fakes keep no transactions. */
export const inlineTx = { run: <T>(work: (m: never) => Promise<T>) => work({} as never) } as unknown as TransactionRunner;

export const testConfig = { jwtSecret: 'unit-test-secret-unit-test-secret', volunteerPointsDailyCap: 40, reportPointsDailyCap: 30 } as AppConfig;

/** Activities and check-ins in memory, with the attendance key's uniqueness. */
export class FakeActivitiesRepository {
  readonly activities = new Map<number, ActivityWithOrg>();
  readonly checkIns: CheckIn[] = [];

  constructor(private readonly orgs?: FakeOrganizationsRepository) {}

  add(...activities: ActivityWithOrg[]): void {
    for (const a of activities) this.activities.set(a.id, a);
  }

  async findById(id: number) {
    return this.activities.get(id) ?? null;
  }
  async create(_m: unknown, fields: ActivityFields) {
    const org = this.orgs?.organizations.get(fields.organizationId);
    const a = { ...fields, id: nextId(), createdAt: new Date(), updatedAt: new Date(), organization: org } as ActivityWithOrg;
    this.activities.set(a.id, a);
    return a;
  }
  async update(_m: unknown, id: number, patch: Partial<ActivityFields>) {
    Object.assign(this.activities.get(id)!, patch);
  }
  async lockForCheckIn() {}
  async findListed() {
    return [...this.activities.values()];
  }
  async countAttendance(ids: number[]) {
    const out = new Map<number, number>();
    for (const c of this.checkIns) if (ids.includes(c.activityId) && (c.status === 'accepted' || c.status === 'approved')) out.set(c.activityId, (out.get(c.activityId) ?? 0) + 1);
    return out;
  }
  async findAttendance(userId: number, ids: number[]) {
    return this.checkIns.filter((c) => c.userId === userId && ids.includes(c.activityId) && (c.status === 'accepted' || c.status === 'approved'));
  }
  async findAttendanceOf(_m: unknown, activityId: number, userId: number) {
    return this.checkIns.find((c) => c.attendanceKey === attendanceKeyOf(activityId, userId)) ?? null;
  }
  async insertCheckIn(_m: unknown, fields: CheckInFields) {
    const row = checkInFactory({
      ...fields,
      refusal: fields.refusal ?? null,
      clientId: fields.clientId ?? null,
      flags: fields.flags ?? [],
      reviewStatus: fields.reviewStatus ?? null,
      hoursStatus: fields.hoursStatus ?? null,
      createdAt: new Date(Date.now()),
    });
    if (row.attendanceKey && this.checkIns.some((c) => c.attendanceKey === row.attendanceKey)) throw duplicateKey();
    this.checkIns.push(row);
    return { ...row };
  }
  async approveRefused(_m: unknown, c: Pick<CheckIn, 'id' | 'activityId' | 'userId'>, approvedBy: number, note: string, hoursStatus: CheckIn['hoursStatus'] = null) {
    const row = this.checkIns.find((x) => x.id === c.id);
    if (!row || row.status !== 'refused') return false;
    const key = attendanceKeyOf(c.activityId, c.userId);
    if (this.checkIns.some((x) => x.attendanceKey === key)) throw duplicateKey();
    Object.assign(row, { status: 'approved', attendanceKey: key, approvedBy, approvedAt: new Date(), note, hoursStatus });
    return true;
  }
  async setPointsAwarded(_m: unknown, id: number, points: number) {
    this.checkIns.find((c) => c.id === id)!.pointsAwarded = points;
  }
  async findCheckIn(id: number) {
    const c = this.checkIns.find((x) => x.id === id);
    return c ? { ...c, activity: this.activities.get(c.activityId)! } : null;
  }
  async findCheckInsOfActivity(activityId: number) {
    return this.checkIns.filter((c) => c.activityId === activityId);
  }
  /** Distinct activities each user attended (accepted or approved) among scheduled ones of these types starting in [from, to). */
  async countAttendedBetween(userIds: number[], types: ActivityType[], from: Date, to: Date) {
    const out = new Map<number, number>(userIds.map((id) => [id, 0]));
    for (const id of userIds) {
      const attended = new Set(
        this.checkIns
          .filter((c) => c.userId === id && (c.status === 'accepted' || c.status === 'approved'))
          .flatMap((c) => {
            const a = this.activities.get(c.activityId);
            return a && types.includes(a.type) && a.status === 'scheduled' && a.startsAt >= from && a.startsAt < to ? [a.id] : [];
          }),
      );
      out.set(id, attended.size);
    }
    return out;
  }
  async findCheckInsOfUser(userId: number) {
    return this.checkIns.filter((c) => c.userId === userId).map((c) => ({ ...c, activity: this.activities.get(c.activityId)! }));
  }
  asRepository(): ActivitiesRepository {
    return this as unknown as ActivitiesRepository;
  }
}

/** Organizations and memberships in memory. */
export class FakeOrganizationsRepository {
  readonly organizations = new Map<number, OrganizationWithArea>();
  readonly memberships: MembershipWithOrg[] = [];
  decided: Array<{ id: number; decision: string; actorId: number }> = [];

  add(...orgs: OrganizationWithArea[]): void {
    for (const o of orgs) this.organizations.set(o.id, o);
  }
  async findById(id: number) {
    return this.organizations.get(id) ?? null;
  }
  async create(areaId: number, name: string, area?: OrganizationWithArea['area']) {
    if ([...this.organizations.values()].some((o) => o.areaId === areaId)) return null;
    const id = Math.max(0, ...this.organizations.keys()) + 1;
    const org = { id, areaId, name, createdAt: new Date(), area: area ?? ({ id: areaId, name: `区域${areaId}`, level: 'community', path: `/${areaId}/`, code: `A${areaId}` } as OrganizationWithArea['area']) };
    this.organizations.set(id, org as OrganizationWithArea);
    return org as OrganizationWithArea;
  }
  async findVerifiedOrganizationIds(userId: number) {
    return this.memberships.filter((m) => m.userId === userId && m.status === 'verified').map((m) => m.organizationId);
  }
  async findActiveMemberships(userId: number) {
    return this.memberships.filter((m) => m.userId === userId && (m.status === 'pending' || m.status === 'verified'));
  }
  async findMembership(id: number) {
    return this.memberships.find((m) => m.id === id) ?? null;
  }
  async decide(id: number, decision: 'verified' | 'declined', actorId: number, note: string | null) {
    const m = this.memberships.find((x) => x.id === id);
    if (!m || m.status !== 'pending') return false;
    Object.assign(m, { status: decision, decidedBy: actorId, note, ...(decision === 'declined' ? { activeKey: null } : { verifiedAt: new Date() }) });
    this.decided.push({ id, decision, actorId });
    return true;
  }
  /** Active memberships (pending or verified) in organizations under any of the paths (all when null), by area code then user. */
  async findMembershipsInSubtrees(paths: string[] | null) {
    return this.memberships
      .filter((m) => m.status === 'pending' || m.status === 'verified')
      .filter((m) => paths === null || paths.some((p) => m.organization.area.path.startsWith(p)))
      .sort((a, b) => a.organization.area.code.localeCompare(b.organization.area.code) || a.userId - b.userId);
  }
  async end(id: number) {
    const m = this.memberships.find((x) => x.id === id);
    if (!m || !(m.status === 'pending' || m.status === 'verified')) return false;
    Object.assign(m, { status: 'ended', activeKey: null, endedAt: new Date() });
    return true;
  }
  asRepository(): OrganizationsRepository {
    return this as unknown as OrganizationsRepository;
  }
}

export class FakeUsersRepository {
  readonly users = new Map<number, User>();
  add(...users: User[]): void {
    for (const u of users) this.users.set(u.id, u);
  }
  async findById(id: number) {
    return this.users.get(id) ?? null;
  }
  async findByIds(ids: number[]) {
    return [...new Set(ids)].map((id) => this.users.get(id)).filter((u): u is User => Boolean(u));
  }
  asRepository(): UsersRepository {
    return this as unknown as UsersRepository;
  }
}

/** The ledger's rules that matter to callers: one entry per (reason, source, user), sums by reason and time. */
export class FakeLedger {
  readonly entries: Array<PointsEvent & { createdAt: Date }> = [];
  async record(_m: unknown, e: PointsEvent) {
    const same = this.entries.find((x) => x.reason === e.reason && x.sourceType === e.sourceType && x.sourceId === e.sourceId && x.userId === e.userId);
    if (same) return { recorded: false, entry: same };
    const entry = { ...e, createdAt: new Date() };
    this.entries.push(entry);
    return { recorded: true, entry };
  }
  async lockBalance() {}
  async sumSince(_m: unknown, userId: number, reasons: PointsReason[], since: Date) {
    return this.entries.filter((x) => x.userId === userId && reasons.includes(x.reason) && x.createdAt >= since).reduce((s, x) => s + x.delta, 0);
  }
  async sumBetween(userId: number, reasons: PointsReason[], from: Date, to: Date) {
    return this.entries.filter((x) => x.userId === userId && reasons.includes(x.reason) && x.createdAt >= from && x.createdAt < to).reduce((s, x) => s + x.delta, 0);
  }
  balance(userId: number): number {
    return this.entries.filter((x) => x.userId === userId).reduce((s, x) => s + x.delta, 0);
  }
  asLedger(): PointsLedger {
    return this as unknown as PointsLedger;
  }
}

/** Sign-out, hours, flags and reviews over the same in-memory check-ins as FakeActivitiesRepository. */
export class FakeHoursRepository {
  constructor(private readonly activities: FakeActivitiesRepository) {}

  private get rows(): CheckIn[] {
    return this.activities.checkIns;
  }
  private attended(c: CheckIn): boolean {
    return c.status === 'accepted' || c.status === 'approved';
  }
  async closeSession(_m: unknown, id: number, close: SessionClose) {
    const row = this.rows.find((c) => c.id === id);
    if (!row || row.signedOutAt) return false;
    Object.assign(row, close);
    return true;
  }
  async findSessions(activityId: number) {
    return this.rows.filter((c) => c.activityId === activityId && this.attended(c)).map((c) => ({ ...c }));
  }
  async settleHours(_m: unknown, id: number, from: HoursStatus[], to: HoursStatus, hours: number) {
    const row = this.rows.find((c) => c.id === id);
    if (!row || !row.hoursStatus || !from.includes(row.hoursStatus) || !this.attended(row)) return false;
    Object.assign(row, { hoursStatus: to, hours, ...(to === 'confirmed' ? { hoursConfirmedAt: new Date() } : {}) });
    return true;
  }
  async markActivityConfirmed(_m: unknown, activityId: number, by: number, at: Date) {
    Object.assign(this.activities.activities.get(activityId)!, { hoursConfirmedAt: at, hoursConfirmedBy: by });
  }
  async suspects(activityId: number, userId: number, clientId: string | null, at: 'in' | 'out', lat: number, lng: number) {
    const same = (a: number | null, b: number) => a !== null && a.toFixed(6) === b.toFixed(6);
    return this.rows.filter(
      (c) =>
        c.activityId === activityId &&
        c.userId !== userId &&
        this.attended(c) &&
        ((clientId !== null && c.clientId === clientId) || (at === 'in' ? same(c.lat, lat) && same(c.lng, lng) : same(c.signOutLat, lat) && same(c.signOutLng, lng))),
    );
  }
  async lastPosition(userId: number): Promise<LastPosition | null> {
    const c = this.rows.filter((x) => x.userId === userId && x.lat !== null && x.lng !== null).sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime())[0];
    if (!c) return null;
    if (c.signedOutAt && c.signOutLat !== null && c.signOutLng !== null && c.signedOutAt > c.createdAt) return { at: c.signedOutAt, lat: c.signOutLat, lng: c.signOutLng };
    return { at: c.createdAt, lat: c.lat!, lng: c.lng! };
  }
  async addFlags(_m: unknown, row: Pick<CheckIn, 'id' | 'flags' | 'reviewStatus'>, flags: CheckInFlag[]) {
    const stored = this.rows.find((c) => c.id === row.id)!;
    const merged = [...new Set([...stored.flags, ...flags])];
    if (merged.length === stored.flags.length) return;
    stored.flags = merged;
    if (stored.reviewStatus === null) stored.reviewStatus = 'pending';
  }
  async findFlagged(scopePaths: string[] | null) {
    return this.rows
      .filter((c) => c.reviewStatus === 'pending')
      .map((c) => ({ ...c, activity: this.activities.activities.get(c.activityId)! }))
      .filter((c) => scopePaths === null || scopePaths.some((p) => c.activity.organization.area.path.startsWith(p)));
  }
  async review(_m: unknown, id: number, decision: 'accepted' | 'rejected', by: number, note: string) {
    const row = this.rows.find((c) => c.id === id);
    if (!row || row.reviewStatus !== 'pending') return false;
    Object.assign(row, { reviewStatus: decision, reviewedBy: by, reviewedAt: new Date(), reviewNote: note, ...(decision === 'rejected' ? { status: 'rejected' } : {}) });
    return true;
  }
  async sumConfirmedHours(userIds: number[], from: Date, to: Date) {
    const out = new Map<number, number>(userIds.map((id) => [id, 0]));
    for (const c of this.rows) {
      const a = this.activities.activities.get(c.activityId);
      if (!a || !userIds.includes(c.userId) || c.hoursStatus !== 'confirmed' || !this.attended(c) || a.startsAt < from || a.startsAt >= to) continue;
      out.set(c.userId, Math.round(((out.get(c.userId) ?? 0) + (c.hours ?? 0)) * 100) / 100);
    }
    return out;
  }
  async attendedMeetings(userIds: number[], from: Date, to: Date) {
    return this.rows.flatMap((c) => {
      const a = this.activities.activities.get(c.activityId);
      return a && userIds.includes(c.userId) && this.attended(c) && a.type === 'meeting' && a.status === 'scheduled' && a.startsAt >= from && a.startsAt < to
        ? [{ userId: c.userId, kind: a.meetingKind, startsAt: a.startsAt }]
        : [];
    });
  }
  asRepository(): HoursRepository {
    return this as unknown as HoursRepository;
  }
}
