import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AuthContext } from '../../common/auth/auth-context';
import { activityFactory, checkInFactory } from '../../../test/factories/activity.factory';
import { organizationFactory } from '../../../test/factories/organization.factory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeActivitiesRepository, FakeHoursRepository, FakeLedger, FakeOrganizationsRepository, FakeUsersRepository, inlineTx, testConfig } from '../../../test/fakes/activities.fakes';
import type { PointsLedger } from '../points/points-ledger.repository';
import { ActivitiesService } from './activities.service';
import { CheckInReviewService } from './check-in-review.service';
import { CheckInsService } from './check-ins.service';
import { HoursService } from './hours.service';
import { ProxySuspicionService } from './proxy-suspicion.service';
import { QrSightings } from './qr-sightings';
import { VolunteerPoints } from './volunteer-points';

const HOUR = 3600_000;
const staffIn = (userId: number, path: string): AuthContext => ({ userId, role: 'staff', scopePaths: [path], scopeAreaIds: [] });

describe(CheckInReviewService.name, () => {
  const here = organizationFactory();
  const elsewhere = organizationFactory();
  const reviewer = userFactory({ role: 'staff', nickname: '李社工' });
  let activities: FakeActivitiesRepository;
  let ledger: FakeLedger;
  let service: CheckInReviewService;

  beforeEach(() => {
    const orgs = new FakeOrganizationsRepository();
    orgs.add(here, elsewhere);
    activities = new FakeActivitiesRepository(orgs);
    const users = new FakeUsersRepository();
    users.add(reviewer);
    ledger = new FakeLedger();
    const sightings = new QrSightings();
    const hours = new FakeHoursRepository(activities).asRepository();
    const suspicion = new ProxySuspicionService(hours, sightings);
    const activityService = new ActivitiesService(activities.asRepository(), orgs.asRepository(), inlineTx, new ScopeRegistry(), sightings, testConfig);
    const checkIns = new CheckInsService(activityService, activities.asRepository(), hours, orgs.asRepository(), users.asRepository(), suspicion, inlineTx);
    const hoursService = new HoursService(activityService, activities.asRepository(), hours, checkIns, suspicion, new VolunteerPoints(activities.asRepository(), ledger as unknown as PointsLedger, testConfig), inlineTx);
    service = new CheckInReviewService(activities.asRepository(), hours, checkIns, hoursService, inlineTx);
  });

  const flagged = (org = here, over: Parameters<typeof checkInFactory>[0] extends infer T ? Partial<T> : never = {}) => {
    const a = activityFactory({ type: 'volunteer', points: 4 }, Date.now(), org);
    activities.add(a);
    const c = checkInFactory({ activityId: a.id, userId: 500 + activities.checkIns.length, flags: ['activity_point'], reviewStatus: 'pending', hoursStatus: 'pending', ...over });
    activities.checkIns.push(c);
    return { a, c };
  };
  const failure = async (p: Promise<unknown>) => ((await p.then(() => null, (e: unknown) => e)) as { code?: string } | null)?.code;

  it('lists what waits for review in the caller’s scope only', async () => {
    const mine = flagged(here);
    const theirs = flagged(elsewhere);
    const ids = (await service.flagged(staffIn(reviewer.id, here.area.path))).items.map((c) => c.id);
    expect(ids).toContain(mine.c.id);
    expect(ids).not.toContain(theirs.c.id);
    expect((await service.flagged({ userId: 1, role: 'admin', scopePaths: [], scopeAreaIds: [] })).items.map((c) => c.id)).toEqual(expect.arrayContaining([mine.c.id, theirs.c.id]));
  });

  it('accepts once with the note; a rejection ends the attendance; a second decision is refused', async () => {
    const x = flagged();
    expect(await service.review(staffIn(reviewer.id, here.area.path), x.c.id, { accept: true, note: '现场见到本人' })).toMatchObject({ status: 'accepted', review: 'accepted', reviewNote: '现场见到本人' });
    expect(await failure(service.review(staffIn(reviewer.id, here.area.path), x.c.id, { accept: false, note: '改判' }))).toBe('already_reviewed');
    const y = flagged();
    expect(await service.review(staffIn(reviewer.id, here.area.path), y.c.id, { accept: false, note: '不在现场' })).toMatchObject({ status: 'rejected', review: 'rejected' });
    expect((await activities.countAttendance([y.a.id])).get(y.a.id) ?? 0).toBe(0);
  });

  it('refuses an unflagged check-in, a blank note and reviewing one’s own', async () => {
    const { c } = flagged(here, { reviewStatus: null, flags: [] });
    expect(await failure(service.review(staffIn(reviewer.id, here.area.path), c.id, { accept: true, note: '无' }))).toBe('check_in_not_flagged');
    const own = flagged(here, { userId: reviewer.id });
    expect(await failure(service.review(staffIn(reviewer.id, here.area.path), own.c.id, { accept: true, note: '我在' }))).toBe('own_review');
    expect(await failure(service.review(staffIn(reviewer.id, here.area.path), flagged().c.id, { accept: true, note: '   ' }))).toBe('validation_failed');
  });

  it('confirms an accepted session at once when the activity’s hours were already confirmed', async () => {
    const { a, c } = flagged(here, { signedOutAt: new Date(Date.now() - HOUR / 2), createdAt: new Date(Date.now() - 2 * HOUR) });
    Object.assign(a, { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR / 2), hoursConfirmedAt: new Date() });
    const r = await service.review(staffIn(reviewer.id, here.area.path), c.id, { accept: true, note: '本人在场' });
    expect(r).toMatchObject({ hoursStatus: 'confirmed', hours: 1.5, pointsAwarded: 4 });
    expect(ledger.balance(c.userId)).toBe(4);
  });
});
