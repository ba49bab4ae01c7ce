import type {
  CloseReportRequest,
  ConfirmReportRequest,
  DeferralReportRequest,
  DepartmentCasesResponse,
  EscalationPageResponse,
  ExtensionReportRequest,
  HandledReportRequest,
  RateReportRequest,
  RefuseRequestRequest,
  ReportDetailResponse,
  ReturnReportRequest,
  SupplementReportRequest,
  VerifyReportRequest,
} from '@xjy/shared/report';
import { http } from './http';

// The closed loop (issue 12): a department signs, returns, handles and asks for time; staff verify, close and
// decide on requests; the reporter confirms, rates, adds information or withdraws. Every call answers the report.

export type DepartmentCaseStatus = 'dispatched' | 'handling' | 'verifying';

/** A department's cases in one stage, the most urgent (earliest running deadline) first. */
export const departmentCases = (status: DepartmentCaseStatus, cursor?: string | null) =>
  http.get<DepartmentCasesResponse>('/api/department/cases', { query: { status, sort: 'deadline', cursor } });

const act = (id: number, path: string, body?: object) => http.post<ReportDetailResponse>(`/api/reports/${id}/${path}`, body ?? {});

// Department.
export const signCase = (id: number) => act(id, 'sign');
export const returnCase = (id: number, body: ReturnReportRequest) => act(id, 'return', body);
export const reportHandled = (id: number, body: HandledReportRequest) => act(id, 'handled', body);
export const requestExtension = (id: number, body: ExtensionReportRequest) => act(id, 'extension', body);
export const requestDeferral = (id: number, body: DeferralReportRequest) => act(id, 'deferral', body);

// Staff.
export const verifyCase = (id: number, body: VerifyReportRequest) => act(id, 'verify', body);
export const closeCase = (id: number, body: CloseReportRequest) => act(id, 'close', body);
export const approveExtension = (id: number) => act(id, 'extension/approve');
export const refuseExtension = (id: number, body: RefuseRequestRequest) => act(id, 'extension/refuse', body);
export const approveDeferral = (id: number) => act(id, 'deferral/approve');
export const refuseDeferral = (id: number, body: RefuseRequestRequest) => act(id, 'deferral/refuse', body);
export const resumeCase = (id: number) => act(id, 'resume');

// Reporter.
export const confirmFixed = (id: number, body: ConfirmReportRequest) => act(id, 'confirm', body);
export const rateReport = (id: number, body: RateReportRequest) => act(id, 'rate', body);
export const supplementReport = (id: number, body: SupplementReportRequest) => act(id, 'supplement', body);
export const withdrawReport = (id: number) => act(id, 'withdraw');

// 督办: overdue cases, most overdue first, raised to the caller's areas.
export const listEscalations = (cursor?: string | null) => http.get<EscalationPageResponse>('/api/escalations', { query: { cursor } });

/** A response template (回复模板, admin-written per category and action) as GET /api/report-templates answers it. */
export interface ReportTemplateItem {
  id: number;
  title: string;
  body: string;
}
export const reportTemplates = (q: { categoryId?: number; action: string }) => http.get<{ items: ReportTemplateItem[] }>('/api/report-templates', { query: { ...q } });
