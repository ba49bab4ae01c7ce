import type { Closure } from '@xjy/shared/opening-hours';
import { STATION_CLOSURES_MAX } from '@xjy/shared/station';
import { chinaIso } from '@xjy/shared/china-time';

export interface ClosureDraft {
  fromDate: string;
  fromTime: string;
  toDate: string;
  toTime: string;
  reason: string;
}

export const CLOSURE_REASON_MAX = 64;

/** A closure from a draft in China wall-clock time, or the Chinese reason it cannot be added. */
export function closureFromDraft(d: ClosureDraft, existing: readonly Closure[]): { closure: Closure } | { error: string } {
  if (!d.fromDate || !d.fromTime || !d.toDate || !d.toTime) return { error: '请填写开始和结束的日期与时间' };
  const from = chinaIso(d.fromDate, d.fromTime);
  const to = chinaIso(d.toDate, d.toTime);
  if (!(Date.parse(to) > Date.parse(from))) return { error: '结束时间须晚于开始时间' };
  if (d.reason.trim().length > CLOSURE_REASON_MAX) return { error: `原因最多 ${CLOSURE_REASON_MAX} 个字` };
  if (existing.length >= STATION_CLOSURES_MAX) return { error: `每个驿站最多 ${STATION_CLOSURES_MAX} 段临时闭站，请先删除过期的` };
  return { closure: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(d.reason.trim() ? { reason: d.reason.trim() } : {}) } };
}
