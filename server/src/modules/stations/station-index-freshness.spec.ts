import { ALWAYS_OPEN, NEARBY_FRESH_BAND_M } from '@xjy/shared';
import { IndexedStation, StationIndex } from './station-index';

const CENTRE = { lat: 38.3435, lng: 114.6839 };
const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const DAY = 86_400_000;

function station(id: number, dxM: number, dyM: number, over: Partial<IndexedStation> = {}): IndexedStation {
  return {
    id,
    name: `驿站${id}`,
    kind: 'rest_station',
    lat: CENTRE.lat + dyM / 111195,
    lng: CENTRE.lng + dxM / (111195 * Math.cos((CENTRE.lat * Math.PI) / 180)),
    amenities: ['drinking_water'],
    address: '',
    hours: ALWAYS_OPEN,
    closures: [],
    updatedAtMs: 1000,
    ...over,
  };
}

type Item = { id: number; distanceM: number; lastConfirmedAt: string | null; needsConfirmation: boolean; favorite: boolean };
type Search = Parameters<StationIndex['nearby']>[0];
const search = (idx: StationIndex, over: Partial<Search> = {}): Item[] =>
  JSON.parse(idx.nearby({ lat: CENTRE.lat, lng: CENTRE.lng, radiusM: 1000, amenityMask: 0, kind: null, openNow: false, limit: 20, nowMs: NOW, ...over }).toString('utf8')).items;

