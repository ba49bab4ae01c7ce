import { Injectable } from '@nestjs/common';
import {
  AMENITIES,
  AMENITY_LABELS,
  Amenity,
  CoordSystem,
  formatHoursText,
  isInChina,
  parseHoursText,
  pointInRing,
  STATION_ADDRESS_MAX,
  STATION_HOST_UNIT_MAX,
  STATION_IMPORT_ROWS_MAX,
  STATION_KIND_LABELS,
  STATION_KINDS,
  STATION_NAME_MAX,
  STATION_PHONE_PATTERN,
  STATION_SHEET_COLUMNS,
  STATION_STATUSES,
  StationImportReport,
  StationImportRowError,
  StationKind,
  StationSheetColumn,
  StationStatus,
  wgs84ToGcj02,
} from '@xjy/shared';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { AppException } from '../../common/app.exception';
import { AuthContext, inScope, isAdmin } from '../../common/auth/auth-context';
import type { Area } from '../areas/area.entity';
import { AreasRepository } from '../areas/areas.repository';
import { checkXlsxZip, ZipRefusedError } from './station-import-zip';
import { StationFields, StationsRepository } from './stations.repository';
import { StationsService } from './stations.service';

const REQUIRED: StationSheetColumn[] = ['code', 'name', 'kind', 'lat', 'lng', 'hours', 'area_code'];
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString();
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
    return '';
  }
  return String(v);
}

/** A station file is a few hundred kilobytes; the multipart limit (10 MB) is for photos. */
export const STATION_IMPORT_BYTES_MAX = 5 * 1024 * 1024;

const tooLarge = (details: Record<string, unknown>) => new AppException('station_import_too_large', details);
const tooManyRows = () => new AppException('station_import_too_many_rows', { rowsMax: STATION_IMPORT_ROWS_MAX });

/**
 * The first sheet's rows, streamed: reading stops at the row past the cap instead of loading the workbook. ExcelJS's
 * streaming reader now and then drops a part of a valid file (it pauses its unzip stream between entries, which then
 * ends without them: exceljs/exceljs#3064), so a failed read of the buffer is tried again before the file is refused.
 */
async function readFirstSheet(bytes: Buffer, attempts = 3): Promise<string[][]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readFirstSheetOnce(bytes);
    } catch (e) {
      if (e instanceof AppException || attempt >= attempts) throw e instanceof AppException ? e : fileError('文件不是可读取的 XLSX 工作簿');
    }
  }
}

async function readFirstSheetOnce(bytes: Buffer): Promise<string[][]> {
  const rows: string[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value).trim());
      if (values.some((v) => v !== '')) rows.push(values);
      if (rows.length - 1 > STATION_IMPORT_ROWS_MAX) throw tooManyRows();
    }
    return rows;
  }
  throw fileError('工作簿中没有工作表');
}

const fileError = (message: string) => new AppException('station_import_invalid', { errors: [{ row: 0, field: 'file', message }] satisfies StationImportRowError[] }, message);

/**
 * Station spreadsheets in and out. An import is checked row by row first; a real run then writes every row in
 * one transaction or none, matching existing stations by code so running the same file twice changes nothing.
 */
@Injectable()
export class StationImportService {
  constructor(
    private readonly stations: StationsRepository,
    private readonly areas: AreasRepository,
    private readonly service: StationsService,
  ) {}

