import type { Ring } from '@xjy/shared';
import { M_PER_DEG_LAT, mPerDegLng, ringCentroid } from '@xjy/shared';
import { Area } from '../../src/modules/areas/area.entity';
import { Report } from '../../src/modules/reports/report.entity';
import { centerOf, createReport } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(90_000);

// The demo staff looks after 新乐 长寿街道 (130184001) and 曹县 磐石街道; 石狮 (350581) is not theirs.
const XINLE_STREET = '130184001';
const XINLE_COMMUNITY = '130184001001';
const XINLE_GRID = '13018400100101';
const SHISHI_GRID = '35058100100101';

/** A square of `sideM` metres centred on a point, as a boundary ring. */
function squareAround(p: { lat: number; lng: number }, sideM: number): Ring {
  const dLat = sideM / 2 / M_PER_DEG_LAT;
  const dLng = sideM / 2 / mPerDegLng(p.lat);
  return [
    [p.lng - dLng, p.lat - dLat],
    [p.lng + dLng, p.lat - dLat],
    [p.lng + dLng, p.lat + dLat],
    [p.lng - dLng, p.lat + dLat],
  ];
}

/** The ring shrunk towards its centroid by a factor (0.5 = half the size), so it lies strictly inside. */
function shrink(ring: Ring, f: number): Ring {
  const c = ringCentroid(ring);
  return ring.map(([lng, lat]) => [c.lng + (lng - c.lng) * f, c.lat + (lat - c.lat) * f]);
}

