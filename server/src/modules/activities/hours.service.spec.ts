import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AuthContext } from '../../common/auth/auth-context';
import { activityFactory } from '../../../test/factories/activity.factory';
import { organizationFactory } from '../../../test/factories/organization.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeActivitiesRepository, FakeHoursRepository, FakeLedger, FakeOrganizationsRepository, FakeUsersRepository, inlineTx, testConfig } from '../../../test/fakes/activities.fakes';
import type { PointsLedger } from '../points/points-ledger.repository';
import { ActivitiesService } from './activities.service';
import { CheckInsService } from './check-ins.service';
import { HoursService } from './hours.service';
import { ProxySuspicionService } from './proxy-suspicion.service';
import { QrSightings } from './qr-sightings';
import { VolunteerPoints } from './volunteer-points';

const MIN = 60_000;
const worker = (userId: number): AuthContext => ({ userId, role: 'worker', scopePaths: [], scopeAreaIds: [] });
const staff = (userId: number): AuthContext => ({ userId, role: 'staff', scopePaths: ['/'], scopeAreaIds: [] });

describe(HoursService.name, () => {
  const org = organizationFactory();
  const colleague = userFactory({ role: 'staff', nickname: '李社工' });
  let clock: number;
  let activities: FakeActivitiesRepository;
  let users: FakeUsersRepository;
  let ledger: FakeLedger;
  let activityService: ActivitiesService;
  let checkIns: CheckInsService;
  let service: HoursService;

  beforeEach(() => {
    // Ten seconds into a code slot.
    clock = Date.parse('2026-06-01T04:00:10Z');
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    const orgs = new FakeOrganizationsRepository();
    orgs.add(org);
    activities = new FakeActivitiesRepository(orgs);
    users = new FakeUsersRepository();
    users.add(colleague);
    ledger = new FakeLedger();
    const sightings = new QrSightings();
    const hours = new FakeHoursRepository(activities).asRepository();
    const suspicion = new ProxySuspicionService(hours, sightings);
    activityService = new ActivitiesService(activities.asRepository(), orgs.asRepository(), inlineTx, new ScopeRegistry(), sightings, testConfig);
    checkIns = new CheckInsService(activityService, activities.asRepository(), hours, orgs.asRepository(), users.asRepository(), suspicion, inlineTx);
    const points = new VolunteerPoints(activities.asRepository(), ledger as unknown as PointsLedger, testConfig);
    service = new HoursService(activityService, activities.asRepository(), hours, checkIns, suspicion, points, inlineTx);
  });
  afterEach(() => jest.restoreAllMocks());

  /** A 100-minute volunteer service starting now. */
  const volunteer = (over: Parameters<typeof activityFactory>[0] = {}) => {
    const a = activityFactory({ type: 'volunteer', points: 5, startsAt: new Date(clock), endsAt: new Date(clock + 100 * MIN), ...over }, clock, org);
    activities.add(a);
    return a;
  };
  let n = 0;
  const member = () => {
    const u = userFactory();
    users.add(u);
    return { u, at: { lat: 38.3436 + ++n * 0.00001, lng: 114.684, accuracyM: 10 } };
  };
  const code = (id: number) => activityService.qr.issue(id, clock).token;
  const failure = async (p: Promise<unknown>) => ((await p.then(() => null, (e: unknown) => e)) as { code?: string } | null)?.code;
  /** Moves the clock on, staying ten seconds into a code slot. */
  const wait = (ms: number) => (clock += ms);

  it('counts hours from sign-in to sign-out; 60% of the activity or more stays pending, less is below the threshold', async () => {
    const a = volunteer();
    const [x, y] = [member(), member()];
    await checkIns.checkIn(worker(x.u.id), a.id, { token: code(a.id), ...x.at });
    await checkIns.checkIn(worker(y.u.id), a.id, { token: code(a.id), ...y.at });
    wait(59 * MIN);
    expect((await service.checkOut(worker(y.u.id), a.id, { token: code(a.id), ...y.at }, null)).checkIn).toMatchObject({ hours: 0.98, hoursStatus: 'below_threshold' });
    wait(1 * MIN);
    const out = await service.checkOut(worker(x.u.id), a.id, { token: code(a.id), ...x.at }, null);
    expect(out).toMatchObject({ created: true, checkIn: { hours: 1, hoursStatus: 'pending' } });
    expect(await service.checkOut(worker(x.u.id), a.id, { token: 'stale', ...x.at }, null)).toMatchObject({ created: false, checkIn: { hours: 1 } });
  });

  it('clips to the window: sign-in before the start and sign-out after the end count the activity length', async () => {
    const a = volunteer({ startsAt: new Date(clock + 20 * MIN), endsAt: new Date(clock + 80 * MIN) });
    const x = member();
    await checkIns.checkIn(worker(x.u.id), a.id, { token: code(a.id), ...x.at });
    expect(await failure(service.checkOut(worker(x.u.id), a.id, { token: code(a.id), ...x.at }, null))).toBe('sign_out_window');
    wait(105 * MIN);
    expect((await service.checkOut(worker(x.u.id), a.id, { token: code(a.id), ...x.at }, null)).checkIn).toMatchObject({ hours: 1, hoursStatus: 'pending' });
  });

  it('confirms after the end once: points through the ledger once, open sessions left for staff to close', async () => {
    const a = volunteer();
    const [x, y] = [member(), member()];
    await checkIns.checkIn(worker(x.u.id), a.id, { token: code(a.id), ...x.at });
    await checkIns.checkIn(worker(y.u.id), a.id, { token: code(a.id), ...y.at });
    expect(await failure(service.confirm(staff(colleague.id), a.id))).toBe('activity_not_ended');
    wait(90 * MIN);
    await service.checkOut(worker(x.u.id), a.id, { token: code(a.id), ...x.at }, null);
    wait(20 * MIN);
    const first = await service.confirm(staff(colleague.id), a.id);
    expect(first).toMatchObject({ confirmed: 1, openSessions: 1, pointsAwarded: 5 });
    const again = await service.confirm(staff(colleague.id), a.id);
    expect(again).toMatchObject({ confirmed: 0, openSessions: 1, pointsAwarded: 0 });
    expect(ledger.entries).toHaveLength(1);
    expect(activities.checkIns.find((c) => c.userId === y.u.id)).toMatchObject({ hours: null, signedOutAt: null, hoursStatus: 'pending' });

    const row = activities.checkIns.find((c) => c.userId === y.u.id)!;
    expect(await failure(service.close(staff(colleague.id), row.id, { signedOutAt: new Date(row.createdAt.getTime() - MIN).toISOString(), note: '补签退' }))).toBe('sign_out_time_invalid');
    expect(await failure(service.close(staff(y.u.id), row.id, { signedOutAt: new Date(row.createdAt.getTime() + 70 * MIN).toISOString(), note: '自己补' }))).toBe('own_check_in');
    expect(await failure(service.close(staff(colleague.id), row.id, { signedOutAt: new Date(row.createdAt.getTime() + 70 * MIN).toISOString(), note: '   ' }))).toBe('validation_failed');
    const closed = await service.close(staff(colleague.id), row.id, { signedOutAt: new Date(row.createdAt.getTime() + 70 * MIN).toISOString(), note: '忘记签退，组织者核实' });
    expect(closed).toMatchObject({ hours: 1.17, hoursStatus: 'pending', closedBy: { id: colleague.id, nickname: '李社工' }, closeNote: '忘记签退，组织者核实' });
    expect(await failure(service.close(staff(colleague.id), row.id, { signedOutAt: new Date(row.createdAt.getTime() + 80 * MIN).toISOString(), note: '再关' }))).toBe('already_signed_out');
    expect(await service.confirm(staff(colleague.id), a.id)).toMatchObject({ confirmed: 1, openSessions: 0, pointsAwarded: 5 });
    expect(ledger.balance(y.u.id)).toBe(5);
  });

  it('keeps the daily cap of volunteer points across confirmations', async () => {
    const x = member();
    const earned: number[] = [];
    for (const points of [20, 15, 20]) {
      const a = volunteer({ points });
      await checkIns.checkIn(worker(x.u.id), a.id, { token: code(a.id), ...x.at });
      wait(100 * MIN);
      await service.checkOut(worker(x.u.id), a.id, { token: code(a.id), ...x.at }, null);
      earned.push((await service.confirm(staff(colleague.id), a.id)).pointsAwarded);
    }
    expect(earned).toEqual([20, 15, 5]);
  });

  it('refuses sign-out and confirmation where hours do not apply, and sign-out without a check-in', async () => {
    const meeting = activityFactory({ createdBy: colleague.id }, clock, org);
    activities.add(meeting);
    const x = member();
    expect(await failure(service.checkOut(worker(x.u.id), meeting.id, { token: code(meeting.id), ...x.at }, null))).toBe('hours_not_applicable');
    expect(await failure(service.confirm(staff(colleague.id), meeting.id))).toBe('hours_not_applicable');
    const a = volunteer();
    expect(await failure(service.checkOut(worker(x.u.id), a.id, { token: code(a.id), ...x.at }, null))).toBe('not_checked_in');
  });
});
