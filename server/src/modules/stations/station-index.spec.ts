import { ALWAYS_OPEN, haversineM, OpeningRange } from '@xjy/shared';
import { amenityMask, IndexedStation, StationIndex } from './station-index';

const CENTRE = { lat: 38.3435, lng: 114.6839 };
const NOW = Date.parse('2026-11-23T10:00:00+08:00'); // a Monday morning in Shanghai
const nightOnly: OpeningRange[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day: day as OpeningRange['day'], open: '20:00', close: '02:00' }));

function station(id: number, dxM: number, dyM: number, over: Partial<IndexedStation> = {}): IndexedStation {
  return {
    id,
    name: `驿站${id}`,
    kind: 'rest_station',
    lat: CENTRE.lat + dyM / 111195,
    lng: CENTRE.lng + dxM / (111195 * Math.cos((CENTRE.lat * Math.PI) / 180)),
    amenities: ['drinking_water'],
    address: `地址${id}`,
    hours: ALWAYS_OPEN,
    closures: [],
    updatedAtMs: 1000,
    ...over,
  };
}

type Item = { id: number; distanceM: number; openNow: boolean; nextChange: string | null; name: string };
const search = (idx: StationIndex, over: Partial<Parameters<StationIndex['nearby']>[0]> = {}): Item[] =>
  JSON.parse(idx.nearby({ lat: CENTRE.lat, lng: CENTRE.lng, radiusM: 1000, amenityMask: 0, kind: null, openNow: false, limit: 20, nowMs: NOW, ...over }).toString('utf8')).items;

