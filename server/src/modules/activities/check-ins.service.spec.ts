import { QR_SLOT_SECONDS } from '@xjy/shared';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AuthContext } from '../../common/auth/auth-context';
import { activityFactory, checkInFactory } from '../../../test/factories/activity.factory';
import { membershipFactory, organizationFactory } from '../../../test/factories/organization.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeActivitiesRepository, FakeLedger, FakeOrganizationsRepository, FakeUsersRepository, inlineTx, testConfig } from '../../../test/fakes/activities.fakes';
import { ActivitiesService } from './activities.service';
import { CheckInsService } from './check-ins.service';

const HOUR = 3600_000;
const worker = (userId: number): AuthContext => ({ userId, role: 'worker', scopePaths: [], scopeAreaIds: [] });
const staffOf = (userId: number, path: string): AuthContext => ({ userId, role: 'staff', scopePaths: [path], scopeAreaIds: [] });
const at = { lat: 38.3435, lng: 114.6839, accuracyM: 10 };

describe(CheckInsService.name, () => {
  let activities: FakeActivitiesRepository;
  let orgs: FakeOrganizationsRepository;
  let users: FakeUsersRepository;
  let ledger: FakeLedger;
  let activityService: ActivitiesService;
  let service: CheckInsService;
  const org = organizationFactory();
  const creator = userFactory({ role: 'staff', nickname: '张社工' });
  const colleague = userFactory({ role: 'staff', nickname: '李社工' });

  // Ten seconds into a code slot, so no test straddles a slot change.
  const NOW = Date.parse('2026-06-01T04:00:10Z');
  afterEach(() => jest.restoreAllMocks());

  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
    orgs = new FakeOrganizationsRepository();
    orgs.add(org);
    activities = new FakeActivitiesRepository(orgs);
    users = new FakeUsersRepository();
    users.add(creator, colleague);
    ledger = new FakeLedger();
    activityService = new ActivitiesService(activities.asRepository(), orgs.asRepository(), inlineTx, new ScopeRegistry(), testConfig);
    service = new CheckInsService(activityService, activities.asRepository(), orgs.asRepository(), users.asRepository(), ledger.asLedger(), inlineTx, testConfig);
  });

  const member = (verified = true) => {
    const u = userFactory();
    users.add(u);
    if (verified) orgs.memberships.push(membershipFactory({ userId: u.id, status: 'verified' }, org));
    return u;
  };
  const meeting = (over: Parameters<typeof activityFactory>[0] = {}) => {
    const a = activityFactory({ createdBy: creator.id, ...over }, Date.now(), org);
    activities.add(a);
    return a;
  };
  const volunteer = (points: number) => meeting({ type: 'volunteer', points });
  const code = (activityId: number, ms = Date.now()) => activityService.qr.issue(activityId, ms).token;
  const refusalOf = async (p: Promise<unknown>) => {
    const e = (await p.then(
      () => null,
      (x: unknown) => x,
    )) as { code?: string; status?: number } | null;
    return e ? { code: e.code, status: e.status } : null;
  };

  describe('check-in rules', () => {
    it('accepts a verified member at the place and time with the current code', async () => {
      const a = meeting();
      const m = member();
      const r = await service.checkIn(worker(m.id), a.id, { token: code(a.id), ...at });
      expect(r.created).toBe(true);
      expect(r.checkIn).toMatchObject({ status: 'accepted', activityId: a.id, member: { id: m.id } });
    });

    it('accepts the code of the previous slot, refuses older ones as expired', async () => {
      const a = meeting();
      const m = member();
      const previous = code(a.id, Date.now() - QR_SLOT_SECONDS * 1000);
      expect((await service.checkIn(worker(m.id), a.id, { token: previous, ...at })).created).toBe(true);
      const late = member();
      expect(await refusalOf(service.checkIn(worker(late.id), a.id, { token: code(a.id, Date.now() - 3 * QR_SLOT_SECONDS * 1000), ...at }))).toEqual({ code: 'qr_token_expired', status: 422 });
    });

    it("refuses another activity's code and a forged one", async () => {
      const a = meeting();
      const other = meeting();
      const m = member();
      expect(await refusalOf(service.checkIn(worker(m.id), a.id, { token: code(other.id), ...at }))).toEqual({ code: 'qr_token_wrong_activity', status: 422 });
      expect(await refusalOf(service.checkIn(worker(m.id), a.id, { token: `${a.id}.1.AAAAAAAAAAAAAAAAAAAAAA`, ...at }))).toEqual({ code: 'qr_token_invalid', status: 422 });
    });

    it('refuses outside the window: earlier than 30 minutes before the start, or after the end', async () => {
      const m = member();
      const early = meeting({ startsAt: new Date(Date.now() + HOUR), endsAt: new Date(Date.now() + 2 * HOUR) });
      expect((await refusalOf(service.checkIn(worker(m.id), early.id, { token: code(early.id), ...at })))?.code).toBe('outside_window');
      const opening = meeting({ startsAt: new Date(Date.now() + 20 * 60_000), endsAt: new Date(Date.now() + HOUR) });
      expect((await service.checkIn(worker(m.id), opening.id, { token: code(opening.id), ...at })).created).toBe(true);
      const over = meeting({ startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - 60_000) });
      expect((await refusalOf(service.checkIn(worker(m.id), over.id, { token: code(over.id), ...at })))?.code).toBe('outside_window');
    });

    it('refuses outside the fence, widened by the reported accuracy up to 100 m only', async () => {
      const a = meeting({ radiusM: 100 });
      // About 180 m north of the activity's point.
      const away = { lat: at.lat + 0.0016, lng: at.lng };
      expect((await refusalOf(service.checkIn(worker(member().id), a.id, { token: code(a.id), ...away, accuracyM: 10 })))?.code).toBe('outside_fence');
      expect((await service.checkIn(worker(member().id), a.id, { token: code(a.id), ...away, accuracyM: 90 })).created).toBe(true);
      const far = { lat: at.lat + 0.0020, lng: at.lng }; // about 220 m: beyond 100 m + the 100 m cap
      expect((await refusalOf(service.checkIn(worker(member().id), a.id, { token: code(a.id), ...far, accuracyM: 5000 })))?.code).toBe('outside_fence');
    });

    it('lets only verified members check in to a meeting, anyone to volunteer service', async () => {
      const m = member(false);
      orgs.memberships.push(membershipFactory({ userId: m.id, status: 'pending' }, org));
      const a = meeting();
      expect((await refusalOf(service.checkIn(worker(m.id), a.id, { token: code(a.id), ...at })))?.code).toBe('not_eligible');
      const v = volunteer(5);
      expect((await service.checkIn(worker(m.id), v.id, { token: code(v.id), ...at })).created).toBe(true);
    });

    it('keeps one attendance per member: a repeat returns the same check-in, whatever the code says', async () => {
      const a = meeting();
      const m = member();
      const first = await service.checkIn(worker(m.id), a.id, { token: code(a.id), ...at });
      const again = await service.checkIn(worker(m.id), a.id, { token: 'garbage', ...at });
      expect(again).toEqual({ checkIn: first.checkIn, created: false });
      expect(activities.checkIns.filter((c) => c.userId === m.id && c.status !== 'refused')).toHaveLength(1);
    });

    it('answers a member who lost a race on the attendance key with the winner, not an error', async () => {
      const a = meeting();
      const m = member();
      const winner = checkInFactory({ activityId: a.id, userId: m.id });
      const original = activities.findAttendanceOf.bind(activities);
      let calls = 0;
      // The first look sees nothing (the other attempt has not committed); the insert then hits the key.
      activities.findAttendanceOf = async (...args) => (++calls === 1 ? null : original(...args));
      activities.checkIns.push(winner);
      const r = await service.checkIn(worker(m.id), a.id, { token: code(a.id), ...at });
      expect(r).toMatchObject({ created: false, checkIn: { id: winner.id } });
    });

    it('refuses when the activity is full, and after it was cancelled', async () => {
      const a = meeting({ capacity: 1 });
      await service.checkIn(worker(member().id), a.id, { token: code(a.id), ...at });
      expect((await refusalOf(service.checkIn(worker(member().id), a.id, { token: code(a.id), ...at })))?.code).toBe('activity_full');
      const c = meeting({ status: 'cancelled' });
      expect(await refusalOf(service.checkIn(worker(member().id), c.id, { token: code(c.id), ...at }))).toEqual({ code: 'activity_cancelled', status: 409 });
    });

    it('records every refused attempt with its reason, and no attendance', async () => {
      const a = meeting();
      const m = member();
      await refusalOf(service.checkIn(worker(m.id), a.id, { token: 'garbage', ...at }));
      expect(activities.checkIns).toEqual([expect.objectContaining({ userId: m.id, status: 'refused', refusal: 'qr_token_invalid', attendanceKey: null })]);
    });

    it("refuses the activity's creator checking in at it (own_activity), whatever else is right", async () => {
      const v = volunteer(20);
      orgs.memberships.push(membershipFactory({ userId: creator.id, status: 'verified' }, org));
      expect(await refusalOf(service.checkIn(staffOf(creator.id, org.area.path), v.id, { token: code(v.id), ...at }))).toEqual({ code: 'own_activity', status: 422 });
      expect(ledger.balance(creator.id)).toBe(0);
    });
  });

  describe('volunteer points', () => {
    it('awards the activity points through the ledger once, and none for a meeting', async () => {
      const v = volunteer(7);
      const m = member();
      const r = await service.checkIn(worker(m.id), v.id, { token: code(v.id), ...at });
      await service.checkIn(worker(m.id), v.id, { token: code(v.id), ...at });
      expect(r.checkIn.pointsAwarded).toBe(7);
      expect(ledger.entries).toEqual([expect.objectContaining({ userId: m.id, delta: 7, reason: 'volunteer_check_in', sourceType: 'check_in', sourceId: r.checkIn.id })]);
      await service.checkIn(worker(m.id), meeting().id, { token: code([...activities.activities.keys()].at(-1)!), ...at });
      expect(ledger.balance(m.id)).toBe(7);
    });

    it('stops at the daily cap: the check-in that crosses it earns the rest, later ones nothing', async () => {
      const m = member();
      const earned: number[] = [];
      for (const points of [20, 15, 20, 5]) {
        const v = volunteer(points);
        earned.push((await service.checkIn(worker(m.id), v.id, { token: code(v.id), ...at })).checkIn.pointsAwarded);
      }
      expect(earned).toEqual([20, 15, 5, 0]);
      expect(ledger.balance(m.id)).toBe(testConfig.volunteerPointsDailyCap);
      expect(activities.checkIns.map((c) => c.pointsAwarded)).toEqual([20, 15, 5, 0]);
    });
  });

  describe('hand approval', () => {
    const refuse = async (userId: number, activityId: number) => {
      await refusalOf(service.checkIn(worker(userId), activityId, { token: code(activityId), lat: at.lat + 0.01, lng: at.lng, accuracyM: 10 }));
      return activities.checkIns.find((c) => c.userId === userId && c.activityId === activityId && c.status === 'refused')!;
    };

    it('turns a refused attempt into attendance with the note and approver, and awards points once', async () => {
      const v = volunteer(6);
      const m = member();
      const refused = await refuse(m.id, v.id);
      const ok = await service.approve(staffOf(colleague.id, org.area.path), refused.id, '定位漂移，现场核实');
      expect(ok).toMatchObject({ status: 'approved', refusal: 'outside_fence', note: '定位漂移，现场核实', member: { id: m.id, nickname: m.nickname }, approvedBy: { id: colleague.id, nickname: '李社工' }, pointsAwarded: 6 });
      expect((await service.listCheckIns(v.id)).items).toEqual([expect.objectContaining({ id: refused.id, member: { id: m.id, nickname: m.nickname }, approvedBy: { id: colleague.id, nickname: '李社工' } })]);
      expect(await refusalOf(service.approve(staffOf(colleague.id, org.area.path), refused.id, '再批'))).toEqual({ code: 'check_in_not_refused', status: 409 });
      expect(ledger.balance(m.id)).toBe(6);
    });

    it('refuses approving a second attendance for a member who already attended', async () => {
      const a = meeting();
      const m = member();
      const refused = await refuse(m.id, a.id);
      await service.checkIn(worker(m.id), a.id, { token: code(a.id), ...at });
      expect((await refusalOf(service.approve(staffOf(colleague.id, org.area.path), refused.id, '补签')))?.code).toBe('already_attended');
    });

    it('refuses staff approving their own refused attempt (own_check_in); a colleague may', async () => {
      const v = volunteer(5);
      const refused = (await refusalOf(service.checkIn(staffOf(creator.id, org.area.path), v.id, { token: code(v.id), ...at })))!;
      expect(refused.code).toBe('own_activity');
      const row = activities.checkIns.find((c) => c.userId === creator.id)!;
      expect(await refusalOf(service.approve(staffOf(creator.id, org.area.path), row.id, '我在场'))).toEqual({ code: 'own_check_in', status: 403 });
      expect(ledger.balance(creator.id)).toBe(0);
      expect((await service.approve(staffOf(colleague.id, org.area.path), row.id, '同事核实')).status).toBe('approved');
    });

    it('closes hand approval one activity-length after the end', async () => {
      const a = meeting({ startsAt: new Date(Date.now() - 5 * HOUR), endsAt: new Date(Date.now() - 4 * HOUR) });
      const m = member();
      const refused = await refuse(m.id, a.id);
      expect(refused.refusal).toBe('outside_window');
      expect(await refusalOf(service.approve(staffOf(colleague.id, org.area.path), refused.id, '补签'))).toEqual({ code: 'approval_window_closed', status: 409 });
    });
  });
});
