import { CHINA_OFFSET_MS, CHINA_ISO_OFFSET, gcj02ToWgs84, OPEN311_FORMATS, Open311Error, Open311Format, Open311Request, REPORT_STATUS_GROUP, REPORT_STATUS_LABELS } from '@xjy/shared';
import { escapeXml } from '../../common/xml-text';
import type { Open311ReportRow } from './open311.repository';

export const OPEN311_XML_TYPE = 'text/xml; charset=utf-8';
export const OPEN311_JSON_TYPE = 'application/json; charset=utf-8';

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** "2026-11-22T10:30:00+08:00": W3C date-time as the spec writes it, in China time (built by hand: three per item, up to 3,000 per answer). */
export function open311DateTime(d: Date): string {
  const t = new Date(d.getTime() + CHINA_OFFSET_MS);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}T${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}${CHINA_ISO_OFFSET}`;
}

/** Six decimals of a degree: about 11 cm, finer than any phone's fix. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export interface Open311Names {
  category: { key: string; label: string } | undefined;
  department: string | undefined;
  area: string | undefined;
  mediaUrl: string | undefined;
}

/** One report as an Open311 service request: WGS-84 coordinates, no reporter, open or closed by status group. */
export function toOpen311Request(r: Open311ReportRow, names: Open311Names): Open311Request {
  const wgs = gcj02ToWgs84({ lat: r.lat, lng: r.lng });
  const open = REPORT_STATUS_GROUP[r.status] === 'open';
  return {
    service_request_id: String(r.id),
    status: open ? 'open' : 'closed',
    status_notes: REPORT_STATUS_LABELS[r.status] ?? null,
    service_name: names.category?.label ?? '',
    service_code: names.category?.key ?? '',
    description: r.description,
    agency_responsible: names.department ?? null,
    service_notice: null,
    requested_datetime: open311DateTime(r.createdAt),
    updated_datetime: open311DateTime(r.updatedAt),
    expected_datetime: open ? open311DateTime(r.resolveDueAt) : null,
    address: names.area ?? null,
    address_id: null,
    zipcode: null,
    lat: round6(wgs.lat),
    long: round6(wgs.lng),
    media_url: names.mediaUrl ?? null,
  };
}

/** The format a path's extension asks for, or null (the caller answers 404). */
export function parseFormat(value: unknown): Open311Format | null {
  return typeof value === 'string' && (OPEN311_FORMATS as readonly string[]).includes(value) ? (value as Open311Format) : null;
}

function xmlValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => xmlElement('attribute', x)).join('');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => xmlElement(k, x)).join('');
  return escapeXml(String(v));
}

function xmlElement(name: string, v: unknown): string {
  return `<${name}>${xmlValue(v)}</${name}>`;
}

/** The spec's XML: a root list element holding one element per item (service, request, error …). */
export function toXml(root: string, item: string, items: readonly object[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${items.map((x) => xmlElement(item, x)).join('')}</${root}>`;
}

/** One element as a whole document (a service definition). */
export function toXmlElement(name: string, item: object): string {
  return `<?xml version="1.0" encoding="utf-8"?>${xmlElement(name, item)}`;
}

export function errorsXml(errors: Open311Error[]): string {
  return toXml('errors', 'error', errors);
}
