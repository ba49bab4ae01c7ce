import { DAY_MS, OPEN311_MAX_DAYS, OPEN311_MAX_RESULTS, OPEN311_STATUSES, Open311Status } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';

export interface Open311RequestsQuery {
  from: Date;
  to: Date;
  serviceCode?: string;
  statuses?: Open311Status[];
  /** service_request_id: when given, the other filters are ignored (as the spec says). */
  ids?: number[];
  /**
   * The query in one canonical form (dates as given, not as defaulted from now; lists sorted): two requests with
   * the same key ask for the same answer, so the feed cache keys on it.
   */
  key: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ID_LIST = /^\d{1,12}(,\d{1,12})*$/;
const CODE = /^[a-z][a-z0-9_]{1,31}$/;

/** What the spec's parameters are called in messages people read. */
const LABELS: Record<string, string> = { start_date: '开始日期', end_date: '结束日期', service_code: '服务类别', status: '状态', service_request_id: '请求编号' };

function one(q: Record<string, unknown>, key: string): string | undefined {
  const v = q[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw fieldError('validation_failed', key, `${LABELS[key]}只能给一个`);
  return v.trim();
}

function date(q: Record<string, unknown>, key: string): Date | undefined {
  const v = one(q, key);
  if (v === undefined || v === '') return undefined;
  // A date or time without a zone is read as China time, as people here write it.
  const zoned = /Z|[+-]\d{2}:?\d{2}$/.test(v.slice(10)) ? v : v.length === 10 ? `${v}T00:00:00+08:00` : `${v.replace(' ', 'T')}+08:00`;
  const d = new Date(zoned);
  if (!ISO_DATE.test(v) || Number.isNaN(d.getTime())) throw fieldError('validation_failed', key, `${LABELS[key]}格式不正确，应如 2026-11-01 或 2026-11-01T08:00:00+08:00`);
  return d;
}

/**
 * GET requests.json's filters. With neither date, the last 90 days; with one, the 90 days from or up to it; a
 * wider range, a start not before its end, an unknown status or a malformed id list is a 400 naming the field.
 */
export function parseRequestsQuery(q: Record<string, unknown>, now: Date): Open311RequestsQuery {
  const idText = one(q, 'service_request_id');
  if (idText) {
    if (!ID_LIST.test(idText)) throw fieldError('validation_failed', 'service_request_id', '请求编号必须是以逗号分隔的数字');
    const ids = [...new Set(idText.split(',').map(Number))];
    if (ids.length > OPEN311_MAX_RESULTS) throw fieldError('validation_failed', 'service_request_id', `请求编号最多 ${OPEN311_MAX_RESULTS} 个`);
    return { from: new Date(0), to: new Date(now.getTime() + DAY_MS), ids, key: `ids=${[...ids].sort((a, b) => a - b).join(',')}` };
  }
  const span = OPEN311_MAX_DAYS * DAY_MS;
  const start = date(q, 'start_date');
  const end = date(q, 'end_date');
  let from = start;
  let to = end;
  if (!from && !to) to = now;
  if (!from) from = new Date(to!.getTime() - span);
  if (!to) to = new Date(from.getTime() + span);
  if (from >= to) throw fieldError('validation_failed', 'start_date', '开始日期必须早于结束日期');
  if (to.getTime() - from.getTime() > span) {
    throw new AppException('validation_failed', { fields: [{ field: 'end_date', message: `开始日期与结束日期最多相隔 ${OPEN311_MAX_DAYS} 天` }], maxDays: OPEN311_MAX_DAYS }, `开始日期与结束日期最多相隔 ${OPEN311_MAX_DAYS} 天`);
  }
  const out: Open311RequestsQuery = { from, to, key: '' };
  const code = one(q, 'service_code');
  if (code) {
    if (!CODE.test(code)) throw fieldError('validation_failed', 'service_code', '服务类别编码格式不正确');
    out.serviceCode = code;
  }
  const status = one(q, 'status');
  if (status) {
    const list = [...new Set(status.split(',').map((s) => s.trim()))];
    if (!list.every((s) => (OPEN311_STATUSES as readonly string[]).includes(s))) throw fieldError('validation_failed', 'status', '状态只能是开放或关闭');
    out.statuses = list as Open311Status[];
  }
  out.key = [`from=${start?.getTime() ?? ''}`, `to=${end?.getTime() ?? ''}`, `code=${out.serviceCode ?? ''}`, `status=${[...(out.statuses ?? [])].sort().join(',')}`].join('&');
  return out;
}
