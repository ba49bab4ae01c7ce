import type { CreateReportTemplateRequest, ReportTemplateAction, ReportTemplateResponse } from '@xjy/shared/report-templates';
import { REPORT_TEMPLATE_BODY_MAX, REPORT_TEMPLATE_TITLE_MAX } from '@xjy/shared/report-templates';
import { constraintMessage } from '@xjy/shared/validation-messages';

/** The editor's values as typed; numbers stay text until saved. */
export interface TemplateDraft {
  action: ReportTemplateAction | null;
  /** null: for every category. */
  categoryId: number | null;
  title: string;
  body: string;
  sortOrder: string;
  active: boolean;
}

export const NEW_TEMPLATE: TemplateDraft = { action: null, categoryId: null, title: '', body: '', sortOrder: '0', active: true };

export const toTemplateDraft = (t: ReportTemplateResponse): TemplateDraft => ({
  action: t.action,
  categoryId: t.categoryId,
  title: t.title,
  body: t.body,
  sortOrder: String(t.sortOrder),
  active: t.active,
});

export const SORT_ORDER_MAX = 9999;

/**
 * What is wrong with a draft, by field, in the same Chinese sentences the server sends for the same checks
 * (the shared constraint messages); empty when it may be saved.
 */
export function templateDraftErrors(d: TemplateDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.action) errors.action = constraintMessage('required', 'action');
  if (!d.title.trim()) errors.title = constraintMessage('isNotEmpty', 'title');
  else if (d.title.trim().length > REPORT_TEMPLATE_TITLE_MAX) errors.title = constraintMessage('maxLength', 'title', [REPORT_TEMPLATE_TITLE_MAX]);
  if (!d.body.trim()) errors.body = constraintMessage('isNotEmpty', 'body');
  else if (d.body.trim().length > REPORT_TEMPLATE_BODY_MAX) errors.body = constraintMessage('maxLength', 'body', [REPORT_TEMPLATE_BODY_MAX]);
  const order = Number(d.sortOrder.trim() || '0');
  if (!Number.isInteger(order)) errors.sortOrder = constraintMessage('isInt', 'sortOrder');
  else if (order < 0) errors.sortOrder = constraintMessage('min', 'sortOrder', [0]);
  else if (order > SORT_ORDER_MAX) errors.sortOrder = constraintMessage('max', 'sortOrder', [SORT_ORDER_MAX]);
  return errors;
}

/** The request body of a checked draft (templateDraftErrors(d) is empty). */
export function templateRequest(d: TemplateDraft): CreateReportTemplateRequest {
  return { categoryId: d.categoryId, action: d.action as ReportTemplateAction, title: d.title.trim(), body: d.body.trim(), sortOrder: Number(d.sortOrder.trim() || '0') };
}
