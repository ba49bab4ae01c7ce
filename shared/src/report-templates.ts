// 回复模板: canned notes per category and action, written by admins, picked by staff and department handlers.

/** The actions a template can be written for (the closed loop's steps that take a note or a reason). */
export const REPORT_TEMPLATE_ACTIONS = [
  'accept',
  'reject',
  'duplicate',
  'dispatch',
  'sign',
  'return',
  'handled',
  'extension',
  'deferral',
  'verify',
  'rework',
  'close',
  'refuse',
] as const;
export type ReportTemplateAction = (typeof REPORT_TEMPLATE_ACTIONS)[number];
export const REPORT_TEMPLATE_ACTION_LABELS: Record<ReportTemplateAction, string> = {
  accept: '立案',
  reject: '不予立案',
  duplicate: '重复上报',
  dispatch: '派遣',
  sign: '签收',
  return: '退回',
  handled: '处置反馈',
  extension: '申请延期',
  deferral: '申请缓办',
  verify: '核查通过',
  rework: '返工',
  close: '结案(未解决)',
  refuse: '驳回申请',
};
export const REPORT_TEMPLATE_TITLE_MAX = 32;
export const REPORT_TEMPLATE_BODY_MAX = 500;

export const REPORT_TEMPLATE_ERROR_CODES = ['report_template_not_found'] as const;
export type ReportTemplateErrorCode = (typeof REPORT_TEMPLATE_ERROR_CODES)[number];

export interface ReportTemplateResponse {
  id: number;
  /** null: for every category. */
  categoryId: number | null;
  action: ReportTemplateAction;
  title: string;
  body: string;
  sortOrder: number;
  active: boolean;
}
export interface CreateReportTemplateRequest {
  categoryId?: number | null;
  action: ReportTemplateAction;
  title: string;
  body: string;
  sortOrder?: number;
}
export interface UpdateReportTemplateRequest {
  categoryId?: number | null;
  action?: ReportTemplateAction;
  title?: string;
  body?: string;
  sortOrder?: number;
  active?: boolean;
}
/** GET /api/report-templates: the active templates for one action, the category's own first, then the general ones. */
export interface ReportTemplatesParams {
  categoryId?: number;
  action?: ReportTemplateAction;
}
