import type { Amenity, Closure, OpeningRange, StationKind } from '@xjy/shared';
import { haversineM, M_PER_DEG_LAT, mPerDegLng, parseHoursText, pointInRing } from '@xjy/shared';
import type { EntityManager } from 'typeorm';
import { Area } from '../../modules/areas/area.entity';
import { StationServiceSession } from '../../modules/stations/station-service-session.entity';
import { Station } from '../../modules/stations/station.entity';
import { User } from '../../modules/users/user.entity';
import { DEMO_CITIES, planDemoAreas, PlannedArea } from './demo-areas';

/** A planned demo station before insertion; `areaCode` is the community it lies in. */
export interface PlannedStation {
  code: string;
  name: string;
  kind: StationKind;
  hostUnit: string;
  address: string;
  lat: number;
  lng: number;
  amenities: Amenity[];
  hours: OpeningRange[];
  phone: string | null;
  areaCode: string;
  /** Days from seeding: a temporary closure around the seed time (renovation). */
  closedForDays?: [number, number];
}

/** Deterministic PRNG (mulberry32): the same plan every run, so tests can rely on it. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface StreetPlan {
  prefix: string;
  /** East-west streets (constant latitude) then north-south streets (constant longitude). */
  ew: string[];
  ns: string[];
  spacingM: { ew: number; ns: number };
  /** Fraction of the city's width/height the street network covers (the urban core). */
  core: number;
  /** Stations skipped on purpose: rectangles in metres from the centre [x0, y0, x1, y1]. */
  gaps: Array<[number, number, number, number]>;
  areaPrefix: string;
  phonePrefix: string;
}

const STREETS: Record<string, StreetPlan> = {
  '130184': {
    prefix: 'XL',
    ew: ['长寿街', '新华路', '文化路', '和平路', '振兴路', '中山路', '府前街', '建设路'],
    ns: ['人民路', '胜利路', '朝阳路', '东风路', '育才路', '园林路', '光明街', '兴业路'],
    spacingM: { ew: 850, ns: 1050 },
    core: 0.94,
    // An industrial block in the north-east and the rail yard in the south-west have no station yet.
    gaps: [
      [1800, 1200, 3600, 3200],
      [-3900, -3300, -2500, -1900],
    ],
    areaPrefix: '新乐市',
    phonePrefix: '0311-885',
  },
  '350581': { prefix: 'SS', ew: ['八七路', '宝盖路', '石狮大道'], ns: ['新湖路', '长福路'], spacingM: { ew: 1500, ns: 2500 }, core: 0.7, gaps: [], areaPrefix: '石狮市', phonePrefix: '0595-883' },
  '371721': { prefix: 'CX', ew: ['青年路', '曹州路', '珠江路'], ns: ['磐石路', '五里墩路', '普连集路'], spacingM: { ew: 1700, ns: 2200 }, core: 0.7, gaps: [], areaPrefix: '曹县', phonePrefix: '0530-336' },
};

const HOURS = {
  always: '24h',
  daytime: '1-7 07:00-22:00',
  office: '1-5 08:30-12:00,14:00-18:00; 6,7 09:00-17:00',
  shop: '1-7 08:00-21:00',
  night: '1-7 18:00-02:00',
  courier: '1-6 08:00-20:00',
} as const;

interface Host {
  kind: StationKind;
  name: (street: string, community: string, street2: string) => string;
  unit: (street: string) => string;
  hours: keyof typeof HOURS;
  amenities: Amenity[];
  extras: Amenity[];
  weight: number;
}