describe(StationIndex.name, () => {
  it('returns stations within the radius nearest first, across cell borders', () => {
    const idx = new StationIndex();
    idx.upsert(station(1, 900, 0));
    idx.upsert(station(2, -300, 0));
    idx.upsert(station(3, 0, 600));
    idx.upsert(station(4, 1100, 0));
    idx.upsert(station(5, 0, -50));
    const items = search(idx);
    expect(items.map((i) => i.id)).toEqual([5, 2, 3, 1]);
    for (const i of items) {
      const s = station(i.id, 0, 0);
      expect(i.name).toBe(s.name);
    }
    expect(items[0].distanceM).toBe(50);
  });

  it('matches a brute-force search over random points', () => {
    const idx = new StationIndex();
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const all: IndexedStation[] = [];
    for (let id = 1; id <= 3000; id++) {
      const s = station(id, (rand() - 0.5) * 8000, (rand() - 0.5) * 8000, { amenities: rand() < 0.3 ? ['drinking_water', 'ebike_charging'] : ['drinking_water'] });
      all.push(s);
      idx.upsert(s);
    }
    const want = all
      .filter((s) => s.amenities.includes('ebike_charging'))
      .map((s) => ({ id: s.id, d: haversineM(CENTRE, s) }))
      .filter((x) => x.d <= 1500)
      .sort((a, b) => a.d - b.d)
      .slice(0, 30)
      .map((x) => x.id);
    expect(search(idx, { radiusM: 1500, limit: 30, amenityMask: amenityMask(['ebike_charging']) }).map((i) => i.id)).toEqual(want);
  });

  it('matches brute force from many points, for every limit and radius, in dense and sparse areas', () => {
    // Nearest cells are read first and the search stops early once no farther cell can beat the current last
    // answer; this checks that the early stop never drops a nearer station.
    const idx = new StationIndex();
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const all: IndexedStation[] = [];
    for (let id = 1; id <= 4000; id++) {
      // Three quarters in a dense 3 km core, the rest spread over 20 km.
      const span = rand() < 0.75 ? 3000 : 20000;
      const s = station(id, (rand() - 0.5) * span, (rand() - 0.5) * span, { kind: rand() < 0.5 ? 'rest_station' : 'commerce_station' });
      all.push(s);
      idx.upsert(s);
    }
    for (let k = 0; k < 60; k++) {
      const at = station(0, (rand() - 0.5) * 22000, (rand() - 0.5) * 22000);
      const radiusM = [300, 1000, 2500, 5000][k % 4];
      const limit = [1, 5, 20, 100][(k >> 2) % 4];
      const kind = k % 3 === 0 ? ('commerce_station' as const) : null;
      const want = all
        .filter((s) => kind === null || s.kind === kind)
        .map((s) => ({ id: s.id, d: haversineM(at, s) }))
        .filter((x) => x.d <= radiusM)
        .sort((a, b) => a.d - b.d)
        .slice(0, limit);
      const got = search(idx, { lat: at.lat, lng: at.lng, radiusM, limit, kind });
      // Ties within a few centimetres may come in either order between the two distance formulas.
      expect(got.map((i) => i.distanceM)).toEqual(want.map((x) => Math.round(x.d)));
      expect(new Set(got.map((i) => i.id)).size).toBe(got.length);
    }
  });

  it('filters by kind and by open now, and reports when the state next changes', () => {
    const idx = new StationIndex();
    idx.upsert(station(1, 100, 0, { hours: nightOnly }));
    idx.upsert(station(2, 200, 0, { kind: 'service_center' }));
    idx.upsert(station(3, 300, 0, { closures: [{ from: '2026-11-23T09:00:00+08:00', to: '2026-11-23T12:00:00+08:00' }] }));
    expect(search(idx, { openNow: true }).map((i) => i.id)).toEqual([2]);
    expect(search(idx, { kind: 'service_center' }).map((i) => i.id)).toEqual([2]);
    const [night, , closed] = search(idx);
    expect(night).toMatchObject({ openNow: false, nextChange: '2026-11-23T12:00:00.000Z' });
    expect(closed).toMatchObject({ openNow: false, nextChange: '2026-11-23T04:00:00.000Z' });
    // The cached state expires at its next change: at 20:00 the night station is open.
    expect(search(idx, { openNow: true, nowMs: Date.parse('2026-11-23T20:30:00+08:00') }).map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it('moves a station when it is updated and drops it when removed', () => {
    const idx = new StationIndex();
    idx.upsert(station(1, 100, 0));
    idx.upsert(station(1, 5000, 0, { updatedAtMs: 2000 }));
    expect(search(idx)).toEqual([]);
    expect(idx.size).toBe(1);
    idx.upsert(station(1, 100, 0, { updatedAtMs: 3000, name: '新名字' }));
    expect(search(idx).map((i) => i.name)).toEqual(['新名字']);
    idx.remove(1, 4000);
    expect(search(idx)).toEqual([]);
    expect(idx.size).toBe(0);
  });

  it('never lets an older version overwrite a newer one or revive a removed station', () => {
    const idx = new StationIndex();
    idx.upsert(station(1, 100, 0, { updatedAtMs: 5000, name: '新' }));
    idx.upsert(station(1, 100, 0, { updatedAtMs: 4000, name: '旧' }));
    expect(search(idx).map((i) => i.name)).toEqual(['新']);
    idx.remove(1, 6000);
    idx.upsert(station(1, 100, 0, { updatedAtMs: 5500 }));
    expect(search(idx)).toEqual([]);
    idx.upsert(station(1, 100, 0, { updatedAtMs: 7000 }));
    expect(search(idx)).toHaveLength(1);
  });

  it('keeps answers right after many rewrites compact the byte arena', () => {
    const idx = new StationIndex();
    for (let v = 1; v <= 200; v++) for (let id = 1; id <= 50; id++) idx.upsert(station(id, id * 10, 0, { updatedAtMs: v, name: `驿站${id}-${v}` }));
    const items = search(idx, { limit: 100 });
    expect(items).toHaveLength(50);
    expect(items.every((i) => i.name === `驿站${i.id}-200`)).toBe(true);
  });

  it('escapes names so the JSON stays valid', () => {
    const idx = new StationIndex();
    idx.upsert(station(1, 10, 0, { name: '引号"与\\反斜杠\n换行' }));
    expect(search(idx)[0].name).toBe('引号"与\\反斜杠\n换行');
  });
});
