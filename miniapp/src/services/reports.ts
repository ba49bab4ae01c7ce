import type {
  AcceptReportRequest,
  CreateReportRequest,
  DepartmentResponse,
  DispatchReportRequest,
  DuplicateReportRequest,
  ListReportsParams,
  MessagePageResponse,
  NearbyReportsParams,
  NearbyReportResponse,
  RejectReportRequest,
  ReopenReportRequest,
  ReportCategoriesResponse,
  ReportDashboardResponse,
  ReportDashboardParams,
  ReportDetailResponse,
  ReportPageResponse,
  ResolveReportRequest,
  SubscribeConsentRequest,
  WitnessReportRequest,
} from '@xjy/shared/report';
import { http } from './http';

export const listCategories = () => http.get<ReportCategoriesResponse>('/api/report-categories');

/** Safe to repeat: the server answers the same report for the same key. */
export const createReport = (body: CreateReportRequest, idempotencyKey: string) =>
  http.post<ReportDetailResponse>('/api/reports', body, { headers: { 'Idempotency-Key': idempotencyKey } });

export const nearbyReports = (q: NearbyReportsParams) => http.get<{ items: NearbyReportResponse[] }>('/api/reports/nearby', { query: { ...q } });

/** 我也看到 counts once per user on the server, so a retry is harmless; `at` is where the nearby list was asked for. */
export const witnessReport = (id: number, at: WitnessReportRequest) => http.post<NearbyReportResponse>(`/api/reports/${id}/witness`, at, { idempotent: true });

export const myReports = (cursor?: string | null) => http.get<ReportPageResponse>('/api/reports/mine', { query: { cursor } });

export const getReport = (id: number) => http.get<ReportDetailResponse>(`/api/reports/${id}`);

/** The staff queue's query; the cursor is null on the first page. */
export type ReportQueueFilter = Omit<ListReportsParams, 'cursor'> & { cursor?: string | null };
export const staffReports = (f: ReportQueueFilter) => http.get<ReportPageResponse>('/api/reports', { query: { ...f } });

export const acceptReport = (id: number, body: AcceptReportRequest) => http.post<ReportDetailResponse>(`/api/reports/${id}/accept`, body);
export const rejectReport = (id: number, body: RejectReportRequest) => http.post<ReportDetailResponse>(`/api/reports/${id}/reject`, body);
export const duplicateReport = (id: number, body: DuplicateReportRequest) => http.post<ReportDetailResponse>(`/api/reports/${id}/duplicate`, body);
export const dispatchReport = (id: number, body: DispatchReportRequest) => http.post<ReportDetailResponse>(`/api/reports/${id}/dispatch`, body);
export const resolveReport = (id: number, body: ResolveReportRequest) => http.post<ReportDetailResponse>(`/api/reports/${id}/resolve`, body);
export const reopenReport = (id: number, body: ReopenReportRequest) => http.post<ReportDetailResponse>(`/api/reports/${id}/reopen`, body);

export const listDepartments = () => http.get<{ items: DepartmentResponse[] }>('/api/departments');

export const reportDashboard = (q: ReportDashboardParams) => http.get<ReportDashboardResponse>('/api/dashboard/reports', { query: { ...q } });

export const myMessages = (cursor?: string | null) => http.get<MessagePageResponse>('/api/messages', { query: { cursor } });
export const markMessagesRead = () => http.post<void>('/api/messages/read', undefined, { idempotent: true });
export const recordSubscribeConsent = (body: SubscribeConsentRequest) => http.post<void>('/api/messages/subscribe-consent', body);
