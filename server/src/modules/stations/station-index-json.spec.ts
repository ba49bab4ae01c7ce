import { ALWAYS_OPEN, AMENITIES, NearbyStation, OpeningRange, STATION_KINDS, STATION_SERVICE_KINDS, StationServiceBrief } from '@xjy/shared';
import { IndexedStation, StationIndex } from './station-index';

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isFiniteNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);

/**
 * The one list of NearbyStation's keys with a runtime check for each. `satisfies` ties it to the shared type: a key
 * added to (or removed from) NearbyStation without this list fails the typecheck, and the test below then fails
 * until the index's hand-built JSON writes exactly these keys.
 */
const NEARBY_STATION_SHAPE = {
  id: (v) => Number.isSafeInteger(v) && (v as number) > 0,
  name: isString,
  kind: (v) => (STATION_KINDS as readonly unknown[]).includes(v),
  lat: isFiniteNumber,
  lng: isFiniteNumber,
  distanceM: (v) => Number.isInteger(v) && (v as number) >= 0,
  openNow: (v) => typeof v === 'boolean',
  nextChange: (v) => v === null || (typeof v === 'string' && new Date(v).toISOString() === v),
  amenities: (v) => Array.isArray(v) && v.every((a) => (AMENITIES as readonly unknown[]).includes(a)),
  address: isString,
  lastConfirmedAt: (v) => v === null || (typeof v === 'string' && new Date(v).toISOString() === v),
  needsConfirmation: (v) => typeof v === 'boolean',
  favorite: (v) => typeof v === 'boolean',
  nextService: (v) =>
    v === null ||
    (typeof v === 'object' &&
      Object.keys(v as object).sort().join() === 'endsAt,host,id,kind,startsAt' &&
      (STATION_SERVICE_KINDS as readonly unknown[]).includes((v as StationServiceBrief).kind) &&
      typeof (v as StationServiceBrief).host === 'string' &&
      new Date((v as StationServiceBrief).startsAt).toISOString() === (v as StationServiceBrief).startsAt),
} satisfies Record<keyof NearbyStation, Check>;

/** Throws unless `o` has exactly NearbyStation's keys, each of the right type. */
function assertNearbyStation(o: unknown): asserts o is NearbyStation {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error(`not an object: ${JSON.stringify(o)}`);
  expect(Object.keys(o).sort()).toEqual(Object.keys(NEARBY_STATION_SHAPE).sort());
  for (const [key, check] of Object.entries(NEARBY_STATION_SHAPE)) {
    if (!check((o as Record<string, unknown>)[key])) throw new Error(`${key} has the wrong type: ${JSON.stringify((o as Record<string, unknown>)[key])}`);
  }
}

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const weekdayMornings: OpeningRange[] = [1, 2, 3, 4, 5].map((day) => ({ day: day as OpeningRange['day'], open: '08:00', close: '12:00' }));

const stations: IndexedStation[] = [
  // Names and addresses with everything JSON must escape, and characters outside the BMP.
  { id: 1, name: '驿站 "一号" \\ 后院', kind: 'rest_station', lat: 38.3435, lng: 114.6839, amenities: [...AMENITIES], address: '路\n1号 🚲', hours: ALWAYS_OPEN, closures: [], updatedAtMs: 1 },
  { id: 2, name: 'Charging\t2', kind: STATION_KINDS[STATION_KINDS.length - 1], lat: 38.344, lng: 114.684, amenities: [], address: '', hours: weekdayMornings, closures: [], updatedAtMs: 1, lastConfirmedMs: NOW - 3_600_000 },
  { id: 3, name: '临时关闭', kind: 'rest_station', lat: 38.3432, lng: 114.6835, amenities: ['drinking_water'], address: 'x', hours: ALWAYS_OPEN, closures: [{ from: '2026-11-23T09:00:00+08:00', to: '2026-11-23T12:00:00+08:00', reason: '检修' }], updatedAtMs: 1 },
];

describe('StationIndex JSON against the shared NearbyStation type', () => {
  it('writes every item with exactly the keys and value types of NearbyStation', () => {
    const idx = new StationIndex();
    for (const s of stations) idx.upsert(s);
    // A host with quotes and characters outside Latin-1 and the BMP: the item's tail is written byte by byte.
    idx.setServices(1, [{ id: 9, kind: 'legal_consult', startsAtMs: NOW + 3_600_000, endsAtMs: NOW + 7_200_000, host: '律师 "张" 🚲' }]);
    const body = JSON.parse(
      idx.nearby({ lat: 38.3435, lng: 114.6839, radiusM: 2000, amenityMask: 0, kind: null, openNow: false, limit: 20, nowMs: NOW, favorites: new Set([3]) }).toString('utf8'),
    ) as { items: unknown[] };
    expect(Object.keys(body)).toEqual(['items']);
    expect(body.items).toHaveLength(stations.length);
    for (const item of body.items) {
      assertNearbyStation(item);
      const src = stations.find((s) => s.id === item.id)!;
      expect({ name: item.name, kind: item.kind, lat: item.lat, lng: item.lng, amenities: item.amenities, address: item.address }).toEqual({
        name: src.name,
        kind: src.kind,
        lat: src.lat,
        lng: src.lng,
        amenities: src.amenities,
        address: src.address,
      });
    }
    // Both opening states and both kinds of nextChange were checked above.
    expect(new Set(body.items.map((i) => (i as NearbyStation).openNow))).toEqual(new Set([true, false]));
    expect(body.items.some((i) => (i as NearbyStation).nextChange === null)).toBe(true);
    expect(body.items.some((i) => (i as NearbyStation).nextChange !== null)).toBe(true);
    // Both values of each new flag, and a service with its host intact.
    expect(new Set(body.items.map((i) => (i as NearbyStation).favorite))).toEqual(new Set([true, false]));
    expect(new Set(body.items.map((i) => (i as NearbyStation).needsConfirmation))).toEqual(new Set([true, false]));
    expect(body.items.find((i) => (i as NearbyStation).id === 1)).toMatchObject({ nextService: { id: 9, kind: 'legal_consult', host: '律师 "张" 🚲' } });
    expect(body.items.some((i) => (i as NearbyStation).lastConfirmedAt !== null)).toBe(true);
  });

  it('refuses an object with a key the type does not have, or one missing', () => {
    const good: NearbyStation = {
      id: 1,
      name: 'a',
      kind: 'rest_station',
      lat: 1,
      lng: 2,
      distanceM: 3,
      openNow: true,
      nextChange: null,
      amenities: [],
      address: '',
      lastConfirmedAt: null,
      needsConfirmation: true,
      favorite: false,
      nextService: null,
    };
    expect(() => assertNearbyStation(good)).not.toThrow();
    expect(() => assertNearbyStation({ ...good, extra: 1 })).toThrow();
    const { address: _address, ...missing } = good;
    expect(() => assertNearbyStation(missing)).toThrow();
    expect(() => assertNearbyStation({ ...good, distanceM: '3' })).toThrow(/distanceM/);
  });
});
