import { M_PER_DEG_LAT, mPerDegLng } from '@xjy/shared';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

describe.each(TEST_DRIVERS)('the 15-minute circle: coverage per station kind (%s)', (driver) => {
  let t: TestApp;
  let admin: string;
  let areaId: number;

  // A 2,995 m × 395 m strip far from the demo cities, with one station of each kind on its middle line (y = 200 m):
  // a rest station at x = 50 m, a service centre at x = 1,000 m and a commerce station at x = 2,900 m.
  const lat0 = 31.0;
  const lng0 = 111.0;
  const dLat = 395 / M_PER_DEG_LAT;
  const dLng = 2995 / mPerDegLng(lat0 + dLat / 2);
  const at = (xM: number, yM: number) => ({ lat: lat0 + yM / M_PER_DEG_LAT, lng: lng0 + xM / mPerDegLng(lat0 + dLat / 2) });
  const coverage = (query: string) => t.http('GET', `/api/stations/coverage?areaId=${areaId}${query}`, { token: admin });

  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = (await t.loginAs('admin')).token;
    const boundary = [
      [lng0, lat0],
      [lng0 + dLng, lat0],
      [lng0 + dLng, lat0 + dLat],
      [lng0, lat0 + dLat],
    ];
    let parentId: number | null = null;
    for (const [level, code] of [['district', 'K15D'], ['street', 'K15S'], ['community', 'K15C']] as const) {
      const r = await t.http('POST', '/api/areas', { token: admin, body: { parentId, level, name: `十五分钟圈${code}`, code, boundary } });
      expect(r.status).toBe(201);
      parentId = r.body.id;
    }
    areaId = parentId!;
    const place = async (kind: string, xM: number, code: string) => {
      const r = await t.http('POST', '/api/stations', {
        token: admin,
        body: { code, name: `测试${code}`, kind, hostUnit: '测试单位', address: '测试路1号', amenities: ['drinking_water'], hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })), areaId, ...at(xM, 200) },
      });
      expect(r.status).toBe(201);
    };
    await place('rest_station', 50, 'K15-REST');
    await place('service_center', 1000, 'K15-CENTER');
    await place('commerce_station', 2900, 'K15-SHOP');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('measures rest stations at 500 m on 100 m cells by default, counting no other kind', async () => {
    const r = await coverage('');
    expect(r.status).toBe(200);
    // 30 × 4 cells; within 500 m of (50, 200): the five westernmost columns in every row.
    expect(r.body).toMatchObject({ radiusM: 500, cellM: 100, cells: 120, covered: 20, stations: 1, grid: { rows: 4, cols: 30 } });
    expect((await coverage('&kind=rest_station')).body).toEqual(r.body);
  });

  it('measures service centres at 1,000 m on foot by default, on 200 m cells', async () => {
    const r = await coverage('&kind=service_center');
    expect(r.status).toBe(200);
    // 15 × 2 cells with centres at x = 100 … 2,900 m: those at 100 … 1,900 m lie within 1,000 m of x = 1,000 m.
    expect(r.body).toMatchObject({ radiusM: 1000, cellM: 200, cells: 30, covered: 20, stations: 1, grid: { rows: 2, cols: 15 } });
    expect(r.body.gaps).toHaveLength(1);
    expect(r.body.gaps[0].blocks).toEqual([[0, 10, 1, 14]]);
  });

  it('measures commerce stations at the default or an adjusted walking distance', async () => {
    const def = await coverage('&kind=commerce_station');
    expect(def.body).toMatchObject({ radiusM: 1000, cellM: 200, cells: 30, covered: 10, stations: 1 });
    // 1,500 m on 300 m cells: a 10 × 2 grid whose northern row has its centres (y = 450 m) outside the strip; of the
    // southern row's ten, those at x = 1,650 … 2,850 m lie within reach of x = 2,900 m.
    const wide = await coverage('&kind=commerce_station&radiusM=1500');
    expect(wide.body).toMatchObject({ radiusM: 1500, cellM: 300, cells: 10, covered: 5, stations: 1, grid: { rows: 2, cols: 10 } });
  });

  it('refuses a distance for rest stations, one out of bounds, and an unknown kind, each naming the field', async () => {
    for (const [query, field] of [
      ['&kind=rest_station&radiusM=800', 'radiusM'],
      ['&radiusM=1000', 'radiusM'],
      ['&kind=service_center&radiusM=5000', 'radiusM'],
      ['&kind=service_center&radiusM=100', 'radiusM'],
      ['&kind=toilet', 'kind'],
    ] as const) {
      const r = await coverage(query);
      expect({ query, status: r.status, code: r.body.code, field: r.body.details?.fields?.[0]?.field }).toEqual({ query, status: 400, code: 'validation_failed', field });
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const fixed = await coverage('&kind=rest_station&radiusM=800');
    expect(fixed.body.message).toContain('500 米');
  });
});
