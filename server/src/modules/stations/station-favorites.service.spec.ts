import { STATION_FAVORITES_MAX } from '@xjy/shared';
import { inlineTx } from '../../../test/fakes/activities.fakes';
import { FakeStationRiderRepository } from '../../../test/fakes/station-rider.fakes';
import { FakeStationsRepository } from '../../../test/fakes/stations.fakes';
import { stationFactory } from '../../../test/factories/station.factory';
import { FAVORITES_TTL_MS, StationFavoritesService } from './station-favorites.service';

describe(StationFavoritesService.name, () => {
  let stations: FakeStationsRepository;
  let rider: FakeStationRiderRepository;
  let service: StationFavoritesService;
  const a = stationFactory();
  const b = stationFactory();

  beforeEach(() => {
    stations = new FakeStationsRepository();
    stations.add({ ...a }, { ...b });
    rider = new FakeStationRiderRepository(stations);
    service = new StationFavoritesService(rider.asRepository(), stations.asRepository(), inlineTx);
  });

  it('stars once however often asked, and unstars', async () => {
    await service.star(1, a.id);
    await service.star(1, a.id);
    expect(rider.favorites).toEqual([{ userId: 1, stationId: a.id }]);
    expect([...(await service.idsOf(1))]).toEqual([a.id]);
    await expect(service.unstar(1, a.id)).resolves.toEqual({ stationId: a.id, favorite: false });
    expect([...(await service.idsOf(1))]).toEqual([]);
  });

  it('answers nearby from memory, and sees its own writes at once and other instances’ within the TTL', async () => {
    await service.star(1, a.id);
    const spy = jest.spyOn(rider, 'favoriteIds');
    const t0 = Date.now();
    await service.idsOf(1, t0);
    await service.idsOf(1, t0 + 1000);
    expect(spy).toHaveBeenCalledTimes(1);
    rider.favorites.push({ userId: 1, stationId: b.id }); // another instance's write
    expect([...(await service.idsOf(1, t0 + 2000))]).toEqual([a.id]);
    expect([...(await service.idsOf(1, t0 + FAVORITES_TTL_MS + 1))].sort()).toEqual([a.id, b.id].sort());
  });

  it('refuses an unknown or suspended station, and more than the maximum', async () => {
    await expect(service.star(1, 999_999)).rejects.toMatchObject({ code: 'station_not_found' });
    stations.write(b.id, { status: 'suspended' });
    await expect(service.star(1, b.id)).rejects.toMatchObject({ code: 'station_not_found' });
    for (let i = 0; i < STATION_FAVORITES_MAX; i++) rider.favorites.push({ userId: 2, stationId: 10_000 + i });
    await expect(service.star(2, a.id)).rejects.toMatchObject({ code: 'station_favorites_full' });
  });
});
