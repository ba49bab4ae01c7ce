import { COVERAGE_CELLS_MAX, M_PER_DEG_LAT, mPerDegLng, STATION_IMPORT_ROWS_MAX } from '@xjy/shared';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { Area } from '../../src/modules/areas/area.entity';
import { IMAGE_WORK, IMAGE_WORK_LIMITS } from '../../src/modules/media/media-image';
import { COVERAGE_WORK } from '../../src/modules/stations/station-coverage';
import { upload } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(120_000);

const HEIC = readFileSync(join(__dirname, '../fixtures/iphone-style.heic'));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A ZIP built by hand: local headers, data, central directory, end record. `declared` overrides the uncompressed size
 * the headers state (what a lying or bomb archive does); the CRC is left 0, as nothing here gets that far.
 */
function zip(entries: Array<{ name: string; data: Buffer; deflate?: boolean; declared?: number }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate === false ? e.data : deflateRawSync(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate === false ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.deflate === false ? 0 : 8, 10);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

describe.each(TEST_DRIVERS)('limits on work one user can cause (%s)', (driver) => {
  let t: TestApp;
  let staff: string;
  let admin: string;

  const importFile = async (bytes: Buffer, name: string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${t.baseUrl}/api/stations/import?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${staff}` }, body: form });
    return { status: res.status, body: (await res.json()) as { code?: string; details?: Record<string, unknown>; ok?: boolean } };
  };

  beforeAll(async () => {
    t = await startTestApp(driver);
    staff = (await t.loginAs('staff')).token;
    admin = (await t.loginAs('admin')).token;
  });
  afterAll(() => t?.close());

  describe('coverage', () => {
    it('refuses an area whose grid would exceed COVERAGE_CELLS_MAX with 422 and the numbers, and stays live', async () => {
      // About 100 × 94 km of 100 m cells: the 940k-cell boundary that blocked the event loop.
      const c = { lat: 40, lng: 85 };
      const dLat = 47_000 / M_PER_DEG_LAT;
      const dLng = 50_000 / mPerDegLng(c.lat);
      const boundary = [
        [c.lng - dLng, c.lat - dLat],
        [c.lng + dLng, c.lat - dLat],
        [c.lng + dLng, c.lat + dLat],
        [c.lng - dLng, c.lat + dLat],
      ];
      const district = await t.http('POST', '/api/areas', { token: admin, body: { parentId: null, level: 'district', name: '超大测试区', code: 'HUGE-1', boundary } });
      expect(district.status).toBe(201);
      const r = await t.http('GET', `/api/stations/coverage?areaId=${district.body.id}`, { token: admin });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('coverage_area_too_large');
      expect(r.body.details.cellsMax).toBe(COVERAGE_CELLS_MAX);
      expect(r.body.details.cells).toBeGreaterThan(900_000);
      expect((await t.http('GET', '/api/health/live')).status).toBe(200);
    });
  });

  describe('coverage work', () => {
    it('answers 429 coverage_busy while the same user has a computation running and one waiting, and computes again after', async () => {
      const me = await t.loginAs('staff');
      const community = await t.ds.getRepository(Area).findOneByOrFail({ code: '130184001001' });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const places = [0, 1].map(() => COVERAGE_WORK.run(me.user.id, () => held));
      const busy = await t.http('GET', `/api/stations/coverage?areaId=${community.id}`, { token: me.token });
      expect(busy.status).toBe(429);
      expect(busy.body.code).toBe('coverage_busy');
      release();
      await Promise.all(places);
      const ok = await t.http('GET', `/api/stations/coverage?areaId=${community.id}`, { token: me.token });
      expect(ok.status).toBe(200);
      expect(ok.body.cells).toBeGreaterThan(0);
    });
  });

  describe('photo decoding', () => {
    it('answers 429 media_busy at once while a user already has one photo processing and a form’s worth waiting; others still upload', async () => {
      const rider = await t.loginAs('rider');
      // The server runs in this process: hold the rider's three places with work that waits for the test.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const { perKeyConcurrency, perKeyQueue } = IMAGE_WORK_LIMITS;
      const places = Array.from({ length: perKeyConcurrency + perKeyQueue }, () => IMAGE_WORK.run(rider.user.id, () => held));
      const busy = await upload(t, rider.token, HEIC, 'IMG.HEIC', 'image/heic');
      expect(busy.status).toBe(429);
      expect(busy.body.code).toBe('media_busy');
      expect((await upload(t, (await t.loginAs('streamer')).token, HEIC, 'IMG.HEIC', 'image/heic')).status).toBe(201);
      release();
      await Promise.all(places);
      expect((await upload(t, rider.token, HEIC, 'IMG.HEIC', 'image/heic')).status).toBe(201);
    });

    it('answers 503 server_busy at once when the shared queue is full', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      // Every place running and waiting taken, each by another (made-up) user.
      const places = Array.from({ length: IMAGE_WORK_LIMITS.concurrency + IMAGE_WORK_LIMITS.queueMax }, (_, i) => IMAGE_WORK.run(`held-${i}`, () => held));
      const r = await upload(t, (await t.loginAs('streamer')).token, HEIC, 'IMG.HEIC', 'image/heic');
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('server_busy');
      release();
      await Promise.all(places);
      expect(IMAGE_WORK.stats).toEqual({ running: 0, waiting: 0 });
    });

    it('answers a pile of HEIC uploads from one user with 201 or 429, never a 5xx', async () => {
      const rider = (await t.loginAs('rider')).token;
      const rs = await Promise.all(Array.from({ length: 8 }, () => upload(t, rider, HEIC, 'IMG.HEIC', 'image/heic')));
      for (const r of rs) {
        expect([201, 429]).toContain(r.status);
        if (r.status === 429) expect(r.body.code).toBe('media_busy');
      }
      expect(rs.some((r) => r.status === 201)).toBe(true);
    });
  });

  describe('station import', () => {
    it('refuses a zip bomb by its directory before any XML is parsed (400 station_import_unsafe_zip)', async () => {
      // 20 MB of zeros deflates to about 20 kB: 1000:1.
      const bomb = zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) },
      ]);
      expect(bomb.length).toBeLessThan(100_000);
      const r = await importFile(bomb, 'bomb.xlsx', XLSX_TYPE);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('station_import_unsafe_zip');
      expect(r.body.details).toMatchObject({ entry: 'xl/worksheets/sheet1.xml', ratioMax: 100 });
    });

    it('refuses a part whose directory understates what it inflates to', async () => {
      const liar = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<row/>'.repeat(50_000)), declared: 1000 }]);
      const r = await importFile(liar, 'liar.xlsx', XLSX_TYPE);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('station_import_unsafe_zip');
    });

    it('refuses a workbook declaring parts past the size limits, and a file past the byte limit, with 413', async () => {
      const big = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), declared: 40 * 1024 * 1024 }]);
      const r = await importFile(big, 'big.xlsx', XLSX_TYPE);
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('station_import_too_large');
      const huge = await importFile(Buffer.alloc(6 * 1024 * 1024, 0x61), 'huge.csv', 'text/csv');
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('station_import_too_large');
    });

    it('stops reading an XLSX, and a CSV, at the row cap (413 station_import_too_many_rows)', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('stations');
      ws.addRow(['code', 'name', 'kind', 'lat', 'lng', 'hours', 'area_code']);
      for (let i = 0; i <= STATION_IMPORT_ROWS_MAX; i++) ws.addRow([`ROW-${i}`, '驿站', 'rest_station', 38.3, 114.6, '1-7 00:00-24:00', '130184001001']);
      const r = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), 'many.xlsx', XLSX_TYPE);
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ code: 'station_import_too_many_rows', details: { rowsMax: STATION_IMPORT_ROWS_MAX } });
      const csv = ['code,name,kind,lat,lng,hours,area_code', ...Array.from({ length: STATION_IMPORT_ROWS_MAX + 1 }, (_, i) => `ROW-${i},驿站,rest_station,38.3,114.6,1-7 00:00-24:00,130184001001`)].join('\n');
      const c = await importFile(Buffer.from(csv), 'many.csv', 'text/csv');
      expect(c.status).toBe(413);
      expect(c.body.code).toBe('station_import_too_many_rows');
    });

    it('still reads an ordinary XLSX through the streaming reader', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('stations');
      ws.addRow(['code', 'name', 'kind', 'lat', 'lng', 'hours', 'area_code']);
      ws.addRow(['OK-1', '驿站', 'rest_station', 1.2, 2.3, '1-7 00:00-24:00', '130184001001']);
      const r = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), 'ok.xlsx', XLSX_TYPE);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ ok: false, rows: 1 });
    });
  });
});
