import type { ReportCategoryResponse } from '@xjy/shared/report';
import { REPORT_CATEGORY_KEY_PATTERN, REPORT_POINTS_MAX, REPORT_POINTS_MIN } from '@xjy/shared/report';

export interface Draft {
  key: string;
  label: string;
  pointsMin: string;
  pointsMax: string;
  acceptHours: string;
  resolveHours: string;
  sortOrder: string;
  active: boolean;
}
export const NEW: Draft = { key: '', label: '', pointsMin: String(REPORT_POINTS_MIN), pointsMax: String(REPORT_POINTS_MAX), acceptHours: '24', resolveHours: '168', sortOrder: '0', active: true };
export const toDraft = (c: ReportCategoryResponse): Draft => ({
  key: c.key,
  label: c.label,
  pointsMin: String(c.pointsMin),
  pointsMax: String(c.pointsMax),
  acceptHours: String(c.acceptHours),
  resolveHours: String(c.resolveHours),
  sortOrder: String(c.sortOrder),
  active: c.active,
});

/** What is wrong with a draft, in Chinese, before anything is sent; null when it may be saved. */
export function categoryDraftProblem(d: Draft, creating: boolean): string | null {
  if (creating && !REPORT_CATEGORY_KEY_PATTERN.test(d.key)) return '类别代码须以小写字母开头，只含小写字母、数字和下划线（2–32 位）';
  if (!d.label.trim()) return '请填写类别名称';
  const [min, max] = [Number(d.pointsMin), Number(d.pointsMax)];
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < REPORT_POINTS_MIN || max > REPORT_POINTS_MAX || min > max)
    return `积分范围须在 ${REPORT_POINTS_MIN}–${REPORT_POINTS_MAX} 之间，且最低不高于最高`;
  for (const h of [d.acceptHours, d.resolveHours]) if (!Number.isInteger(Number(h)) || Number(h) < 1) return '时限须为正整数（小时）';
  if (!Number.isInteger(Number(d.sortOrder))) return '排序须为整数';
  return null;
}
