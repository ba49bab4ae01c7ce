import type { AuthContext } from '../../common/auth/auth-context';
import { inlineTx } from '../../../test/fakes/activities.fakes';
import { FakeStationRiderRepository } from '../../../test/fakes/station-rider.fakes';
import { FakeStationsRepository } from '../../../test/fakes/stations.fakes';
import { stationFactory } from '../../../test/factories/station.factory';
import { StationIndexService } from './station-index.service';
import { StationServicesService } from './station-services.service';

const HOUR = 3_600_000;
const staff: AuthContext = { userId: 100, role: 'staff', scopePaths: ['/1/'], scopeAreaIds: [1] };
const worker = (userId: number): AuthContext => ({ userId, role: 'worker', scopePaths: [], scopeAreaIds: [] });
const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe(StationServicesService.name, () => {
  let stations: FakeStationsRepository;
  let rider: FakeStationRiderRepository;
  let index: StationIndexService;
  let service: StationServicesService;
  const s = stationFactory();

  beforeEach(async () => {
    stations = new FakeStationsRepository();
    stations.add({ ...s });
    rider = new FakeStationRiderRepository(stations);
    stations.services = rider.services;
    index = new StationIndexService(stations.asRepository());
    await index.ready();
    service = new StationServicesService(stations.asRepository(), rider.asRepository(), index, inlineTx);
  });
  afterEach(() => index.onModuleDestroy());

  const nextInNearby = () =>
    JSON.parse(index.nearby({ lat: s.lat, lng: s.lng, radiusM: 10, amenityMask: 0, kind: null, openNow: false, limit: 5, nowMs: Date.now() }).toString('utf8')).items[0].nextService;

  it('schedules a session, shows the soonest in nearby, and moves on when it is cancelled', async () => {
    const later = await service.create(staff, s.id, { kind: 'policy_briefing', startsAt: at(30), endsAt: at(31), host: '人社局' });
    const soon = await service.create(staff, s.id, { kind: 'counselling', startsAt: at(3), endsAt: at(4), host: ' 心理老师 ' });
    expect(soon).toMatchObject({ host: '心理老师', signups: 0, cancelled: false, stationName: s.name });
    expect(nextInNearby()).toMatchObject({ id: soon.id, kind: 'counselling', host: '心理老师' });
    await service.cancel(soon.id);
    expect(nextInNearby()).toMatchObject({ id: later.id });
    await expect(service.cancel(soon.id)).rejects.toMatchObject({ code: 'station_service_cancelled' });
  });

  it('refuses a start in the past, an end before the start and an overlong session', async () => {
    await expect(service.create(staff, s.id, { kind: 'other', startsAt: at(-1), endsAt: at(1), host: 'x' })).rejects.toMatchObject({ code: 'station_service_in_past' });
    await expect(service.create(staff, s.id, { kind: 'other', startsAt: at(2), endsAt: at(1), host: 'x' })).rejects.toMatchObject({ code: 'station_service_in_past' });
    await expect(service.create(staff, s.id, { kind: 'other', startsAt: at(1), endsAt: at(20), host: 'x' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(service.create(staff, 999_999, { kind: 'other', startsAt: at(1), endsAt: at(2), host: 'x' })).rejects.toMatchObject({ code: 'station_not_found' });
    expect(rider.services).toEqual([]);
  });

  it('signs a worker up once, keeps to the capacity, and lists reminders for sessions within a day', async () => {
    const soon = await service.create(staff, s.id, { kind: 'legal_consult', startsAt: at(5), endsAt: at(6), host: '律师', capacity: 1 });
    const later = await service.create(staff, s.id, { kind: 'health_check', startsAt: at(50), endsAt: at(51), host: '卫生院' });
    await service.signUp(worker(1), soon.id);
    expect(await service.signUp(worker(1), soon.id)).toMatchObject({ signups: 1, signedUp: true });
    await expect(service.signUp(worker(2), soon.id)).rejects.toMatchObject({ code: 'station_service_full' });
    await service.signUp(worker(1), later.id);
    expect((await service.mine(worker(1))).map((v) => [v.id, v.remindNow])).toEqual([
      [soon.id, true],
      [later.id, false],
    ]);
    expect(await service.mine(worker(2))).toEqual([]);
    expect(await service.withdraw(worker(1), soon.id)).toMatchObject({ signups: 0, signedUp: false });
    await service.cancel(later.id);
    await expect(service.signUp(worker(2), later.id)).rejects.toMatchObject({ code: 'station_service_cancelled' });
    await expect(service.signUp(worker(2), 999_999)).rejects.toMatchObject({ code: 'station_service_not_found' });
  });

  it('refuses sign-ups at a suspended station', async () => {
    const v = await service.create(staff, s.id, { kind: 'other', startsAt: at(5), endsAt: at(6), host: '志愿者' });
    stations.write(s.id, { status: 'suspended' });
    await expect(service.signUp(worker(1), v.id)).rejects.toMatchObject({ code: 'station_service_not_found' });
    expect(rider.signups).toEqual([]);
  });
});
