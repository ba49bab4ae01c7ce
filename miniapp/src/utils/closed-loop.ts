import type { ReportAction, ReportDetailResponse } from '@xjy/shared/report';

/** Who has the case in hand now, in plain words; null once nobody does (it has an outcome). */
export function caseHolder(r: Pick<ReportDetailResponse, 'holder' | 'areaName'>): string | null {
  if (!r.holder) return null;
  return r.holder.kind === 'department' ? r.holder.name : `${r.areaName} 工作人员`;
}

/** Whether the caller may take an action now: the server lists them per caller (staff, department or reporter). */
export function can(r: Pick<ReportDetailResponse, 'actions'>, action: ReportAction): boolean {
  return r.actions.includes(action);
}