describe('StationIndex freshness, stars and services', () => {
  it('says 待确认 after the configured days, and never-confirmed stations are 待确认', () => {
    const idx = new StationIndex(30 * DAY);
    idx.upsert(station(1, 100, 0, { lastConfirmedMs: NOW - 29 * DAY }));
    idx.upsert(station(2, 200, 0, { lastConfirmedMs: NOW - 31 * DAY }));
    idx.upsert(station(3, 300, 0));
    expect(search(idx).map((i) => [i.id, i.needsConfirmation])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect(search(idx)[0].lastConfirmedAt).toBe(new Date(NOW - 29 * DAY).toISOString());
    expect(search(idx)[2].lastConfirmedAt).toBeNull();
    const shorter = new StationIndex(7 * DAY);
    shorter.upsert(station(1, 100, 0, { lastConfirmedMs: NOW - 8 * DAY }));
    expect(search(shorter)[0].needsConfirmation).toBe(true);
  });

  it('filters by confirmation time', () => {
    const idx = new StationIndex();
    idx.upsert(station(1, 100, 0, { lastConfirmedMs: NOW - 2 * DAY }));
    idx.upsert(station(2, 200, 0, { lastConfirmedMs: NOW - 10 * DAY }));
    idx.upsert(station(3, 300, 0));
    expect(search(idx, { confirmedSinceMs: NOW - 5 * DAY }).map((i) => i.id)).toEqual([1]);
    expect(search(idx, { confirmedSinceMs: NOW - 20 * DAY }).map((i) => i.id)).toEqual([1, 2]);
  });

  it('matches a brute-force ranking for both sorts, with ties, filters and limits', () => {
    // Distances of 10·j + 3.3 m: never near a half metre or a 100 m band edge, so both distance formulas agree on
    // every rank; pairs at one spot (and many at one distance) make real ties for freshness to break.
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let round = 0; round < 6; round++) {
      const idx = new StationIndex();
      const all: Array<IndexedStation & { d: number }> = [];
      for (let id = 1; id <= 600; id++) {
        const confirmed = rand() < 0.2 ? 0 : NOW - Math.floor(rand() * 60) * DAY;
        const twin = id % 2 === 0 ? all[all.length - 1] : null;
        const d = twin ? twin.d : 10 * Math.floor(rand() * 110) + 3.3;
        const angle = twin ? 0 : rand() * 2 * Math.PI;
        const s = twin ? { ...twin, id, name: `驿站${id}`, lastConfirmedMs: confirmed } : { ...station(id, d * Math.cos(angle), d * Math.sin(angle), { lastConfirmedMs: confirmed }), d };
        all.push(s);
        idx.upsert(s);
      }
      for (const fresh of [false, true]) {
        for (const limit of [3, 20, 100]) {
          const since = limit === 20 ? NOW - 30 * DAY : 0;
          const want = all
            .filter((s) => (s.lastConfirmedMs ?? 0) >= since && s.d <= 1000)
            .map((s) => ({ id: s.id, d: s.d, c: s.lastConfirmedMs ?? 0, p: fresh ? Math.floor(s.d / NEARBY_FRESH_BAND_M) : Math.round(s.d) }))
            .sort((a, b) => a.p - b.p || b.c - a.c || a.d - b.d)
            .slice(0, limit);
          const got = search(idx, { limit, sort: fresh ? 'fresh' : 'distance', confirmedSinceMs: since });
          // Equal rank and equal freshness (twins confirmed the same day) may come in either order.
          const key = (x: { p: number; c: number }) => `${x.p}/${x.c}`;
          expect(got.map((i) => key({ p: fresh ? Math.floor(i.distanceM / NEARBY_FRESH_BAND_M) : i.distanceM, c: i.lastConfirmedAt ? Date.parse(i.lastConfirmedAt) : 0 }))).toEqual(want.map(key));
        }
      }
    }
  });

  it('puts the caller’s starred stations first, only within the radius and the filters', () => {
    const idx = new StationIndex();
    for (let id = 1; id <= 30; id++) idx.upsert(station(id, id * 30, 0, { amenities: id === 25 ? [] : ['drinking_water'] }));
    idx.upsert(station(99, 3000, 0));
    const items = search(idx, { favorites: new Set([20, 12, 99, 25]), limit: 5 });
    expect(items.map((i) => [i.id, i.favorite])).toEqual([
      [12, true],
      [20, true],
      [25, true],
      [1, false],
      [2, false],
    ]);
    const water = search(idx, { favorites: new Set([20, 25]), limit: 3, amenityMask: 1 });
    expect(water.map((i) => i.id)).toEqual([20, 1, 2]);
    // More stars than the limit: the nearest stars only.
    expect(search(idx, { favorites: new Set([5, 4, 3]), limit: 2 }).map((i) => i.id)).toEqual([3, 4]);
    expect(search(idx, { favorites: null }).every((i) => !i.favorite)).toBe(true);
  });

  it('shows the next service session and moves on when it ends', () => {
    const idx = new StationIndex();
    idx.upsert(station(1, 100, 0));
    idx.setServices(1, [
      { id: 8, kind: 'policy_briefing', startsAtMs: NOW + 5 * 3_600_000, endsAtMs: NOW + 6 * 3_600_000, host: '人社局' },
      { id: 7, kind: 'legal_consult', startsAtMs: NOW - 3_600_000, endsAtMs: NOW + 3_600_000, host: '律师' },
    ]);
    const next = (nowMs: number) => (JSON.parse(idx.nearby({ lat: CENTRE.lat, lng: CENTRE.lng, radiusM: 1000, amenityMask: 0, kind: null, openNow: false, limit: 5, nowMs }).toString('utf8')).items[0] as { nextService: { id: number; host: string } | null }).nextService;
    expect(next(NOW)).toMatchObject({ id: 7, host: '律师' });
    expect(next(NOW + 2 * 3_600_000)).toMatchObject({ id: 8, host: '人社局' });
    expect(next(NOW + 7 * 3_600_000)).toBeNull();
    // Survives the station's own updates; an empty list clears it.
    idx.setServices(1, [{ id: 9, kind: 'other', startsAtMs: NOW + DAY, endsAtMs: NOW + DAY + 3_600_000, host: 'x' }]);
    idx.upsert(station(1, 100, 0, { updatedAtMs: 5000, name: '改名' }));
    expect(next(NOW)).toMatchObject({ id: 9 });
    idx.setServices(1, []);
    expect(next(NOW)).toBeNull();
  });
});