const HOSTS: Host[] = [
  { kind: 'rest_station', name: (_s, c, st) => `${st}${c}爱心驿站`, unit: () => '社区居委会', hours: 'office', amenities: ['drinking_water', 'hot_water', 'seating', 'phone_charging'], extras: ['microwave', 'first_aid', 'air_conditioning', 'umbrella', 'restroom'], weight: 3 },
  { kind: 'rest_station', name: (s) => `中国石化${s}加油站爱心驿站`, unit: () => '中国石化销售股份有限公司', hours: 'always', amenities: ['drinking_water', 'seating', 'phone_charging', 'restroom'], extras: ['hot_water', 'ebike_charging', 'wifi', 'first_aid'], weight: 2 },
  { kind: 'rest_station', name: (s) => `顺丰${s}营业部爱心驿站`, unit: () => '顺丰速运', hours: 'courier', amenities: ['drinking_water', 'seating', 'phone_charging'], extras: ['ebike_charging', 'microwave', 'umbrella'], weight: 2 },
  { kind: 'rest_station', name: (s) => `中国邮政${s}支局爱心驿站`, unit: () => '中国邮政', hours: 'office', amenities: ['drinking_water', 'hot_water', 'seating'], extras: ['phone_charging', 'first_aid', 'umbrella'], weight: 1 },
  { kind: 'rest_station', name: (s) => `中国银行${s}支行爱心驿站`, unit: () => '中国银行', hours: 'office', amenities: ['drinking_water', 'seating', 'air_conditioning', 'wifi'], extras: ['phone_charging', 'hot_water', 'first_aid'], weight: 1 },
  { kind: 'rest_station', name: (s) => `国家电网${s}营业厅爱心驿站`, unit: () => '国网供电公司', hours: 'office', amenities: ['drinking_water', 'seating', 'phone_charging'], extras: ['ebike_charging', 'air_conditioning'], weight: 1 },
  { kind: 'rest_station', name: (s) => `${s}便民超市爱心驿站`, unit: () => '便民超市', hours: 'shop', amenities: ['drinking_water', 'hot_water', 'microwave'], extras: ['seating', 'phone_charging', 'umbrella'], weight: 2 },
  { kind: 'rest_station', name: (s) => `${s}夜间爱心驿站`, unit: () => '餐饮商户联盟', hours: 'night', amenities: ['drinking_water', 'hot_water', 'seating', 'microwave'], extras: ['phone_charging', 'restroom'], weight: 1 },
  { kind: 'rest_station', name: (s) => `美团骑手之家（${s}）`, unit: () => '美团外卖站点', hours: 'daytime', amenities: ['drinking_water', 'seating', 'phone_charging', 'ebike_charging'], extras: ['microwave', 'air_conditioning', 'restroom'], weight: 1 },
  { kind: 'service_center', name: (_s, c) => `${c}党群服务中心`, unit: () => '社区党委', hours: 'office', amenities: ['drinking_water', 'hot_water', 'seating', 'restroom', 'air_conditioning', 'wifi'], extras: ['phone_charging', 'first_aid', 'microwave'], weight: 1 },
  { kind: 'commerce_station', name: (s) => `${s}电商服务站`, unit: () => '电商公共服务中心', hours: 'shop', amenities: ['drinking_water', 'seating', 'wifi'], extras: ['phone_charging', 'air_conditioning'], weight: 1 },
];

function communities(city: PlannedArea): Array<{ code: string; name: string; streetName: string; area: PlannedArea }> {
  return city.children.flatMap((street) => street.children.map((c) => ({ code: c.code, name: c.name, streetName: street.name, area: c })));
}

/**
 * Stations along each city's streets about every 500 m (jittered), with planned gaps and a few random missing
 * ones, each placed in the community whose boundary holds it. Realistic hosts, hours and services.
 */
