import {
  ALWAYS_OPEN,
  STATION_ADDRESS_MAX,
  STATION_HOST_UNIT_MAX,
  STATION_IMPORT_ROWS_MAX,
  STATION_NAME_MAX,
  STATION_SHEET_COLUMNS,
  type Ring,
  type StationImportRowError,
  type StationSheetColumn,
  wgs84ToGcj02,
} from '@xjy/shared';
import ExcelJS from 'exceljs';
import { areaFactory } from '../../../test/factories/area.factory';
import { adminAuth, staffAuth } from '../../../test/factories/auth';
import { stationFactory } from '../../../test/factories/station.factory';
import { FakeStationsRepository } from '../../../test/fakes/stations.fakes';
import { FakeAreasRepository } from '../../../test/fakes/users-areas.fakes';
import { AppException } from '../../common/app.exception';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import type { MediaService } from '../media/media.service';
import { STATION_IMPORT_BYTES_MAX, StationImportService } from './station-import.service';
import { StationIndexService } from './station-index.service';
import { StationsService } from './stations.service';
import { riderParts } from '../../../test/fakes/station-rider.fakes';

type Row = Partial<Record<StationSheetColumn, string>>;

/** A square ring ([lng, lat] corners) of half-side `r` degrees around a point. */
const square = (lat: number, lng: number, r: number): Ring => [
  [lng - r, lat - r],
  [lng + r, lat - r],
  [lng + r, lat + r],
  [lng - r, lat + r],
];

// 新乐 (a district) → a street (no boundary, the staff's scope) → communities; another street out of scope; a
// street drawn elsewhere whose community has no boundary of its own.
const district = areaFactory();
const street = areaFactory({}, district);
const fencedCommunity = areaFactory({ level: 'community', boundary: square(38.0, 114.0, 0.01) }, street);
const otherStreet = areaFactory({}, district);
const fencedStreet = areaFactory({ boundary: square(38.0, 114.0, 0.01) }, district);
const openCommunity = areaFactory({ level: 'community' }, fencedStreet);

const admin = adminAuth(1);
const staff = staffAuth(2, { scopePaths: [street.path], scopeAreaIds: [street.id] });

