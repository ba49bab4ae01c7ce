import { AMENITIES, COVERAGE_BLOCKS_MAX, STATION_MAP_POINTS_MAX, coverageBlockBounds, gcj02ToWgs84, haversineM, M_PER_DEG_LAT, mPerDegLng } from '@xjy/shared';
import ExcelJS from 'exceljs';
import { In } from 'typeorm';
import { StationIndexService } from '../../src/modules/stations/station-index.service';
import { Station } from '../../src/modules/stations/station.entity';
import { stationFactory } from '../factories/station.factory';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';
import { DEMO_USERS } from '../../src/database/seeds/demo.seed';

// Starting a server on MySQL (migrate + seed) can take longer than jest's default on a busy machine.
jest.setTimeout(60_000);

// 新乐 长寿街道 新华社区 lies in the demo staff's scope; 石狮 does not.
const XINLE = { lat: 38.3435, lng: 114.6839 };

describe.each(TEST_DRIVERS)('stations over HTTP (%s)', (driver) => {
  let t: TestApp;
  let rider: string;
  let staff: string;
  let admin: string;
  const areaIds: Record<string, number> = {};
  const centres: Record<string, { lat: number; lng: number }> = {};

  const areaByCode = async (code: string) => {
    if (areaIds[code]) return areaIds[code];
    const roots = await t.http('GET', '/api/areas', { token: admin });
    let node = roots.body.items.find((a: { code: string }) => code.startsWith(a.code));
    while (node.code !== code) {
      const kids = await t.http('GET', `/api/areas?parentId=${node.id}`, { token: admin });
      node = kids.body.items.find((a: { code: string }) => code.startsWith(a.code));
    }
    areaIds[code] = node.id;
    centres[code] = { lat: node.centerLat, lng: node.centerLng };
    return node.id as number;
  };

  const stationBody = (over: Record<string, unknown> = {}) => ({
    name: '测试爱心驿站',
    kind: 'rest_station',
    hostUnit: '测试单位',
    address: '新乐市测试路1号',
    lat: centres['130184001001'].lat,
    lng: centres['130184001001'].lng,
    amenities: ['drinking_water', 'phone_charging'],
    hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })),
    areaId: areaIds['130184001001'],
    ...over,
  });

  const upload = async (path: string, token: string, name: string, bytes: Buffer | string, type = 'text/csv'): Promise<{ status: number; body: any }> => {
    const form = new FormData();
    form.append('file', new Blob([typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes], { type }), name);
    const res = await fetch(t.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json() };
  };

  const nearby = async (qs: string, token = rider) => t.http('GET', `/api/stations/nearby?${qs}`, { token });

  beforeAll(async () => {
    t = await startTestApp(driver);
    rider = (await t.loginAs('rider')).token;
    staff = (await t.loginAs('staff')).token;
    admin = (await t.loginAs('admin')).token;
    await areaByCode('130184001001');
    await areaByCode('350581001001');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/stations/nearby', () => {
    it('lists the seeded stations nearest first, each within the radius, with the response fields', async () => {
      const r = await nearby(`lat=${XINLE.lat}&lng=${XINLE.lng}&radius=2000&limit=50`);
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeGreaterThan(10);
      const d = r.body.items.map((s: { distanceM: number }) => s.distanceM);
      expect(d).toEqual([...d].sort((a, b) => a - b));
      for (const s of r.body.items) {
        expect(Object.keys(s).sort()).toEqual(
          ['address', 'amenities', 'distanceM', 'id', 'kind', 'lat', 'lng', 'name', 'nextChange', 'openNow', 'lastConfirmedAt', 'needsConfirmation', 'favorite', 'nextService'].sort(),
        );
        expect(s.distanceM).toBeLessThanOrEqual(2000);
        expect(Math.abs(s.distanceM - haversineM(XINLE, s))).toBeLessThanOrEqual(1);
      }
    });

    it('defaults to 1000 m and 20 items, and honours limit', async () => {
      const all = await nearby(`lat=${XINLE.lat}&lng=${XINLE.lng}&radius=5000&limit=100`);
      const def = await nearby(`lat=${XINLE.lat}&lng=${XINLE.lng}`);
      expect(def.body.items.length).toBe(Math.min(20, all.body.items.filter((s: { distanceM: number }) => s.distanceM <= 1000).length));
      const two = await nearby(`lat=${XINLE.lat}&lng=${XINLE.lng}&radius=5000&limit=2`);
      expect(two.body.items.map((s: { id: number }) => s.id)).toEqual(all.body.items.slice(0, 2).map((s: { id: number }) => s.id));
    });

    it('requires every amenity asked for, filters by kind and by open now', async () => {
      const base = `lat=${XINLE.lat}&lng=${XINLE.lng}&radius=2500&limit=100`;
      const all = (await nearby(base)).body.items;
      // Below the limit, so every filtered answer is a subset of this one.
      expect(all.length).toBeLessThan(100);
      const both = (await nearby(`${base}&amenities=ebike_charging,restroom`)).body.items;
      expect(both.length).toBeGreaterThan(0);
      expect(both.length).toBe(all.filter((s: { amenities: string[] }) => s.amenities.includes('ebike_charging') && s.amenities.includes('restroom')).length);
      const centres = (await nearby(`${base}&kind=service_center`)).body.items;
      expect(centres.length).toBeGreaterThan(0);
      expect(centres.every((s: { kind: string }) => s.kind === 'service_center')).toBe(true);
      const open = (await nearby(`${base}&openNow=true`)).body.items;
      expect(open.length).toBeGreaterThan(0);
      expect(open.every((s: { openNow: boolean }) => s.openNow)).toBe(true);
      expect(open.length).toBe(all.filter((s: { openNow: boolean }) => s.openNow).length);
    });

    it('refuses bad input with 400 naming the field', async () => {
      const cases: Array<[string, string]> = [
        ['lat=91&lng=114.6', 'lat'],
        ['lat=38.3&lng=200', 'lng'],
        ['lat=abc&lng=114.6', 'lat'],
        ['lng=114.6', 'lat'],
        [`lat=${XINLE.lat}&lng=${XINLE.lng}&radius=5001`, 'radius'],
        [`lat=${XINLE.lat}&lng=${XINLE.lng}&limit=101`, 'limit'],
        [`lat=${XINLE.lat}&lng=${XINLE.lng}&amenities=drinking_water,jacuzzi`, 'amenities'],
        [`lat=${XINLE.lat}&lng=${XINLE.lng}&kind=hotel`, 'kind'],
        [`lat=${XINLE.lat}&lng=${XINLE.lng}&openNow=maybe`, 'openNow'],
        [`lat=${XINLE.lat}&lng=${XINLE.lng}&extra=1`, 'extra'],
      ];
      for (const [qs, field] of cases) {
        const r = await nearby(qs);
        expect({ qs, status: r.status, code: r.body.code }).toEqual({ qs, status: 400, code: 'validation_failed' });
        expect(r.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
    });

    it('needs a login, and answers like every other route although Fastify serves it directly', async () => {
      const qs = `lat=${XINLE.lat}&lng=${XINLE.lng}`;
      const anonymous = await t.http('GET', `/api/stations/nearby?${qs}`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ code: 'unauthenticated', message: expect.any(String) });
      const forged = await t.http('GET', `/api/stations/nearby?${qs}`, { token: `${rider.slice(0, -4)}AAAA` });
      expect(forged.status).toBe(401);
      expect(forged.body.code).toBe('token_invalid');
      const traced = await t.http('GET', `/api/stations/nearby?${qs}`, { token: rider, headers: { 'x-request-id': 'rider-req-7' } });
      expect(traced.status).toBe(200);
      expect(traced.headers.get('x-request-id')).toBe('rider-req-7');
      expect(traced.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const twice = await nearby(`${qs}&lat=38.1`);
      expect(twice.status).toBe(400);
      expect(twice.body.details.fields).toEqual([expect.objectContaining({ field: 'lat' })]);
    });
  });

  describe('writes and the index', () => {
    it('shows a created station in nearby at once, hides it when suspended and brings it back on restore', async () => {
      const c = centres['130184001001'];
      const created = await t.http('POST', '/api/stations', { token: staff, body: stationBody({ code: 'E2E-NEW', name: '即时可见驿站', amenities: ['umbrella', 'wifi', 'microwave'] }) });
      expect(created.status).toBe(201);
      const qs = `lat=${c.lat}&lng=${c.lng}&radius=300&amenities=umbrella,wifi,microwave&limit=100`;
      const ids = async () => (await nearby(qs)).body.items.map((s: { id: number }) => s.id);
      expect(await ids()).toContain(created.body.id);
      expect((await t.http('POST', `/api/stations/${created.body.id}/suspend`, { token: staff })).body.status).toBe('suspended');
      expect(await ids()).not.toContain(created.body.id);
      expect((await t.http('GET', `/api/stations/${created.body.id}`, { token: rider })).status).toBe(404);
      expect((await t.http('GET', `/api/stations/${created.body.id}`, { token: staff })).body.status).toBe('suspended');
      await t.http('POST', `/api/stations/${created.body.id}/restore`, { token: staff });
      expect(await ids()).toContain(created.body.id);
      const moved = await t.http('PATCH', `/api/stations/${created.body.id}`, { token: staff, body: { amenities: ['drinking_water'] } });
      expect(moved.status).toBe(200);
      expect(await ids()).not.toContain(created.body.id);
    });

    it('shows the detail with hours, closures, phone and today\'s state', async () => {
      const created = await t.http('POST', '/api/stations', {
        token: staff,
        body: stationBody({ code: 'E2E-DETAIL', phone: '0311-88521234', closures: [{ from: '2020-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z', reason: '装修' }] }),
      });
      const r = await t.http('GET', `/api/stations/${created.body.id}`, { token: rider });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ code: 'E2E-DETAIL', phone: '0311-88521234', photos: [], openNow: false, nextChange: '2099-01-01T00:00:00.000Z', status: 'active', areaName: '新华社区' });
      expect(r.body.hours).toHaveLength(7);
      expect(r.body.closures[0].reason).toBe('装修');
    });

    it('keeps staff to their scope and workers out of every write', async () => {
      const out = await t.http('POST', '/api/stations', { token: staff, body: stationBody({ areaId: areaIds['350581001001'], lat: centres['350581001001'].lat, lng: centres['350581001001'].lng }) });
      expect(out.status).toBe(403);
      expect(out.body.code).toBe('out_of_scope');
      const inStation = await t.http('POST', '/api/stations', { token: staff, body: stationBody({ code: 'E2E-SCOPE' }) });
      const move = await t.http('PATCH', `/api/stations/${inStation.body.id}`, { token: staff, body: { areaId: areaIds['350581001001'], lat: centres['350581001001'].lat, lng: centres['350581001001'].lng } });
      expect(move.body.code).toBe('out_of_scope');
      expect((await t.http('POST', '/api/stations', { token: rider, body: stationBody() })).status).toBe(403);
      expect((await t.http('PATCH', `/api/stations/${inStation.body.id}`, { token: rider, body: { name: 'x' } })).status).toBe(403);
      expect((await t.http('POST', `/api/stations/${inStation.body.id}/suspend`, { token: rider })).status).toBe(403);
      const after = await t.http('GET', `/api/stations/${inStation.body.id}`, { token: rider });
      expect(after.body.name).toBe('测试爱心驿站');
    });

    it('refuses a point outside the area, bad hours and a taken code', async () => {
      const outside = await t.http('POST', '/api/stations', { token: staff, body: stationBody({ lat: 38.5 }) });
      expect({ status: outside.status, code: outside.body.code }).toEqual({ status: 400, code: 'station_outside_area' });
      const hours = await t.http('POST', '/api/stations', { token: staff, body: stationBody({ hours: [{ day: 1, open: '25:00', close: '02:00' }] }) });
      expect(hours.status).toBe(400);
      expect(hours.body.details.fields[0].field).toBe('hours');
      await t.http('POST', '/api/stations', { token: staff, body: stationBody({ code: 'E2E-DUP' }) });
      const dup = await t.http('POST', '/api/stations', { token: staff, body: stationBody({ code: 'E2E-DUP' }) });
      expect({ status: dup.status, code: dup.body.code }).toEqual({ status: 409, code: 'station_code_taken' });
    });
  });

  describe('GET /api/stations (map viewport)', () => {
    it('returns points for a small viewport and clusters with counts for a large one', async () => {
      const small = await t.http('GET', `/api/stations?bbox=${XINLE.lng - 0.005},${XINLE.lat - 0.005},${XINLE.lng + 0.005},${XINLE.lat + 0.005}`, { token: rider });
      expect(small.body.mode).toBe('points');
      expect(small.body.points.length).toBe(small.body.total);
      const big = await t.http('GET', '/api/stations?bbox=73.7,3.9,75.6,5.8', { token: rider });
      expect(big.body).toEqual({ mode: 'points', total: 0, points: [] });
      const cityBBox = `${XINLE.lng - 0.1},${XINLE.lat - 0.1},${XINLE.lng + 0.1},${XINLE.lat + 0.1}`;
      const seeded = await t.http('GET', `/api/stations?bbox=${cityBBox}`, { token: rider });
      expect(seeded.body.total).toBeGreaterThanOrEqual(150);
      // The seed alone stays under the 300-point limit: add a tight group of stations in the viewport's south-west
      // cell until it holds more, so the clusters branch runs.
      const extra = STATION_MAP_POINTS_MAX + 1 - seeded.body.total + 20;
      const corner = { lat: XINLE.lat - 0.095, lng: XINLE.lng - 0.095 };
      const rows = Array.from({ length: extra }, (_, i) => {
        // The database stamps the times.
        const { id: _id, createdAt: _c, updatedAt: _u, ...row } = stationFactory({ lat: corner.lat + i * 1e-5, lng: corner.lng, areaId: areaIds['130184001001'] });
        return row;
      });
      const codes = In(rows.map((r) => r.code!));
      const stations = t.ds.getRepository(Station);
      await stations.insert(rows);
      // Into this instance's index at once, as the service does after its own writes (the poll would take a while).
      t.app.get(StationIndexService).apply(await stations.findBy({ code: codes }));
      const city = await t.http('GET', `/api/stations?bbox=${cityBBox}`, { token: rider });
      expect(city.body.total).toBe(seeded.body.total + extra);
      expect(city.body.mode).toBe('clusters');
      expect(city.body.clusters.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(city.body.total);
      expect(city.body.clusters.length).toBeGreaterThan(1);
      expect(city.body.clusters.length).toBeLessThanOrEqual(64);
      // Every added station falls in the south-west cell of the 8 × 8 grid, whose cluster holds at least them all.
      const southWest = (city.body.clusters as Array<{ lat: number; lng: number; count: number }>).filter((c) => c.lat < XINLE.lat - 0.075 && c.lng < XINLE.lng - 0.075);
      expect(southWest).toHaveLength(1);
      expect(southWest[0].count).toBeGreaterThanOrEqual(extra);
      // Off the map again for the other tests.
      // Stamped as the service stamps its writes (the app's clock, later than the insert): the index keeps the newest.
      await stations.update({ code: codes }, { status: 'suspended', updatedAt: new Date(Date.now() + 1000) });
      t.app.get(StationIndexService).apply(await stations.findBy({ code: codes }));
      expect((await t.http('GET', `/api/stations?bbox=${cityBBox}`, { token: rider })).body.total).toBe(seeded.body.total);
    });

    it('refuses a bbox with min above max, naming bbox', async () => {
      const r = await t.http('GET', '/api/stations?bbox=114.7,38.3,114.6,38.4', { token: rider });
      expect(r.status).toBe(400);
      expect(r.body.details.fields[0].field).toBe('bbox');
    });
  });

  describe('feedback', () => {
    it('lets any worker report a problem, shows it to staff in scope only, and confirming stamps the station', async () => {
      const s = await t.http('POST', '/api/stations', { token: admin, body: stationBody({ code: 'E2E-FB' }) });
      const before = (await t.http('GET', `/api/stations/${s.body.id}`, { token: rider })).body;
      const fb = await t.http('POST', `/api/stations/${s.body.id}/feedback`, { token: rider, body: { type: 'closed_when_open', note: '中午没开门' } });
      expect(fb.status).toBe(201);
      expect((await t.http('GET', `/api/stations/${s.body.id}`, { token: rider })).body.updatedAt).toBe(before.updatedAt);
      const bad = await t.http('POST', `/api/stations/${s.body.id}/feedback`, { token: rider, body: { type: 'closed', note: '' } });
      expect(bad.status).toBe(400);
      const queue = await t.http('GET', '/api/stations/feedback', { token: staff });
      expect(queue.body.items.map((f: { id: number }) => f.id)).toContain(fb.body.id);
      const outStation = await t.http('POST', '/api/stations', { token: admin, body: stationBody({ code: 'E2E-FB-OUT', areaId: areaIds['350581001001'], ...centres['350581001001'] }) });
      const outFb = await t.http('POST', `/api/stations/${outStation.body.id}/feedback`, { token: rider, body: { type: 'praise' } });
      expect((await t.http('GET', '/api/stations/feedback', { token: staff })).body.items.map((f: { id: number }) => f.id)).not.toContain(outFb.body.id);
      expect((await t.http('POST', `/api/stations/feedback/${outFb.body.id}/resolve`, { token: staff, body: { resolution: 'dismissed' } })).body.code).toBe('out_of_scope');
      const resolved = await t.http('POST', `/api/stations/feedback/${fb.body.id}/resolve`, { token: staff, body: { resolution: 'confirmed_correct', note: '已核实' } });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'confirmed_correct' });
      const after = (await t.http('GET', `/api/stations/${s.body.id}`, { token: rider })).body;
      expect(Date.parse(after.lastConfirmedAt)).toBeGreaterThan(Date.parse(before.lastConfirmedAt));
      const again = await t.http('POST', `/api/stations/feedback/${fb.body.id}/resolve`, { token: staff, body: { resolution: 'dismissed' } });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'station_feedback_resolved' });
    });
  });

  describe('import and export', () => {
    const header = 'code,name,kind,host_unit,address,lat,lng,coord_system,amenities,hours,phone,area_code,status';
    const row = (code: string, over: Partial<Record<'lat' | 'lng' | 'sys' | 'area' | 'kind' | 'hours' | 'amenities', string | number>> = {}) => {
      const c = centres['130184001001'];
      return [code, `导入驿站${code}`, over.kind ?? 'rest_station', '导入单位', '"新乐市导入路1号, 北侧"', over.lat ?? c.lat, over.lng ?? c.lng, over.sys ?? '', `"${over.amenities ?? 'drinking_water,饮用水,seating'}"`, `"${over.hours ?? '1-5 08:00-12:00,14:00-18:00; 6,7 09:00-17:00'}"`, '', over.area ?? '130184001001', ''].join(',');
    };
    const managedTotal = async () => (await t.http('GET', '/api/stations/managed?q=IMP-', { token: staff })).body.total as number;

    it('reports every bad row on a dry run and imports nothing', async () => {
      const csv = [header, row('IMP-1'), row('IMP-2', { kind: 'hotel' }), row('IMP-1'), row('IMP-3', { lat: 1.2, lng: 2.3 }), row('IMP-4', { area: '350581001001' }), row('IMP-5', { hours: 'always' }), row('IMP-6', { amenities: 'spa' })].join('\n');
      const r = await upload('/api/stations/import?dryRun=true', staff, 'stations.csv', csv);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ dryRun: true, ok: false, rows: 7, created: 0 });
      expect(r.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['3:kind', '4:code', '5:lat', '6:area_code', '7:hours', '8:amenities']);
      expect(await managedTotal()).toBe(0);
    });

    it('says which part of a row\'s hours is wrong, in Chinese', async () => {
      const csv = [header, row('IMP-7', { hours: '1-5 08:00-12:00; 6,7 9:00-17:00' }), row('IMP-8', { hours: '5-1 08:00-09:00' })].join('\n');
      const r = await upload('/api/stations/import?dryRun=true', staff, 'stations.csv', csv);
      expect(r.status).toBe(200);
      expect(r.body.errors).toEqual([
        { row: 2, field: 'hours', message: '开放时间第 2 段时间“9:00-17:00”格式不对，应为 08:30-12:00' },
        { row: 3, field: 'hours', message: '开放时间第 1 段的星期“5-1”前后颠倒，应如 1-5（周一至周五）' },
      ]);
    });

    it('imports all rows or none on a real run', async () => {
      const csv = [header, row('IMP-1'), row('IMP-2'), row('IMP-3', { lat: 60, lng: 10 })].join('\n');
      const r = await upload('/api/stations/import?dryRun=false', staff, 'stations.csv', csv);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('station_import_invalid');
      expect(r.body.details.errors).toEqual([expect.objectContaining({ row: 4, field: 'lat' })]);
      expect(await managedTotal()).toBe(0);
    });

    it('imports a clean file once, and a second run matches by code and creates nothing', async () => {
      const c = centres['130184001001'];
      const wgs = gcj02ToWgs84(c);
      const csv = [header, row('IMP-1'), row('IMP-2'), row('IMP-W', { lat: wgs.lat, lng: wgs.lng, sys: 'wgs84' })].join('\r\n');
      const dry = await upload('/api/stations/import?dryRun=true', staff, 'stations.csv', csv);
      expect(dry.body).toMatchObject({ ok: true, created: 3, updated: 0, errors: [] });
      expect(await managedTotal()).toBe(0);
      const first = await upload('/api/stations/import?dryRun=false', staff, 'stations.csv', csv);
      expect(first.body).toMatchObject({ ok: true, created: 3, updated: 0 });
      const second = await upload('/api/stations/import?dryRun=false', staff, 'stations.csv', csv);
      expect(second.body).toMatchObject({ ok: true, created: 0, updated: 3 });
      expect(await managedTotal()).toBe(3);
      const imported = (await t.http('GET', '/api/stations/managed?q=IMP-W', { token: staff })).body.items[0];
      // Converted back to GCJ-02: within a metre of the point it started from.
      expect(haversineM(imported, c)).toBeLessThan(1);
      expect(imported.hours).toHaveLength(12);
      expect(imported.address).toBe('新乐市导入路1号, 北侧');
      const seen = await nearby(`lat=${c.lat}&lng=${c.lng}&radius=50&limit=100`);
      expect(seen.body.items.map((s: { id: number }) => s.id)).toContain(imported.id);
    });

    it('reads XLSX too, and applies the coordSystem flag to rows that leave it empty', async () => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('s');
      sheet.addRow(header.split(','));
      const c = centres['130184001001'];
      const wgs = gcj02ToWgs84(c);
      sheet.addRow(['IMP-X', '表格驿站', '爱心驿站', '单位', '地址', wgs.lat, wgs.lng, '', 'drinking_water', '24h', '13800138000', '130184001001', 'active']);
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const r = await upload('/api/stations/import?dryRun=false&coordSystem=wgs84', staff, 'stations.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(r.body).toMatchObject({ ok: true, created: 1 });
      const s = (await t.http('GET', '/api/stations/managed?q=IMP-X', { token: staff })).body.items[0];
      expect(haversineM(s, c)).toBeLessThan(1);
      expect(s.kind).toBe('rest_station');
    });

    it('refuses a file that is neither CSV nor XLSX', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]);
      const r = await upload('/api/stations/import?dryRun=true', staff, 'photo.png', png, 'image/png');
      expect(r.status).toBe(400);
      expect(r.body.details.errors[0].field).toBe('file');
      expect((await upload('/api/stations/import?dryRun=true', rider, 'stations.csv', header)).status).toBe(403);
    });

    it('exports the stations in scope in the import format', async () => {
      const res = await fetch(`${t.baseUrl}/api/stations/export.xlsx`, { headers: { authorization: `Bearer ${staff}` } });
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const rows: string[][] = [];
      wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(String)));
      expect(rows[0]).toEqual(header.split(','));
      const areaCodes = new Set(rows.slice(1).map((r) => r[11]));
      const scopeCodes = DEMO_USERS.find((u) => u.account === 'staff')!.scopeCodes;
      expect([...areaCodes].every((code) => scopeCodes.some((root) => code.startsWith(root)))).toBe(true);
      expect(rows.length).toBeGreaterThan(10);
    });
  });

  describe('GET /api/stations/coverage', () => {
    it('measures a small hand-checked area: half its cells within 500 m, one gap on the far side', async () => {
      // A 995 m × 195 m strip far from the demo cities: 10 × 2 cells of 100 m.
      const lat0 = 30.0;
      const lng0 = 110.0;
      const dLat = 195 / M_PER_DEG_LAT;
      const dLng = 995 / mPerDegLng(lat0 + dLat / 2);
      const boundary = [
        [lng0, lat0],
        [lng0 + dLng, lat0],
        [lng0 + dLng, lat0 + dLat],
        [lng0, lat0 + dLat],
      ];
      const district = await t.http('POST', '/api/areas', { token: admin, body: { parentId: null, level: 'district', name: '覆盖测试区', code: 'COVD', boundary } });
      const street = await t.http('POST', '/api/areas', { token: admin, body: { parentId: district.body.id, level: 'street', name: '覆盖测试街道', code: 'COVS', boundary } });
      const community = await t.http('POST', '/api/areas', { token: admin, body: { parentId: street.body.id, level: 'community', name: '覆盖测试社区', code: 'COVC', boundary } });
      const at = (xM: number, yM: number) => ({ lat: lat0 + yM / M_PER_DEG_LAT, lng: lng0 + xM / mPerDegLng(lat0 + dLat / 2) });
      const place = (kind: string, xM: number, code: string) =>
        t.http('POST', '/api/stations', { token: admin, body: stationBody({ code, kind, areaId: community.body.id, ...at(xM, 100) }) });
      // A rest station at the west end covers the cells whose centres lie at x = 50 … 450 m (both rows).
      await place('rest_station', 50, 'COV-1');
      // A service centre at the east end does not count for the 500 m rule, nor does a suspended rest station.
      await place('service_center', 950, 'COV-2');
      const suspended = await place('rest_station', 900, 'COV-3');
      await t.http('POST', `/api/stations/${suspended.body.id}/suspend`, { token: admin });
      const r = await t.http('GET', `/api/stations/coverage?areaId=${community.body.id}`, { token: admin });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ cells: 20, covered: 10, share: 0.5, stations: 1, cellM: 100, radiusM: 500 });
      expect(r.body.gaps).toHaveLength(1);
      expect(r.body.gaps[0].cells).toBe(10);
      expect(haversineM(r.body.gaps[0], at(750, 100))).toBeLessThan(5);
      // The gap's outline: the eastern half of the 2 × 10 grid as one block, whose corners are the strip's.
      expect(r.body).toMatchObject({ grid: { rows: 2, cols: 10 }, blocksMax: COVERAGE_BLOCKS_MAX, blocksCapped: false });
      expect(r.body.gaps[0].blocks).toEqual([[0, 5, 1, 9]]);
      const b = coverageBlockBounds(r.body.grid, r.body.gaps[0].blocks[0]);
      expect(haversineM({ lat: b.minLat, lng: b.minLng }, at(500, 0))).toBeLessThan(1);
      expect(haversineM({ lat: b.maxLat, lng: b.maxLng }, at(1000, 200))).toBeLessThan(1);
      expect((await t.http('GET', `/api/stations/coverage?areaId=${community.body.id}`, { token: staff })).body.code).toBe('out_of_scope');
    });

    it('covers the seeded 新华社区 mostly, with gaps listed largest first', async () => {
      const r = await t.http('GET', `/api/stations/coverage?areaId=${areaIds['130184001001']}`, { token: staff });
      expect(r.body.share).toBeGreaterThan(0.5);
      const sizes = r.body.gaps.map((g: { cells: number }) => g.cells);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      // Small enough to come whole: every gap outlined, its blocks adding up to its cells.
      expect(r.body.blocksCapped).toBe(false);
      for (const g of r.body.gaps as Array<{ cells: number; blocks: number[][] }>) {
        expect(g.blocks.reduce((n, [r0, c0, r1, c1]) => n + (r1 - r0 + 1) * (c1 - c0 + 1), 0)).toBe(g.cells);
      }
    });
  });

  it('lists only known amenities in every nearby item', async () => {
    const r = await nearby(`lat=${XINLE.lat}&lng=${XINLE.lng}&radius=5000&limit=100`);
    for (const s of r.body.items) for (const a of s.amenities) expect(AMENITIES).toContain(a);
  });
});

