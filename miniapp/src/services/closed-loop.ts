import type { ReportDetailResponse, ReportPageResponse } from '@xjy/shared/report';
import { http } from './http';

// The closed loop (issue 12): a department signs, returns, handles and asks for time; staff verify, close and
// decide on requests; the reporter confirms, rates, adds information or withdraws. Every call answers the report.

export type DepartmentCaseStatus = 'dispatched' | 'handling' | 'verifying';

export const departmentCases = (status: DepartmentCaseStatus, cursor?: string | null) =>
  http.get<ReportPageResponse>('/api/department/cases', { query: { status, cursor } });

const act = <B = undefined>(id: number, path: string, body?: B) => http.post<ReportDetailResponse>(`/api/reports/${id}/${path}`, body ?? {});

// Department.
export const signCase = (id: number) => act(id, 'sign');
export const returnCase = (id: number, body: { reason: string }) => act(id, 'return', body);
export const reportHandled = (id: number, body: { note: string; mediaIds?: number[] }) => act(id, 'handled', body);
export const requestExtension = (id: number, body: { hours: number; reason: string }) => act(id, 'extension', body);
export const requestDeferral = (id: number, body: { reason: string }) => act(id, 'deferral', body);

// Staff.
export type CloseOutcome = 'not_fixable' | 'not_responsible';
export const verifyCase = (id: number, body: { pass: boolean; note: string }) => act(id, 'verify', body);
export const closeCase = (id: number, body: { outcome: CloseOutcome; reason: string }) => act(id, 'close', body);
export const approveExtension = (id: number) => act(id, 'extension/approve');
export const refuseExtension = (id: number, body: { note: string }) => act(id, 'extension/refuse', body);
export const approveDeferral = (id: number) => act(id, 'deferral/approve');
export const refuseDeferral = (id: number, body: { note: string }) => act(id, 'deferral/refuse', body);

// Reporter.
export type ReportRating = 'satisfied' | 'basic' | 'unsatisfied';
export const confirmFixed = (id: number, body: { fixed: boolean; mediaIds?: number[]; lat?: number; lng?: number }) => act(id, 'confirm', body);
export const rateReport = (id: number, body: { rating: ReportRating; note?: string }) => act(id, 'rate', body);
export const supplementReport = (id: number, body: { text: string; mediaIds?: number[] }) => act(id, 'supplement', body);
export const withdrawReport = (id: number) => act(id, 'withdraw');

// 督办: overdue cases raised to this staff member's area.
export interface EscalationItem {
  reportId: number;
  categoryLabel: string;
  areaName: string;
  stageLabel: string;
  holder: string;
  hoursOverdue: number;
  deadlineAt: string;
}
export const listEscalations = () => http.get<{ items: EscalationItem[] }>('/api/escalations');