const goodRow = (over: Row = {}): Row => ({
  code: 'XL-001',
  name: '新乐爱心驿站',
  kind: '爱心驿站',
  host_unit: '新乐市总工会',
  address: '新乐市长寿街道1号',
  lat: '38.3435',
  lng: '114.6839',
  amenities: '饮用水、热水',
  hours: '24h',
  phone: '0311-88880000',
  area_code: street.code,
  ...over,
});

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (...rows: Row[]) => Buffer.from([STATION_SHEET_COLUMNS.join(','), ...rows.map((r) => STATION_SHEET_COLUMNS.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n'));

async function xlsx(...rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('stations');
  sheet.addRow([...STATION_SHEET_COLUMNS]);
  // Coordinates as numbers, the way a spreadsheet holds them.
  for (const r of rows) sheet.addRow(STATION_SHEET_COLUMNS.map((c) => (c === 'lat' || c === 'lng') && r[c] && !Number.isNaN(Number(r[c])) ? Number(r[c]) : (r[c] ?? '')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe(StationImportService.name, () => {
  let stations: FakeStationsRepository;
  let index: StationIndexService;
  let service: StationImportService;

  beforeEach(async () => {
    stations = new FakeStationsRepository();
    const areas = new FakeAreasRepository();
    areas.add(district, street, fencedCommunity, otherStreet, fencedStreet, openCommunity);
    index = new StationIndexService(stations.asRepository());
    await index.ready();
    const media = { attachedTo: async () => new Map() } as unknown as MediaService;
    const stationsService = new StationsService(stations.asRepository(), areas.asRepository(), index, new ScopeRegistry(), media, ...riderParts(stations));
    service = new StationImportService(stations.asRepository(), areas.asRepository(), stationsService);
  });
  afterEach(() => index.onModuleDestroy());

  const stored = () => [...stations.rows.values()];
  /** The rejection a run ends with (the test fails if it resolves). */
  const refusal = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected the import to be refused')), (e: unknown) => e as AppException);

  describe('a good row', () => {
    it('creates the station from a CSV row, labels turned into keys, and puts it in the index at once', async () => {
      const report = await service.run(admin, csv(goodRow()), false, 'gcj02');

      expect(report).toEqual({ dryRun: false, ok: true, rows: 1, created: 1, updated: 0, errors: [] });
      expect(stored()).toHaveLength(1);
      const [s] = stored();
      expect(s).toMatchObject({
        code: 'XL-001',
        name: '新乐爱心驿站',
        kind: 'rest_station',
        hostUnit: '新乐市总工会',
        lat: 38.3435,
        lng: 114.6839,
        amenities: ['drinking_water', 'hot_water'],
        hours: ALWAYS_OPEN,
        phone: '0311-88880000',
        status: 'active',
        areaId: street.id,
      });
      expect(index.current.has(s.id)).toBe(true);
    });

    it('reads the same row from an XLSX workbook', async () => {
      const report = await service.run(admin, await xlsx(goodRow({ kind: 'rest_station', amenities: 'drinking_water' })), false, 'gcj02');

      expect(report).toMatchObject({ ok: true, rows: 1, created: 1 });
      expect(stored()[0]).toMatchObject({ code: 'XL-001', kind: 'rest_station', lat: 38.3435, lng: 114.6839, amenities: ['drinking_water'], areaId: street.id });
    });

    it('keeps quoted CSV fields whole (commas, doubled quotes, line breaks)', async () => {
      await service.run(admin, csv(goodRow({ address: '新乐市"中心"路1号,\n东门' })), false, 'gcj02');

      expect(stored()[0].address).toBe('新乐市"中心"路1号,\n东门');
    });

    it('lets staff import into an area inside their scope', async () => {
      const report = await service.run(staff, csv(goodRow({ area_code: fencedCommunity.code, lat: '38.0', lng: '114.0' })), false, 'gcj02');

      expect(report).toMatchObject({ ok: true, created: 1 });
      expect(stored()[0].areaId).toBe(fencedCommunity.id);
    });
  });

  describe('bad rows', () => {
    const cases: Array<[string, Row, StationImportRowError['field'], string]> = [
      ['a code with other characters', { code: 'XL 001!' }, 'code', '请填写编码，只能包含字母、数字、- 和 _'],
      ['an empty code', { code: '' }, 'code', '请填写编码，只能包含字母、数字、- 和 _'],
      ['an empty name', { name: '' }, 'name', `请填写名称，最多 ${STATION_NAME_MAX} 个字`],
      ['a name too long', { name: '站'.repeat(STATION_NAME_MAX + 1) }, 'name', `请填写名称，最多 ${STATION_NAME_MAX} 个字`],
      ['an unknown kind', { kind: '饭店' }, 'kind', '站点类型须为：爱心驿站、党群服务中心、电商服务站'],
      ['a host unit too long', { host_unit: '单'.repeat(STATION_HOST_UNIT_MAX + 1) }, 'host_unit', `共建单位最多 ${STATION_HOST_UNIT_MAX} 个字`],
      ['an address too long', { address: '址'.repeat(STATION_ADDRESS_MAX + 1) }, 'address', `地址最多 ${STATION_ADDRESS_MAX} 个字`],
      ['an unknown coordinate system', { coord_system: 'bd09' }, 'coord_system', '坐标系须为 gcj02 或 wgs84'],
      ['a latitude that is not a number', { lat: '北纬38度' }, 'lat', '纬度和经度必须是数字'],
      ['a missing longitude', { lng: '' }, 'lat', '纬度和经度必须是数字'],
      ['a point outside China', { lat: '51.5', lng: '-0.12' }, 'lat', '位置必须在中国境内'],
      ['an unknown amenity', { amenities: '饮用水、游泳池' }, 'amenities', '未知的服务设施“游泳池”'],
      ['empty hours', { hours: '' }, 'hours', '开放时间不能为空'],
      ['hours the parser refuses, naming the bad part', { hours: '1-5 25:00-26:00' }, 'hours', '开放时间第 1 段时间“25:00-26:00”不对：开始时间须在 00:00 至 23:59 之间'],
      ['a phone that is neither mobile nor landline', { phone: '12345' }, 'phone', '电话须为手机号或座机号'],
      ['an unknown status', { status: 'closed' }, 'status', '状态须为 active（开放）或 suspended（暂停）'],
      ['an unknown area code', { area_code: '999' }, 'area_code', '没有编码为“999”的区域'],
      ['an empty area code', { area_code: '' }, 'area_code', '没有编码为“”的区域'],
      ['a district (too coarse) as the area', { area_code: district.code }, 'area_code', '请填写街道、社区或网格的编码'],
      ['a point outside its own area’s boundary', { area_code: fencedCommunity.code }, 'lat', `位置不在${fencedCommunity.name}范围内`],
      ['a point outside an ancestor’s boundary', { area_code: openCommunity.code }, 'lat', `位置不在${fencedStreet.name}范围内`],
    ];

    it.each(cases)('reports %s with its row, field and Chinese message', async (_what, over, field, message) => {
      const report = await service.run(admin, csv(goodRow(), goodRow({ code: 'XL-002', ...over })), true, 'gcj02');

      expect(report).toEqual({ dryRun: true, ok: false, rows: 2, created: 0, updated: 0, errors: [{ row: 3, field, message }] });
    });

    it('reports a code used twice in the file at its second row, naming the first', async () => {
      const report = await service.run(admin, csv(goodRow(), goodRow({ name: '另一个驿站' })), true, 'gcj02');

      expect(report.errors).toEqual([{ row: 3, field: 'code', message: '编码重复，首次出现在第 2 行' }]);
    });

    it('refuses staff an area outside their scope', async () => {
      const report = await service.run(staff, csv(goodRow({ area_code: otherStreet.code })), true, 'gcj02');

      expect(report.errors).toEqual([{ row: 2, field: 'area_code', message: '该区域不在你负责的范围内' }]);
    });

    it('refuses staff a code that belongs to a station outside their scope', async () => {
      stations.add(stationFactory({ code: 'XL-009', areaId: otherStreet.id }));

      const report = await service.run(staff, csv(goodRow(), goodRow({ code: 'XL-009' })), true, 'gcj02');

      expect(report.errors).toEqual([{ row: 3, field: 'code', message: '该编码属于你负责范围以外的站点' }]);
    });

    it('reports every problem of every row, in row order, from an XLSX workbook too', async () => {
      const file = await xlsx(goodRow({ code: 'A1', phone: '12345' }), goodRow({ code: 'A2' }), goodRow({ code: 'A3', name: '', kind: '饭店' }));

      const report = await service.run(admin, file, true, 'gcj02');

      expect(report.errors.map((e) => [e.row, e.field])).toEqual([
        [2, 'phone'],
        [4, 'name'],
        [4, 'kind'],
      ]);
    });
  });

  describe('dry run and real run', () => {
    it('changes nothing on a dry run, and says what a real run would create and update', async () => {
      stations.add(stationFactory({ code: 'XL-001', areaId: street.id }));
      const before = structuredClone([...stations.rows.values()]);

      const report = await service.run(admin, csv(goodRow({ name: '改过的名称' }), goodRow({ code: 'XL-002' })), true, 'gcj02');

      expect(report).toEqual({ dryRun: true, ok: true, rows: 2, created: 1, updated: 1, errors: [] });
      expect([...stations.rows.values()]).toEqual(before);
      expect(index.current.size).toBe(0);
    });

    it('writes nothing on a real run when any row is bad, and says so with every problem', async () => {
      const importAll = jest.spyOn(stations, 'importAll');

      const e = await refusal(service.run(admin, csv(goodRow(), goodRow({ code: 'XL-002', phone: '12345' })), false, 'gcj02'));

      expect(e).toBeInstanceOf(AppException);
      expect(e.code).toBe('station_import_invalid');
      expect(e.message).toBe('文件中有 1 处问题，未导入任何内容');
      expect(e.details).toMatchObject({ ok: false, created: 0, updated: 0, errors: [{ row: 3, field: 'phone', message: '电话须为手机号或座机号' }] });
      expect(importAll).not.toHaveBeenCalled();
      expect(stored()).toEqual([]);
      expect(index.current.size).toBe(0);
    });

    it('updates the station with the same code instead of adding a second one', async () => {
      await service.run(admin, csv(goodRow()), false, 'gcj02');
      const [first] = stored();
      stations.tick(1000);

      const report = await service.run(admin, csv(goodRow({ name: '新乐爱心驿站（新址）', lat: '38.35' })), false, 'gcj02');

      expect(report).toMatchObject({ ok: true, created: 0, updated: 1 });
      expect(stored()).toHaveLength(1);
      expect(stored()[0]).toMatchObject({ id: first.id, name: '新乐爱心驿站（新址）', lat: 38.35 });
      expect(index.current.versionOf(first.id)).toBe(stations.now.getTime());
    });
  });

  describe('coordinates', () => {
    const wgs = { lat: 38.3435, lng: 114.6839 };
    const gcj = wgs84ToGcj02(wgs);
    const rounded = { lat: Math.round(gcj.lat * 1e7) / 1e7, lng: Math.round(gcj.lng * 1e7) / 1e7 };

    it('converts a row marked wgs84 to GCJ-02 before storing it', async () => {
      await service.run(admin, csv(goodRow({ coord_system: 'WGS84' })), false, 'gcj02');

      expect(stored()[0]).toMatchObject(rounded);
      expect(rounded.lat).not.toBe(wgs.lat);
    });

    it('converts rows without a coordinate system when the import says the file is WGS-84', async () => {
      await service.run(admin, csv(goodRow(), goodRow({ code: 'XL-002', coord_system: 'gcj02', lat: '38.35' })), false, 'wgs84');

      const byCode = new Map(stored().map((s) => [s.code, s]));
      expect(byCode.get('XL-001')).toMatchObject(rounded);
      expect(byCode.get('XL-002')).toMatchObject({ lat: 38.35, lng: 114.6839 });
    });
  });

  describe('the file itself', () => {
    it.each([
      ['a header with required columns missing', Buffer.from('code,name\nXL-001,驿站'), '缺少列：kind、lat、lng、hours、area_code'],
      ['a header without rows', Buffer.from(STATION_SHEET_COLUMNS.join(',')), '文件表头下没有数据行'],
      ['bytes that are neither UTF-8 text nor XLSX', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]), '文件既不是 UTF-8 编码的 CSV，也不是 XLSX'],
    ])('refuses %s with a file-level problem and writes nothing', async (_what, bytes, message) => {
      const e = await refusal(service.run(admin, bytes, false, 'gcj02'));

      expect(e).toBeInstanceOf(AppException);
      expect(e.code).toBe('station_import_invalid');
      expect(e.message).toBe(message);
      expect(e.details).toEqual({ errors: [{ row: 0, field: 'file', message }] });
      expect(stored()).toEqual([]);
    });

    it('refuses a file over the byte limit before reading it', async () => {
      const e = await refusal(service.run(admin, Buffer.alloc(STATION_IMPORT_BYTES_MAX + 1, 0x41), false, 'gcj02'));

      expect(e.code).toBe('station_import_too_large');
      expect(e.details).toMatchObject({ bytes: STATION_IMPORT_BYTES_MAX + 1, limit: STATION_IMPORT_BYTES_MAX });
    });

    it(`refuses more than ${STATION_IMPORT_ROWS_MAX} rows and writes nothing`, async () => {
      const rows = Array.from({ length: STATION_IMPORT_ROWS_MAX + 1 }, (_, i) => goodRow({ code: `XL-${i}` }));

      const e = await refusal(service.run(admin, csv(...rows), false, 'gcj02'));

      expect(e.code).toBe('station_import_too_many_rows');
      expect(stored()).toEqual([]);
    });

    it('refuses a ZIP whose directory cannot be read safely before any reader sees it', async () => {
      const e = await refusal(service.run(admin, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]), false, 'gcj02'));

      expect(e).toBeInstanceOf(AppException);
      expect(e.code).toBe('station_import_unsafe_zip');
      expect(stored()).toEqual([]);
    });
  });
});