describe('stations on two instances sharing one MySQL database', () => {
  const run = TEST_DRIVERS.includes('mysql') ? it : it.skip;
  // The sub-second bound comes from the index's poll interval (see stations module); this test checks the mechanism,
  // with a loose deadline, because timing assertions do not belong in tests on a shared, noisy machine.
  run('shows a write and a suspension made on one instance on the other instance', async () => {
    const a = await startTestApp('mysql');
    const b = await startTestApp('mysql', { DATABASE_URL: a.db.databaseUrl! });
    try {
      const staffA = (await a.loginAs('staff')).token;
      const riderB = (await b.loginAs('rider')).token;
      const roots = await a.http('GET', '/api/areas', { token: staffA });
      const xinle = roots.body.items.find((x: { code: string }) => x.code === '130184');
      const streets = await a.http('GET', `/api/areas?parentId=${xinle.id}`, { token: staffA });
      const comms = await a.http('GET', `/api/areas?parentId=${streets.body.items[0].id}`, { token: staffA });
      const area = comms.body.items[0];
      const qs = `lat=${area.centerLat}&lng=${area.centerLng}&radius=100&amenities=umbrella,wifi,first_aid,microwave`;
      // B has loaded its index before the write.
      expect((await b.http('GET', `/api/stations/nearby?${qs}`, { token: riderB })).status).toBe(200);
      const created = await a.http('POST', '/api/stations', {
        token: staffA,
        body: { code: 'TWO-1', name: '双实例驿站', kind: 'rest_station', hostUnit: '测试', address: '测试', lat: area.centerLat, lng: area.centerLng, amenities: ['umbrella', 'wifi', 'first_aid', 'microwave'], hours: [{ day: 1, open: '00:00', close: '24:00' }], areaId: area.id },
      });
      const written = Date.now();
      expect(created.status).toBe(201);
      let seenAfter = -1;
      while (Date.now() - written < 10_000) {
        const ids = (await b.http('GET', `/api/stations/nearby?${qs}`, { token: riderB })).body.items.map((s: { id: number }) => s.id);
        if (ids.includes(created.body.id)) {
          seenAfter = Date.now() - written;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(seenAfter).toBeGreaterThanOrEqual(0);
      await a.http('POST', `/api/stations/${created.body.id}/suspend`, { token: staffA });
      const suspendedAt = Date.now();
      let goneAfter = -1;
      while (Date.now() - suspendedAt < 10_000) {
        const ids = (await b.http('GET', `/api/stations/nearby?${qs}`, { token: riderB })).body.items.map((s: { id: number }) => s.id);
        if (!ids.includes(created.body.id)) {
          goneAfter = Date.now() - suspendedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(goneAfter).toBeGreaterThanOrEqual(0);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
