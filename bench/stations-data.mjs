// Generated stations for the benchmarks: random points over a city-sized square, deterministic by seed.
export const CITY = { lat: 38.3435, lng: 114.6839, spanM: 30_000 };
const M_PER_DEG_LAT = 111_195.08;
const AMENITIES = ['drinking_water', 'hot_water', 'seating', 'phone_charging', 'ebike_charging', 'restroom', 'microwave', 'first_aid', 'umbrella', 'air_conditioning', 'wifi'];
const KINDS = ['rest_station', 'rest_station', 'rest_station', 'service_center', 'commerce_station'];
const HOURS = [
  [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })),
  [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '07:00', close: '22:00' })),
  [1, 2, 3, 4, 5].flatMap((day) => [
    { day, open: '08:30', close: '12:00' },
    { day, open: '14:00', close: '18:00' },
  ]),
  [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '18:00', close: '02:00' })),
];

export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mPerDegLng = (lat) => M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

/** A random point in the city square. */
export function randomPoint(rand) {
  return {
    lat: CITY.lat + ((rand() - 0.5) * CITY.spanM) / M_PER_DEG_LAT,
    lng: CITY.lng + ((rand() - 0.5) * CITY.spanM) / mPerDegLng(CITY.lat),
  };
}

/** Station `i` of a generated set: the same fields the server stores. */
export function* generateStations(n, seed = 42) {
  const rand = prng(seed);
  for (let i = 1; i <= n; i++) {
    const p = randomPoint(rand);
    yield {
      code: `BENCH-${i}`,
      name: `生成驿站${i}号`,
      kind: KINDS[Math.floor(rand() * KINDS.length)],
      hostUnit: '基准测试',
      address: `新乐市生成路${i}号`,
      lat: Math.round(p.lat * 1e6) / 1e6,
      lng: Math.round(p.lng * 1e6) / 1e6,
      amenities: AMENITIES.filter(() => rand() < 0.45),
      hours: HOURS[Math.floor(rand() * HOURS.length)],
      closures: [],
    };
  }
}