export function planDemoStations(): PlannedStation[] {
  const out: PlannedStation[] = [];
  const names = new Set<string>();
  const plans = planDemoAreas();
  for (const city of DEMO_CITIES) {
    const plan = STREETS[city.code];
    const cityArea = plans.find((p) => p.code === city.code)!;
    const comms = communities(cityArea);
    const rand = prng(Number(city.code));
    const kx = mPerDegLng(city.center.lat);
    const halfW = (city.widthM * plan.core) / 2;
    const halfH = (city.heightM * plan.core) / 2;
    const spots: Array<{ x: number; y: number; street: string; n: number }> = [];
    const placeAlong = (street: string, fixed: number, horizontal: boolean) => {
      const half = horizontal ? halfW : halfH;
      let n = 1;
      for (let t = -half + 150 + rand() * 200; t < half; t += 440 + rand() * 140) {
        const jitter = (rand() - 0.5) * 60;
        const x = horizontal ? t : fixed + jitter;
        const y = horizontal ? fixed + jitter : t;
        n += 2 + Math.floor(rand() * 20);
        if (plan.gaps.some(([x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
        if (rand() < 0.08) continue;
        // Where two streets cross, one station serves both.
        if (spots.some((s) => Math.hypot(s.x - x, s.y - y) < 250)) continue;
        spots.push({ x, y, street, n });
      }
    };
    plan.ew.forEach((street, i) => placeAlong(street, -halfH + plan.spacingM.ew * (i + 0.5), true));
    plan.ns.forEach((street, i) => placeAlong(street, -halfW + plan.spacingM.ns * (i + 0.5), false));
    const totalWeight = HOSTS.reduce((s, h) => s + h.weight, 0);
    const usedCommunityStation = new Set<string>();
    let seq = 0;
    for (const spot of spots) {
      const lat = Math.round((city.center.lat + spot.y / M_PER_DEG_LAT) * 1e6) / 1e6;
      const lng = Math.round((city.center.lng + spot.x / kx) * 1e6) / 1e6;
      const comm = comms.find((c) => pointInRing({ lat, lng }, c.area.boundary));
      if (!comm) continue;
      let r = rand() * totalWeight;
      let host = HOSTS[0];
      for (const h of HOSTS) {
        r -= h.weight;
        if (r < 0) {
          host = h;
          break;
        }
      }
      // One community station and one 党群服务中心 per community; others fall back to a shop.
      const communityHost = host.name('', 'x', 'y').includes('x');
      if (communityHost && usedCommunityStation.has(`${comm.code}:${host.kind}`)) host = HOSTS[6];
      if (communityHost) usedCommunityStation.add(`${comm.code}:${host.kind}`);
      let name = host.name(spot.street, comm.name, comm.streetName);
      if (names.has(name)) name = name.replace(/(爱心驿站|服务站|）)$/, `${spot.n}号$1`);
      if (names.has(name)) continue;
      names.add(name);
      const amenities = [...host.amenities, ...host.extras.filter(() => rand() < 0.4)];
      seq++;
      out.push({
        code: `${plan.prefix}-${String(seq).padStart(4, '0')}`,
        name,
        kind: host.kind,
        hostUnit: host.unit(spot.street),
        address: `${plan.areaPrefix}${spot.street}${spot.n}号`,
        lat,
        lng,
        amenities,
        hours: (parseHoursText(HOURS[host.hours]) as { ranges: OpeningRange[] }).ranges,
        phone: rand() < 0.8 ? `${plan.phonePrefix}${String(Math.floor(rand() * 10000)).padStart(4, '0')}` : null,
        areaCode: comm.code,
        ...(seq % 37 === 5 ? { closedForDays: [-2, 20] as [number, number] } : {}),
      });
    }
  }
  return out;
}

/** Inserts the planned demo stations into the seeded areas. */
export async function insertDemoStations(m: EntityManager, now = new Date()): Promise<number> {
  const planned = planDemoStations();
  const areas = new Map((await m.getRepository(Area).find({ where: { level: 'community' } })).map((a) => [a.code, a.id]));
  const rows = planned
    .filter((p) => areas.has(p.areaCode))
    .map((p, i) => {
      const closures: Closure[] = p.closedForDays
        ? [{ from: new Date(now.getTime() + p.closedForDays[0] * 86_400_000).toISOString(), to: new Date(now.getTime() + p.closedForDays[1] * 86_400_000).toISOString(), reason: '内部装修，暂停开放' }]
        : [];
      const { areaCode, closedForDays: _closed, ...fields } = p;
      // Confirmed from a few hours to 40 days ago: about one in five is past 30 days and shows as 待确认.
      const lastConfirmedAt = new Date(now.getTime() - ((i * 7) % 41) * 86_400_000 - ((i * 5) % 24) * 3_600_000);
      return m.getRepository(Station).create({ ...fields, closures, photoMediaIds: [], status: 'active' as const, areaId: areas.get(areaCode)!, lastConfirmedAt });
    });
  for (let i = 0; i < rows.length; i += 100) await m.getRepository(Station).insert(rows.slice(i, i + 100));
  await insertDemoStationServices(m, now);
  return rows.length;
}

/** Demo 驿站服务: a few sessions in the coming days at the stations nearest 新乐's centre, scheduled by the demo staff. */
async function insertDemoStationServices(m: EntityManager, now: Date): Promise<void> {
  const staff = await m.getRepository(User).findOne({ where: { demoAccount: 'staff' } });
  if (!staff) return;
  const centre = { lat: 38.3435, lng: 114.6839 };
  const nearest = (await m.getRepository(Station).find({ select: { id: true, lat: true, lng: true } })).sort((a, b) => haversineM(a, centre) - haversineM(b, centre)).slice(0, 3);
  // Whole China-time days from today, at a China-time hour.
  const at = (days: number, hh: number, mm = 0) => new Date(Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000 + days) * 86_400_000 + (hh - 8) * 3_600_000 + mm * 60_000);
  const plan = [
    { kind: 'legal_consult' as const, startsAt: at(1, 14), endsAt: at(1, 16), host: '新乐市法律援助中心', note: '欠薪、工伤、劳动合同问题现场解答', capacity: null },
    { kind: 'counselling' as const, startsAt: at(2, 19), endsAt: at(2, 21), host: '市心理健康服务站', note: '一对一倾听，注意保护隐私', capacity: 20 },
    { kind: 'policy_briefing' as const, startsAt: at(3, 10), endsAt: at(3, 11, 30), host: '市人社局', note: '新就业形态劳动者职业伤害保障政策', capacity: null },
  ];
  const rows = plan.slice(0, nearest.length).map((v, i) => m.getRepository(StationServiceSession).create({ ...v, stationId: nearest[i].id, createdById: staff.id, cancelledAt: null }));
  if (rows.length) await m.getRepository(StationServiceSession).insert(rows);
}

/** The distance from a planned station to its nearest neighbour, for the seed's own checks. */
export function nearestNeighbourM(list: PlannedStation[], i: number): number {
  let best = Infinity;
  for (let j = 0; j < list.length; j++) if (j !== i) best = Math.min(best, haversineM(list[i], list[j]));
  return best;
}
