import { QR_SLOT_SECONDS } from '@xjy/shared';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AuthContext } from '../../common/auth/auth-context';
import { activityFactory, checkInFactory } from '../../../test/factories/activity.factory';
import { membershipFactory, organizationFactory } from '../../../test/factories/organization.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeActivitiesRepository, FakeHoursRepository, FakeLedger, FakeOrganizationsRepository, FakeUsersRepository, inlineTx, testConfig } from '../../../test/fakes/activities.fakes';
import { ActivitiesService } from './activities.service';
import { CheckInsService } from './check-ins.service';
import { ProxySuspicionService } from './proxy-suspicion.service';
import { QrSightings } from './qr-sightings';

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
    const sightings = new QrSightings();
    const hours = new FakeHoursRepository(activities).asRepository();
    activityService = new ActivitiesService(activities.asRepository(), orgs.asRepository(), inlineTx, new ScopeRegistry(), sightings, testConfig);
    service = new CheckInsService(activityService, activities.asRepository(), hours, orgs.asRepository(), users.asRepository(), new ProxySuspicionService(hours, sightings), inlineTx);
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

  describe('volunteer sessions and suspicion', () => {
    it('opens an hours session for volunteer service and awards no points before confirmation', async () => {
      const v = volunteer(7);
      const m = member();
      const r = await service.checkIn(worker(m.id), v.id, { token: code(v.id), ...at, lat: at.lat + 0.0001 });
      expect(r.checkIn).toMatchObject({ hoursStatus: 'pending', hours: null, pointsAwarded: 0, flags: [], review: null });
      expect(ledger.entries).toEqual([]);
      const onMeeting = await service.checkIn(worker(m.id), meeting().id, { token: code([...activities.activities.keys()].at(-1)!), ...at, lat: at.lat + 0.0001 });
      expect(onMeeting.checkIn.hoursStatus).toBeNull();
    });

    it('records a suspect check-in as attendance waiting for review, with the client kept, and flags the earlier one too', async () => {
      const v = volunteer(0);
      const [x, y] = [member(), member()];
      await service.checkIn(worker(x.id), v.id, { token: code(v.id), ...at, lat: at.lat + 0.0002 }, 'phone-aaaaaaaa');
      const second = await service.checkIn(worker(y.id), v.id, { token: code(v.id), ...at, lat: at.lat + 0.0003 }, 'phone-aaaaaaaa');
      expect(second.checkIn).toMatchObject({ status: 'accepted', flags: ['shared_client'], review: 'pending' });
      expect(activities.checkIns.find((c) => c.userId === x.id)).toMatchObject({ clientId: 'phone-aaaaaaaa', flags: ['shared_client'], reviewStatus: 'pending' });
    });
  });

  describe('hand approval', () => {
    const refuse = async (userId: number, activityId: number) => {
      await refusalOf(service.checkIn(worker(userId), activityId, { token: code(activityId), lat: at.lat + 0.01, lng: at.lng, accuracyM: 10 }));
      return activities.checkIns.find((c) => c.userId === userId && c.activityId === activityId && c.status === 'refused')!;
    };

    it('turns a refused attempt into attendance with the note and approver, opening an hours session', async () => {
      const v = volunteer(6);
      const m = member();
      const refused = await refuse(m.id, v.id);
      const ok = await service.approve(staffOf(colleague.id, org.area.path), refused.id, '定位漂移，现场核实');
      expect(ok).toMatchObject({ status: 'approved', refusal: 'outside_fence', note: '定位漂移，现场核实', member: { id: m.id, nickname: m.nickname }, approvedBy: { id: colleague.id, nickname: '李社工' }, hoursStatus: 'pending' });
      expect((await service.listCheckIns(v.id)).items).toEqual([expect.objectContaining({ id: refused.id, member: { id: m.id, nickname: m.nickname }, approvedBy: { id: colleague.id, nickname: '李社工' } })]);
      expect(await refusalOf(service.approve(staffOf(colleague.id, org.area.path), refused.id, '再批'))).toEqual({ code: 'check_in_not_refused', status: 409 });
      // Volunteer points follow the confirmed hours, not the approval.
      expect(ledger.balance(m.id)).toBe(0);
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
