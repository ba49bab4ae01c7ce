import type { AreaLevel, Ring } from '@xjy/shared';
import { M_PER_DEG_LAT, mPerDegLng } from '@xjy/shared';

/** A planned area before insertion: children nest inside their parent's rectangle. */
export interface PlannedArea {
  code: string;
  name: string;
  level: AreaLevel;
  boundary: Ring;
  children: PlannedArea[];
}

interface CityPlan {
  code: string;
  name: string;
  /** GCJ-02 centre of the urban area. */
  center: { lat: number; lng: number };
  widthM: number;
  heightM: number;
  streets: Array<{ name: string; communities: string[] }>;
}

// The three cities of the source articles; street and community names follow each city's real ones.
export const DEMO_CITIES: CityPlan[] = [
  {
    code: '130184',
    name: '新乐市',
    center: { lat: 38.3435, lng: 114.6839 },
    widthM: 9000,
    heightM: 7200,
    streets: [
      { name: '长寿街道', communities: ['新华社区', '文化路社区', '和平社区'] },
      { name: '承安镇', communities: ['承安社区', '东王村'] },
      { name: '化皮镇', communities: ['化皮社区', '南洼村'] },
    ],
  },
  {
    code: '350581',
    name: '石狮市',
    center: { lat: 24.7316, lng: 118.6489 },
    widthM: 8000,
    heightM: 6000,
    streets: [
      { name: '湖滨街道', communities: ['湖滨社区', '长福社区'] },
      { name: '凤里街道', communities: ['凤里社区', '新湖社区'] },
      { name: '灵秀镇', communities: ['灵秀社区', '钞坑村'] },
    ],
  },
  {
    code: '371721',
    name: '曹县',
    center: { lat: 34.8259, lng: 115.5423 },
    widthM: 9000,
    heightM: 7000,
    streets: [
      { name: '磐石街道', communities: ['青年路社区', '五里墩社区'] },
      { name: '曹城街道', communities: ['府前社区', '曹城社区'] },
      { name: '大集镇', communities: ['丁楼村', '张庄村'] },
    ],
  },
];

const GRID_NAMES = ['第一网格', '第二网格', '第三网格', '第四网格'];

function rect(minLng: number, minLat: number, maxLng: number, maxLat: number): Ring {
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  return [
    [r(minLng), r(minLat)],
    [r(maxLng), r(minLat)],
    [r(maxLng), r(maxLat)],
    [r(minLng), r(maxLat)],
  ];
}

/** District rectangle split into street columns, each split into community rows, each into a 2×2 of grids. */
export function planDemoAreas(): PlannedArea[] {
  return DEMO_CITIES.map((city) => {
    const dLng = city.widthM / 2 / mPerDegLng(city.center.lat);
    const dLat = city.heightM / 2 / M_PER_DEG_LAT;
    const [minLng, minLat, maxLng, maxLat] = [city.center.lng - dLng, city.center.lat - dLat, city.center.lng + dLng, city.center.lat + dLat];
    const colW = (maxLng - minLng) / city.streets.length;
    return {
      code: city.code,
      name: city.name,
      level: 'district' as const,
      boundary: rect(minLng, minLat, maxLng, maxLat),
      children: city.streets.map((street, si) => {
        const sMin = minLng + si * colW;
        const sMax = sMin + colW;
        const rowH = (maxLat - minLat) / street.communities.length;
        const sCode = `${city.code}${String(si + 1).padStart(3, '0')}`;
        return {
          code: sCode,
          name: street.name,
          level: 'street' as const,
          boundary: rect(sMin, minLat, sMax, maxLat),
          children: street.communities.map((community, ci) => {
            const cMin = minLat + ci * rowH;
            const cMax = cMin + rowH;
            const cCode = `${sCode}${String(ci + 1).padStart(3, '0')}`;
            const midLng = (sMin + sMax) / 2;
            const midLat = (cMin + cMax) / 2;
            const cells: Array<[number, number, number, number]> = [
              [sMin, midLat, midLng, cMax],
              [midLng, midLat, sMax, cMax],
              [sMin, cMin, midLng, midLat],
              [midLng, cMin, sMax, midLat],
            ];
            return {
              code: cCode,
              name: community,
              level: 'community' as const,
              boundary: rect(sMin, cMin, sMax, cMax),
              children: cells.map((c, gi) => ({
                code: `${cCode}${String(gi + 1).padStart(2, '0')}`,
                name: `${community}${GRID_NAMES[gi]}`,
                level: 'grid' as const,
                boundary: rect(...c),
                children: [],
              })),
            };
          }),
        };
      }),
    };
  });
}
