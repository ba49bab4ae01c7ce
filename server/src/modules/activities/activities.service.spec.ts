import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AuthContext } from '../../common/auth/auth-context';
import { activityFactory, checkInFactory } from '../../../test/factories/activity.factory';
import { organizationFactory } from '../../../test/factories/organization.factory';
import { FakeActivitiesRepository, FakeOrganizationsRepository, inlineTx, testConfig } from '../../../test/fakes/activities.fakes';
import { ActivitiesService } from './activities.service';
import { QrSightings } from './qr-sightings';
import type { CreateActivityDto } from './dto/activity.dto';

const HOUR = 3600_000;
const staff: AuthContext = { userId: 7, role: 'staff', scopePaths: ['/1/'], scopeAreaIds: [1] };
const worker: AuthContext = { userId: 8, role: 'worker', scopePaths: [], scopeAreaIds: [] };

describe(ActivitiesService.name, () => {
  let activities: FakeActivitiesRepository;
  let orgs: FakeOrganizationsRepository;
  let registry: ScopeRegistry;
  let service: ActivitiesService;
  const org = organizationFactory();

  beforeEach(() => {
    orgs = new FakeOrganizationsRepository();
    orgs.add(org);
    activities = new FakeActivitiesRepository(orgs);
    registry = new ScopeRegistry();
    service = new ActivitiesService(activities.asRepository(), orgs.asRepository(), inlineTx, registry, new QrSightings(), testConfig);
    service.onModuleInit();
  });

  const body = (over: Partial<CreateActivityDto> = {}): CreateActivityDto =>
    ({ organizationId: org.id, type: 'meeting', title: ' 组织生活会 ', startsAt: new Date(Date.now() + HOUR).toISOString(), endsAt: new Date(Date.now() + 2 * HOUR).toISOString(), lat: 38.3, lng: 114.6, ...over }) as CreateActivityDto;
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; status?: number }) => ({ code: e.code, status: e.status }));

  it('creates a scheduled activity owned by its creator, with the default fence and trimmed title', async () => {
    const a = await service.create(staff, body());
    expect(a).toMatchObject({ title: '组织生活会', status: 'scheduled', radiusM: 300, points: 0, checkedInCount: 0 });
    expect(activities.activities.get(a.id)!.createdBy).toBe(staff.userId);
  });

  it('refuses an unknown organization, an end before the start, and more than 24 hours', async () => {
    expect(await failure(service.create(staff, body({ organizationId: 999_999 })))).toEqual({ code: 'organization_not_found', status: 404 });
    expect(await failure(service.create(staff, body({ endsAt: new Date(Date.now() + HOUR).toISOString() })))).toEqual({ code: 'activity_time_invalid', status: 400 });
    expect(await failure(service.create(staff, body({ endsAt: new Date(Date.now() + 26 * HOUR).toISOString() })))).toEqual({ code: 'activity_time_invalid', status: 400 });
  });

  it('gives points only to volunteer service', async () => {
    expect(await failure(service.create(staff, body({ points: 5 })))).toEqual({ code: 'validation_failed', status: 400 });
    expect((await service.create(staff, body({ type: 'volunteer', points: 5 }))).points).toBe(5);
  });

  it('freezes the points once a member has checked in', async () => {
    const a = activityFactory({ type: 'volunteer', points: 5 }, Date.now(), org);
    activities.add(a);
    activities.checkIns.push(checkInFactory({ activityId: a.id, userId: 99 }));
    expect(await failure(service.update(staff, a.id, { points: 10 }))).toEqual({ code: 'illegal_state', status: 409 });
    expect((await service.update(staff, a.id, { title: '新标题' })).title).toBe('新标题');
  });

  it('refuses changing a cancelled activity; cancelling twice is harmless', async () => {
    const a = activityFactory({}, Date.now(), org);
    activities.add(a);
    expect((await service.cancel(staff, a.id)).status).toBe('cancelled');
    expect((await service.cancel(staff, a.id)).status).toBe('cancelled');
    expect(await failure(service.update(staff, a.id, { title: 'x' }))).toEqual({ code: 'activity_cancelled', status: 409 });
    expect(await failure(service.qrToken(a.id))).toEqual({ code: 'activity_cancelled', status: 409 });
  });

  it('lets only staff list managed activities', async () => {
    expect(await failure(service.list(worker, 'managed'))).toEqual({ code: 'forbidden', status: 403 });
  });

  it('registers the area of activities and check-ins for the access guard', async () => {
    const a = activityFactory({}, Date.now(), org);
    activities.add(a);
    const c = checkInFactory({ activityId: a.id, userId: 8 });
    activities.checkIns.push(c);
    expect(await registry.resolvePath('activity', a.id)).toBe(org.area.path);
    expect(await registry.resolvePath('check_in', c.id)).toBe(org.area.path);
    expect(await registry.resolvePath('activity', 424242)).toBeNull();
  });

  it('drops the cached check-in view of an activity when it is edited', async () => {
    const a = activityFactory({ radiusM: 100 }, Date.now(), org);
    activities.add(a);
    expect((await service.requireForCheckIn(a.id)).radiusM).toBe(100);
    await service.update(staff, a.id, { radiusM: 500 });
    expect((await service.requireForCheckIn(a.id)).radiusM).toBe(500);
  });
});
