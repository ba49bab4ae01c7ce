import { STATION_MAP_POINTS_MAX } from '@xjy/shared';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { AuthContext } from '../../common/auth/auth-context';
import { areaFactory } from '../../../test/factories/area.factory';
import { stationFactory } from '../../../test/factories/station.factory';
import type { AreasRepository } from '../areas/areas.repository';
import type { MediaService } from '../media/media.service';
import { StationIndexService } from './station-index.service';
import type { Station } from './station.entity';
import type { StationsRepository } from './stations.repository';
import { parseBBox, StationsService } from './stations.service';
import { riderParts } from '../../../test/fakes/station-rider.fakes';

/** The stations table in memory, as far as the index and the map read it. */
class FakeStationsRepository {
  readonly rows = new Map<number, Station>();
  add(...rows: Station[]): void {
    for (const r of rows) this.rows.set(r.id, r);
  }
  async dbNow() {
    return new Date();
  }
  async findUpcomingServices() {
    return [];
  }
  async findAllActive() {
    return [...this.rows.values()].filter((s) => s.status === 'active');
  }
  async findByIds(ids: number[]) {
    return ids.map((id) => this.rows.get(id)).filter((s): s is Station => Boolean(s));
  }
  async findById(id: number) {
    return this.rows.get(id) ?? null;
  }
}

// A 0.2° viewport around 新乐, split by the service into an 8 × 8 grid for clusters.
const BBOX = { minLng: 114.6, minLat: 38.3, maxLng: 114.8, maxLat: 38.5 };
const bboxParam = `${BBOX.minLng},${BBOX.minLat},${BBOX.maxLng},${BBOX.maxLat}`;
const SW = { lat: 38.31, lng: 114.61 };
const NE = { lat: 38.49, lng: 114.79 };

describe(StationsService.name, () => {
  let stations: FakeStationsRepository;
  let index: StationIndexService;
  let service: StationsService;
  const area = areaFactory();

  beforeEach(() => {
    stations = new FakeStationsRepository();
    index = new StationIndexService(stations as unknown as StationsRepository);
    const areas = { findById: async (id: number) => (id === area.id ? area : null) } as unknown as AreasRepository;
    const media = { attachedTo: async () => new Map() } as unknown as MediaService;
    service = new StationsService(stations as unknown as StationsRepository, areas, index, new ScopeRegistry(), media, ...riderParts(stations));
  });
  afterEach(() => index.onModuleDestroy());

  /** n stations at one point, each a little apart (about a metre) so they are distinct. */
  const group = (n: number, at: { lat: number; lng: number }) => Array.from({ length: n }, (_, i) => stationFactory({ lat: at.lat + i * 1e-5, lng: at.lng, areaId: area.id }));

  describe('map viewport', () => {
    it(`shows points while the viewport holds at most ${STATION_MAP_POINTS_MAX} stations`, async () => {
      stations.add(...group(STATION_MAP_POINTS_MAX - 100, SW), ...group(100, NE));
      const r = await service.map(bboxParam);
      expect(r.mode).toBe('points');
      expect(r.total).toBe(STATION_MAP_POINTS_MAX);
      if (r.mode === 'points') expect(r.points).toHaveLength(STATION_MAP_POINTS_MAX);
    });

    it(`switches to clusters above ${STATION_MAP_POINTS_MAX}, one per occupied grid cell, counts adding up to the total`, async () => {
      stations.add(...group(200, SW), ...group(101, NE));
      const r = await service.map(bboxParam);
      expect(r.mode).toBe('clusters');
      expect(r.total).toBe(301);
      if (r.mode !== 'clusters') return;
      const byCount = [...r.clusters].sort((a, b) => b.count - a.count);
      expect(byCount).toHaveLength(2);
      expect(byCount[0]).toMatchObject({ count: 200, lng: SW.lng });
      expect(byCount[0].lat).toBeCloseTo(SW.lat + (199 / 2) * 1e-5, 6);
      expect(byCount[1]).toMatchObject({ count: 101, lng: NE.lng });
      expect(byCount[1].lat).toBeCloseTo(NE.lat + 50 * 1e-5, 6);
    });

    it('puts stations of different grid cells in different clusters and leaves out those outside the viewport', async () => {
      // A 20 × 20 lattice over the viewport: 8 × 8 cells, each holding 2 or 3 lattice columns and rows.
      const lattice = Array.from({ length: 400 }, (_, i) =>
        stationFactory({ lat: BBOX.minLat + ((i % 20) + 0.5) * 0.01, lng: BBOX.minLng + (Math.floor(i / 20) + 0.5) * 0.01, areaId: area.id }),
      );
      stations.add(...lattice, ...group(50, { lat: 39.5, lng: 115.5 }));
      const r = await service.map(bboxParam);
      expect(r).toMatchObject({ mode: 'clusters', total: 400 });
      if (r.mode !== 'clusters') return;
      expect(r.clusters).toHaveLength(64);
      expect(r.clusters.reduce((s, c) => s + c.count, 0)).toBe(400);
      expect(new Set(r.clusters.map((c) => c.count))).toEqual(new Set([4, 6, 9]));
      for (const c of r.clusters) {
        expect(c.lat).toBeGreaterThan(BBOX.minLat);
        expect(c.lat).toBeLessThan(BBOX.maxLat);
      }
    });

    it('leaves suspended stations off the map', async () => {
      stations.add(...group(3, SW), stationFactory({ ...SW, status: 'suspended', areaId: area.id }));
      const r = await service.map(bboxParam);
      expect(r).toMatchObject({ mode: 'points', total: 3 });
    });
  });

  describe('parseBBox', () => {
    it('refuses an inverted or oversized bbox, naming bbox', () => {
      expect(() => parseBBox('114.7,38.3,114.6,38.4')).toThrow(expect.objectContaining({ code: 'validation_failed', details: { fields: [expect.objectContaining({ field: 'bbox' })] } }));
      expect(() => parseBBox('110,30,115,35')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
      expect(parseBBox(' 114.6, 38.3 ,114.7,38.4')).toEqual({ minLng: 114.6, minLat: 38.3, maxLng: 114.7, maxLat: 38.4 });
    });
  });

  describe('get', () => {
    const rider: AuthContext = { userId: 1, role: 'worker', scopePaths: [], scopeAreaIds: [] };
    it('hides a suspended station from riders but not from staff who look after it', async () => {
      const s = { ...stationFactory({ status: 'suspended', areaId: area.id }), area };
      stations.add(s);
      await expect(service.get(rider, s.id)).rejects.toMatchObject({ code: 'station_not_found', status: 404 });
      await expect(service.get({ userId: 2, role: 'staff', scopePaths: [area.path], scopeAreaIds: [area.id] }, s.id)).resolves.toMatchObject({ id: s.id });
    });
  });
});