describe.each(TEST_DRIVERS)('area boundaries stay inside their parents and scopes (%s)', (driver) => {
  let t: TestApp;
  let staff: string;
  let admin: string;
  let streamer: string;
  const area = (code: string) => t.ds.getRepository(Area).findOneByOrFail({ code });

  beforeAll(async () => {
    t = await startTestApp(driver);
    staff = (await t.loginAs('staff')).token;
    admin = (await t.loginAs('admin')).token;
    streamer = (await t.loginAs('streamer')).token;
  });
  afterAll(() => t?.close());

  describe('PATCH /api/areas/:id', () => {
    it('refuses a staff member moving a community of their scope onto a point in another city, and changes nothing', async () => {
      const community = await area(XINLE_COMMUNITY);
      const shishi = await centerOf(t, SHISHI_GRID);
      const r = await t.http('PATCH', `/api/areas/${community.id}`, { token: staff, body: { boundary: squareAround(shishi, 300) } });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('area_boundary_outside_parent');
      expect(r.body.details.parentId).toBe((await area(XINLE_STREET)).id);
      const after = await area(XINLE_COMMUNITY);
      expect(after.boundary).toEqual(community.boundary);
      expect([after.centerLat, after.centerLng]).toEqual([community.centerLat, community.centerLng]);
    });

    it('refuses a boundary that pokes out of the parent even when most of it is inside', async () => {
      const grid = await area(XINLE_GRID);
      const street = await area(XINLE_STREET);
      const c = ringCentroid(grid.boundary!);
      // From the grid's centre to 1 km west of the street's west edge.
      const westOfStreet = Math.min(...street.boundary!.map((p) => p[0])) - 1000 / mPerDegLng(c.lat);
      const ring: Ring = [
        [westOfStreet, c.lat - 0.001],
        [c.lng, c.lat - 0.001],
        [c.lng, c.lat + 0.001],
        [westOfStreet, c.lat + 0.001],
      ];
      const r = await t.http('PATCH', `/api/areas/${grid.id}`, { token: staff, body: { boundary: ring } });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('area_boundary_outside_parent');
    });

    it('lets staff redraw a grid inside its community, and a community that still holds its grids', async () => {
      const grid = await area(XINLE_GRID);
      const smaller = shrink(grid.boundary!, 0.9);
      const r = await t.http('PATCH', `/api/areas/${grid.id}`, { token: staff, body: { boundary: smaller } });
      expect(r.status).toBe(200);
      expect(r.body.boundary).toEqual(smaller);
      // Put it back, exactly along the community's edges again.
      expect((await t.http('PATCH', `/api/areas/${grid.id}`, { token: staff, body: { boundary: grid.boundary } })).status).toBe(200);
      const community = await area(XINLE_COMMUNITY);
      expect((await t.http('PATCH', `/api/areas/${community.id}`, { token: staff, body: { boundary: community.boundary } })).status).toBe(200);
    });

    it('refuses a community edit that would leave one of its grids outside (409), and changes nothing', async () => {
      const community = await area(XINLE_COMMUNITY);
      const r = await t.http('PATCH', `/api/areas/${community.id}`, { token: staff, body: { boundary: shrink(community.boundary!, 0.5) } });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('area_boundary_excludes_child');
      expect(r.body.details.childIds).toHaveLength(4);
      expect((await area(XINLE_COMMUNITY)).boundary).toEqual(community.boundary);
    });

    it('keeps street and district boundaries, and a scope root itself, for the admin', async () => {
      const street = await area(XINLE_STREET);
      const r = await t.http('PATCH', `/api/areas/${street.id}`, { token: staff, body: { boundary: street.boundary } });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('area_boundary_admin_only');
      // Renaming stays a staff task.
      expect((await t.http('PATCH', `/api/areas/${street.id}`, { token: staff, body: { name: street.name } })).status).toBe(200);
      // The admin may redraw a street, but not so as to leave its communities outside.
      expect((await t.http('PATCH', `/api/areas/${street.id}`, { token: admin, body: { boundary: street.boundary } })).status).toBe(200);
      const cut = await t.http('PATCH', `/api/areas/${street.id}`, { token: admin, body: { boundary: shrink(street.boundary!, 0.5) } });
      expect(cut.status).toBe(409);
      expect(cut.body.code).toBe('area_boundary_excludes_child');
      expect((await area(XINLE_STREET)).boundary).toEqual(street.boundary);
    });

    it('refuses an admin creating an area outside its parent', async () => {
      const street = await area(XINLE_STREET);
      const shishi = await centerOf(t, SHISHI_GRID);
      const r = await t.http('POST', '/api/areas', { token: admin, body: { parentId: street.id, level: 'community', name: '越界社区', code: 'OUTSIDE-1', boundary: squareAround(shishi, 300) } });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('area_boundary_outside_parent');
      expect(await t.ds.getRepository(Area).countBy({ code: 'OUTSIDE-1' })).toBe(0);
    });
  });

  // Rows written before the check existed (or by hand) may already hold a community drawn in another city.
  describe('with a community already moved to 石狮 in the database', () => {
    let shishi: { lat: number; lng: number; id: number; path: string };
    let moved: Area;

    beforeAll(async () => {
      shishi = await centerOf(t, SHISHI_GRID);
      moved = await area(XINLE_COMMUNITY);
      const ring = squareAround(shishi, 400);
      const repo = t.ds.getRepository(Area);
      for (const a of await repo.findBy({ parentId: moved.id })) await repo.update({ id: a.id }, { boundary: shrink(ring, 0.5), centerLat: shishi.lat, centerLng: shishi.lng });
      await repo.update({ id: moved.id }, { boundary: ring, centerLat: shishi.lat, centerLng: shishi.lng });
    });

    it('routes a report filed there to 石狮, not to the moved community or its grids', async () => {
      const r = await createReport(t, streamer, { lat: shishi.lat, lng: shishi.lng });
      expect(r.status).toBe(201);
      expect(r.body.areaId).toBe(shishi.id);
      const report = await t.ds.getRepository(Report).findOneByOrFail({ id: r.body.id });
      expect(report.areaId).toBe(shishi.id);
      // The staff of 新乐 cannot read it.
      expect((await t.http('GET', `/api/reports/${r.body.id}`, { token: staff })).status).toBe(403);
    });

    it('refuses a station placed there in the moved community', async () => {
      const r = await t.http('POST', '/api/stations', {
        token: staff,
        body: {
          name: '越界驿站',
          kind: 'rest_station',
          hostUnit: '测试单位',
          address: '石狮市测试路1号',
          lat: shishi.lat,
          lng: shishi.lng,
          amenities: ['drinking_water'],
          hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })),
          areaId: moved.id,
        },
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('station_outside_area');
      const near = await t.http('GET', `/api/stations/nearby?lat=${shishi.lat}&lng=${shishi.lng}&radius=500`, { token: streamer });
      expect(near.body.items.map((s: { name: string }) => s.name)).not.toContain('越界驿站');
    });

    it('refuses the same placement from an import', async () => {
      const header = 'code,name,kind,host_unit,address,lat,lng,coord_system,amenities,hours,phone,area_code,status';
      const csv = [header, ['OUT-1', '越界导入驿站', 'rest_station', '单位', '地址', shishi.lat, shishi.lng, '', 'drinking_water', '1-7 00:00-24:00', '', XINLE_COMMUNITY, ''].join(',')].join('\n');
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(csv, 'utf8')], { type: 'text/csv' }), 'stations.csv');
      const res = await fetch(`${t.baseUrl}/api/stations/import?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${staff}` }, body: form });
      const body = (await res.json()) as { ok: boolean; errors: unknown[] };
      expect(res.status).toBe(200);
      expect(body.ok).toBe(false);
      expect(body.errors).toEqual([expect.objectContaining({ row: 2, field: 'lat' })]);
    });
  });
});