  /**
   * The table in a CSV or XLSX file, told apart by content rather than by name, and never more than the header and
   * STATION_IMPORT_ROWS_MAX rows. An XLSX is a ZIP: its directory is checked (parts, sizes, compression) before the
   * reader sees it, and rows are then streamed from the first sheet, so a file cannot make the server hold more
   * than its limits however it is built.
   */
  async readTable(bytes: Buffer): Promise<string[][]> {
    if (bytes.length > STATION_IMPORT_BYTES_MAX) throw tooLarge({ bytes: bytes.length, limit: STATION_IMPORT_BYTES_MAX });
    if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) {
      try {
        checkXlsxZip(bytes);
      } catch (e) {
        if (!(e instanceof ZipRefusedError)) throw e;
        if (e.kind === 'too_large') throw tooLarge({ ...e.details, reason: e.message });
        throw new AppException('station_import_unsafe_zip', { ...e.details, reason: e.message });
      }
      return readFirstSheet(bytes);
    }
    const text = new TextDecoder('utf-8', { fatal: true });
    let decoded: string;
    try {
      decoded = text.decode(bytes);
    } catch {
      throw fileError('文件既不是 UTF-8 编码的 CSV，也不是 XLSX');
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000e-\u001f]/.test(decoded)) throw fileError('文件既不是 UTF-8 编码的 CSV，也不是 XLSX');
    const rows = parseCsv(decoded.replace(/^\uFEFF/, ''));
    if (rows.length - 1 > STATION_IMPORT_ROWS_MAX) throw tooManyRows();
    return rows;
  }

  async run(auth: AuthContext, bytes: Buffer, dryRun: boolean, defaultCoords: CoordSystem): Promise<StationImportReport> {
    const table = await this.readTable(bytes);
    if (table.length < 2) throw fileError('文件表头下没有数据行');
    const header = table[0].map((h) => h.trim().toLowerCase());
    const missing = REQUIRED.filter((c) => !header.includes(c));
    if (missing.length) throw fileError(`缺少列：${missing.join('、')}`);
    const col = (row: string[], c: StationSheetColumn) => (header.includes(c) ? (row[header.indexOf(c)] ?? '').trim() : '');

    const errors: StationImportRowError[] = [];
    const parsed: StationFields[] = [];
    const areaCache = new Map<string, Area | null>();
    const ancestorCache = new Map<number, Area[]>();
    const seenCodes = new Map<string, number>();
    for (let i = 1; i < table.length; i++) {
      const row = table[i];
      const n = i + 1;
      const err = (field: string, message: string) => errors.push({ row: n, field, message });
      const before = errors.length;
      const code = col(row, 'code');
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) err('code', '请填写编码，只能包含字母、数字、- 和 _');
      else if (seenCodes.has(code)) err('code', `编码重复，首次出现在第 ${seenCodes.get(code)} 行`);
      else seenCodes.set(code, n);
      const name = col(row, 'name');
      if (!name || name.length > STATION_NAME_MAX) err('name', `请填写名称，最多 ${STATION_NAME_MAX} 个字`);
      const kindRaw = col(row, 'kind');
      const kind = (STATION_KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as StationKind) : STATION_KINDS.find((k) => STATION_KIND_LABELS[k] === kindRaw);
      if (!kind) err('kind', `站点类型须为：${STATION_KINDS.map((k) => STATION_KIND_LABELS[k]).join('、')}`);
      const hostUnit = col(row, 'host_unit');
      if (hostUnit.length > STATION_HOST_UNIT_MAX) err('host_unit', `共建单位最多 ${STATION_HOST_UNIT_MAX} 个字`);
      const address = col(row, 'address');
      if (address.length > STATION_ADDRESS_MAX) err('address', `地址最多 ${STATION_ADDRESS_MAX} 个字`);
      const sys = (col(row, 'coord_system').toLowerCase() || defaultCoords) as CoordSystem;
      if (sys !== 'gcj02' && sys !== 'wgs84') err('coord_system', '坐标系须为 gcj02 或 wgs84');
      let lat = Number(col(row, 'lat'));
      let lng = Number(col(row, 'lng'));
      if (!col(row, 'lat') || !col(row, 'lng') || !Number.isFinite(lat) || !Number.isFinite(lng)) err('lat', '纬度和经度必须是数字');
      else if (!isInChina({ lat, lng })) err('lat', '位置必须在中国境内');
      else if (sys === 'wgs84') ({ lat, lng } = wgs84ToGcj02({ lat, lng }));
      const amenities: Amenity[] = [];
      for (const a of col(row, 'amenities').split(/[,，、;；\s]+/).filter(Boolean)) {
        const key = (AMENITIES as readonly string[]).includes(a) ? (a as Amenity) : AMENITIES.find((k) => AMENITY_LABELS[k] === a);
        if (!key) err('amenities', `未知的服务设施“${a}”`);
        else if (!amenities.includes(key)) amenities.push(key);
      }
      const hoursText = col(row, 'hours');
      const hours = parseHoursText(hoursText);
      // The parser names the bad part ("第 2 段时间…"), so the row says exactly what to fix.
      if (!hoursText.trim()) err('hours', '开放时间不能为空');
      else if ('error' in hours) err('hours', `开放时间${hours.error}`);
      const phone = col(row, 'phone');
      if (phone && !STATION_PHONE_PATTERN.test(phone)) err('phone', '电话须为手机号或座机号');
      const status = (col(row, 'status') || 'active') as StationStatus;
      if (!STATION_STATUSES.includes(status)) err('status', '状态须为 active（开放）或 suspended（暂停）');
      const areaCode = col(row, 'area_code');
      if (!areaCache.has(areaCode)) areaCache.set(areaCode, areaCode ? await this.areas.findByCode(areaCode) : null);
      const area = areaCache.get(areaCode);
      if (!area) err('area_code', `没有编码为“${areaCode}”的区域`);
      else if (!inScope(auth, area.path)) err('area_code', '该区域不在你负责的范围内');
      else if (area.level === 'district') err('area_code', '请填写街道、社区或网格的编码');
      else if (errors.length === before) {
        if (!ancestorCache.has(area.id)) ancestorCache.set(area.id, await this.areas.findAncestors(area.path));
        // The area itself first, then each ancestor: one drawn outside its street cannot carry a station out of it.
        const outside = [area, ...ancestorCache.get(area.id)!.slice().reverse()].find((a) => a.boundary && !pointInRing({ lat, lng }, a.boundary));
        if (outside) err('lat', `位置不在${outside.name}范围内`);
      }
      if (errors.length === before) {
        parsed.push({
          code,
          name,
          kind: kind!,
          hostUnit,
          address,
          lat: Math.round(lat * 1e7) / 1e7,
          lng: Math.round(lng * 1e7) / 1e7,
          amenities,
          hours: 'ranges' in hours ? hours.ranges : [],
          closures: [],
          phone: phone || null,
          photoMediaIds: [],
          status,
          areaId: area!.id,
          lastConfirmedAt: new Date(),
        });
      }
    }
    // A code already used by a station outside the caller's scope is not theirs to overwrite.
    if (!isAdmin(auth)) {
      const existing = await this.stations.findByCodes(parsed.map((p) => p.code!));
      const paths = new Map((await this.areas.findByIds([...new Set(existing.map((s) => s.areaId))])).map((a) => [a.id, a.path]));
      for (const s of existing) {
        if (!inScope(auth, paths.get(s.areaId) ?? '')) errors.push({ row: seenCodes.get(s.code!)!, field: 'code', message: '该编码属于你负责范围以外的站点' });
      }
    }
    errors.sort((a, b) => a.row - b.row);
    const rows = table.length - 1;
    if (errors.length) {
      const report: StationImportReport = { dryRun, ok: false, rows, created: 0, updated: 0, errors };
      if (dryRun) return report;
      throw new AppException('station_import_invalid', { ...report }, `文件中有 ${errors.length} 处问题，未导入任何内容`);
    }
    if (dryRun) {
      const existing = new Set((await this.stations.findByCodes(parsed.map((p) => p.code!))).map((s) => s.code));
      const updated = parsed.filter((p) => existing.has(p.code)).length;
      return { dryRun, ok: true, rows, created: parsed.length - updated, updated, errors: [] };
    }
    const result = await this.stations.importAll(parsed);
    await this.service.reindex(result.ids);
    return { dryRun, ok: true, rows, created: result.created, updated: result.updated, errors: [] };
  }

  async exportXlsx(auth: AuthContext): Promise<Buffer> {
    const rows = await this.stations.listForExport(isAdmin(auth) ? null : auth.scopePaths);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('stations');
    sheet.addRow([...STATION_SHEET_COLUMNS]);
    for (const s of rows) {
      const values: Record<StationSheetColumn, string | number> = {
        code: s.code ?? '',
        name: s.name,
        kind: s.kind,
        host_unit: s.hostUnit,
        address: s.address,
        lat: s.lat,
        lng: s.lng,
        coord_system: 'gcj02',
        amenities: s.amenities.join(','),
        hours: formatHoursText(s.hours),
        phone: s.phone ?? '',
        area_code: s.area?.code ?? '',
        status: s.status,
      };
      sheet.addRow(STATION_SHEET_COLUMNS.map((c) => values[c]));
    }
    sheet.getRow(1).font = { bold: true };
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
