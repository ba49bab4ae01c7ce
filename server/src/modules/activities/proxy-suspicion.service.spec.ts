import { activityFactory, checkInFactory } from '../../../test/factories/activity.factory';
import { FakeActivitiesRepository, FakeHoursRepository } from '../../../test/fakes/activities.fakes';
import { ProxySuspicionService, SuspicionInput } from './proxy-suspicion.service';
import { QrSightings } from './qr-sightings';

describe(ProxySuspicionService.name, () => {
  const NOW = Date.parse('2026-06-01T04:00:10Z');
  const a = activityFactory({ lat: 38.3435, lng: 114.6839 }, NOW);
  let activities: FakeActivitiesRepository;
  let sightings: QrSightings;
  let service: ProxySuspicionService;

  beforeEach(() => {
    activities = new FakeActivitiesRepository();
    activities.add(a);
    sightings = new QrSightings();
    service = new ProxySuspicionService(new FakeHoursRepository(activities).asRepository(), sightings);
  });

  const input = (over: Partial<SuspicionInput> = {}): SuspicionInput => ({ activity: a, userId: 100, clientId: 'client-100', lat: 38.3437, lng: 114.6841, step: 'in', slot: 1000, now: NOW, ...over });
  const seat = (over: Parameters<typeof checkInFactory>[0]) => activities.checkIns.push(checkInFactory({ lat: 38.3438, lng: 114.6842, createdAt: new Date(NOW - 60_000), ...over }));

  it('flags nothing for an ordinary check-in', async () => {
    seat({ activityId: a.id, userId: 1, clientId: 'client-1' });
    expect(await service.judge(input())).toEqual({ flags: [], alsoFlag: [] });
  });

  it('shared_client: another account of this activity from the same install; not from another install or activity', async () => {
    seat({ activityId: a.id, userId: 1, clientId: 'client-100' });
    const r = await service.judge(input());
    expect(r.flags).toEqual(['shared_client']);
    expect(r.alsoFlag.map((x) => [x.row.userId, x.flag])).toEqual([[1, 'shared_client']]);
    expect((await service.judge(input({ clientId: 'client-200' }))).flags).toEqual([]);
    expect((await service.judge(input({ clientId: null }))).flags).toEqual([]);
  });

  it('same_coordinates: identical to 6 decimals at the same step; a millionth of a degree apart is not', async () => {
    seat({ activityId: a.id, userId: 1, lat: 38.3437, lng: 114.6841 });
    expect((await service.judge(input())).flags).toEqual(['same_coordinates']);
    expect((await service.judge(input({ lat: 38.343701 }))).flags).toEqual([]);
    expect((await service.judge(input({ step: 'out' }))).flags).toEqual([]);
  });

  it('activity_point: exactly the published point; next to it is not', async () => {
    expect((await service.judge(input({ lat: 38.3435, lng: 114.6839 }))).flags).toEqual(['activity_point']);
    expect((await service.judge(input({ lat: 38.34350001 + 0.000001, lng: 114.6839 }))).flags).toEqual([]);
  });

  it('impossible_travel: faster than 150 km/h since the previous request; slower, or within GPS noise, is not', async () => {
    // 20 km south, 5 minutes ago: 240 km/h.
    activities.checkIns.push(checkInFactory({ activityId: 999, userId: 100, lat: 38.1637, lng: 114.6841, createdAt: new Date(NOW - 5 * 60_000) }));
    expect((await service.judge(input())).flags).toEqual(['impossible_travel']);
    // The same 20 km in 10 minutes is 120 km/h.
    activities.checkIns[0].createdAt = new Date(NOW - 10 * 60_000);
    expect((await service.judge(input())).flags).toEqual([]);
    // 800 m a second ago: noise, not travel.
    activities.checkIns[0] = checkInFactory({ activityId: 999, userId: 100, lat: 38.3509, lng: 114.6841, createdAt: new Date(NOW - 1000) });
    expect((await service.judge(input())).flags).toEqual([]);
  });

  it('reads the newer of the last check-in and the last sign-out as the previous request', async () => {
    activities.checkIns.push(
      checkInFactory({ activityId: 999, userId: 100, lat: 38.3437, lng: 114.6841, createdAt: new Date(NOW - 3 * 3600_000), signedOutAt: new Date(NOW - 60_000), signOutLat: 39.3437, signOutLng: 114.6841 }),
    );
    expect((await service.judge(input())).flags).toEqual(['impossible_travel']);
  });

  it('token_relayed: a code first shown over 20 s ago after the screen moved on; not a fresh code, nor an unknown one', async () => {
    sightings.shown(a.id, 1000, NOW - 45_000);
    sightings.shown(a.id, 1001, NOW - 15_000);
    expect((await service.judge(input({ slot: 1000 }))).flags).toEqual(['token_relayed']);
    expect((await service.judge(input({ slot: 1001 }))).flags).toEqual([]);
    // The screen moved on only 5 s ago: a scan in the last seconds of the slot.
    const fresh = new QrSightings();
    fresh.shown(a.id, 1000, NOW - 35_000);
    fresh.shown(a.id, 1001, NOW - 5_000);
    expect((await new ProxySuspicionService(new FakeHoursRepository(activities).asRepository(), fresh).judge(input({ slot: 1000 }))).flags).toEqual([]);
    expect((await new ProxySuspicionService(new FakeHoursRepository(activities).asRepository(), new QrSightings()).judge(input({ slot: 1000 }))).flags).toEqual([]);
  });
});
