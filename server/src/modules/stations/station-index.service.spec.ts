import { stationFactory } from '../../../test/factories/station.factory';
import { FakeStationsRepository } from '../../../test/fakes/stations.fakes';
import { StationIndexService } from './station-index.service';
import type { Station } from './station.entity';

const SECOND = 1000;

describe(StationIndexService.name, () => {
  let stations: FakeStationsRepository;
  let service: StationIndexService;

  beforeEach(() => {
    stations = new FakeStationsRepository();
    service = new StationIndexService(stations.asRepository());
  });
  afterEach(() => service.onModuleDestroy());

  /** A station row stamped `ms` after the fake database's current time. */
  const at = (ms: number) => new Date(stations.now.getTime() + ms);
  const ids = (near: Station) => {
    const body = JSON.parse(service.nearby({ lat: near.lat, lng: near.lng, radiusM: 1000, amenityMask: 0, kind: null, openNow: false, limit: 50, nowMs: Date.now() }).toString('utf8')) as {
      items: Array<{ id: number }>;
    };
    return body.items.map((i) => i.id);
  };

  describe('load', () => {
    it('holds every active station and no suspended one after the first use', async () => {
      const open = stationFactory();
      const suspended = stationFactory({ status: 'suspended', lat: open.lat + 1e-4 });
      stations.add(open, suspended);

      expect(service.isLoaded).toBe(false);
      const index = await service.ready();

      expect(service.isLoaded).toBe(true);
      expect(index.has(open.id)).toBe(true);
      expect(index.has(suspended.id)).toBe(false);
      expect(ids(open)).toEqual([open.id]);
    });

    it('loads once however many callers wait for it at the same time', async () => {
      stations.add(stationFactory());
      const reads = jest.spyOn(stations, 'findAllActive');

      const [a, b] = await Promise.all([service.ready(), service.ready()]);
      await service.ready();

      expect(reads).toHaveBeenCalledTimes(1);
      expect(a).toBe(b);
    });

    it('tries again on the next use when the first load fails (the schema may not exist yet)', async () => {
      const s = stationFactory();
      stations.add(s);
      stations.failNext = new Error('no such table: station');

      await expect(service.ready()).rejects.toThrow('no such table');
      expect(service.isLoaded).toBe(false);

      expect((await service.ready()).has(s.id)).toBe(true);
    });
  });

  describe('apply (this instance’s own writes)', () => {
    it('adds a new active station, moves an updated one and drops a suspended one at once', async () => {
      const moved = stationFactory();
      const dropped = stationFactory({ lat: moved.lat + 1e-4 });
      stations.add(moved, dropped);
      await service.ready();
      const added = stationFactory({ lat: moved.lat + 2e-4, updatedAt: at(SECOND) });

      service.apply([
        added,
        { ...moved, lat: 38.5, lng: 114.9, updatedAt: at(SECOND) },
        { ...dropped, status: 'suspended', updatedAt: at(SECOND) },
      ]);

      expect(service.current.has(added.id)).toBe(true);
      expect(service.current.versionOf(moved.id)).toBe(at(SECOND).getTime());
      expect(ids({ ...moved, lat: 38.5, lng: 114.9 })).toEqual([moved.id]);
      expect(service.current.has(dropped.id)).toBe(false);
      expect(ids(moved)).toEqual([added.id]);
    });

    it('never lets a late older row overwrite a newer one', async () => {
      const s = stationFactory({ updatedAt: at(0) });
      stations.add(s);
      await service.ready();

      service.apply([{ ...s, name: '新名称', updatedAt: at(2 * SECOND) }]);
      service.apply([{ ...s, name: '旧名称', lat: 38.5, updatedAt: at(SECOND) }]);

      expect(service.current.versionOf(s.id)).toBe(at(2 * SECOND).getTime());
      expect(ids(s)).toEqual([s.id]);
    });

    it('never lets a late older active row bring back a station removed after it', async () => {
      const s = stationFactory({ updatedAt: at(0) });
      stations.add(s);
      await service.ready();

      service.apply([{ ...s, status: 'suspended', updatedAt: at(2 * SECOND) }]);
      service.apply([{ ...s, name: '较早的修改', updatedAt: at(SECOND) }]);

      expect(service.current.has(s.id)).toBe(false);
    });

    it('brings a removed station back when it is made active again later', async () => {
      const s = stationFactory({ updatedAt: at(0) });
      stations.add(s);
      await service.ready();

      service.apply([{ ...s, status: 'suspended', updatedAt: at(SECOND) }]);
      service.apply([{ ...s, status: 'active', updatedAt: at(2 * SECOND) }]);

      expect(service.current.versionOf(s.id)).toBe(at(2 * SECOND).getTime());
    });
  });

  describe('poll (other instances’ writes)', () => {
    it('picks up a station another instance created, moved or suspended', async () => {
      const moved = stationFactory();
      const suspended = stationFactory({ lat: moved.lat + 1e-4 });
      stations.add(moved, suspended);
      await service.ready();

      stations.tick(SECOND);
      const created = stationFactory({ lat: moved.lat + 2e-4, updatedAt: stations.now });
      stations.add(created);
      stations.write(moved.id, { lat: 38.5, lng: 114.9 });
      stations.write(suspended.id, { status: 'suspended' });
      await service.poll();

      expect(service.current.has(created.id)).toBe(true);
      expect(service.current.versionOf(moved.id)).toBe(stations.now.getTime());
      expect(service.current.has(suspended.id)).toBe(false);
      expect(ids(moved)).toEqual([created.id]);
    });

    it('still picks up a commit seen late whose stamp is older than the previous poll', async () => {
      const s = stationFactory();
      stations.add(s);
      await service.ready();
      stations.tick(10 * SECOND);
      await service.poll();

      // Stamped when it wrote, one second before the poll above began, but committed only now.
      stations.write(s.id, { name: '迟到的提交', lat: 38.5, lng: 114.9 }, new Date(stations.now.getTime() - SECOND));
      stations.tick(SECOND);
      await service.poll();

      expect(service.current.versionOf(s.id)).toBe(stations.rows.get(s.id)!.updatedAt.getTime());
      expect(ids({ ...s, lat: 38.5, lng: 114.9 })).toEqual([s.id]);
    });

    it('reads full rows only for stamps the index does not hold yet', async () => {
      const s = stationFactory({ updatedAt: stations.now });
      stations.add(s);
      await service.ready();
      const reads = jest.spyOn(stations, 'findByIds');

      stations.tick(SECOND);
      await service.poll();
      expect(reads).not.toHaveBeenCalled();

      stations.write(s.id, { name: '改名' });
      await service.poll();
      expect(reads).toHaveBeenCalledWith([s.id]);
    });

    it('does nothing before the index is loaded', async () => {
      const stamps = jest.spyOn(stations, 'findChangeStampsSince');

      await service.poll();

      expect(stamps).not.toHaveBeenCalled();
      expect(service.isLoaded).toBe(false);
    });

    it('survives a failed poll and catches up on the next one', async () => {
      const s = stationFactory();
      stations.add(s);
      await service.ready();

      stations.tick(SECOND);
      stations.write(s.id, { status: 'suspended' });
      stations.failNext = new Error('connection lost');
      await expect(service.poll()).resolves.toBeUndefined();
      expect(service.current.has(s.id)).toBe(true);

      stations.tick(SECOND);
      await service.poll();
      expect(service.current.has(s.id)).toBe(false);
    });
  });
});
