import type { AreaDetailResponse, CreateAreaRequest, ListResponse, UpdateAreaRequest } from '@xjy/shared/area';
import type { ReconcileResponse } from '@xjy/shared/points';
import type {
  CreateDepartmentRequest,
  CreateReportCategoryRequest,
  DepartmentResponse,
  ReportCategoryResponse,
  UpdateDepartmentRequest,
  UpdateReportCategoryRequest,
} from '@xjy/shared/report';
import type { CreateReportTemplateRequest, ReportTemplateResponse, UpdateReportTemplateRequest } from '@xjy/shared/report-templates';
import type { CreateStaffRequest, StaffResponse } from '@xjy/shared/staff';
import { http } from './http';

// Admin-only endpoints (the server refuses anyone else with 403).

export const listStaff = () => http.get<ListResponse<StaffResponse>>('/api/admin/staff');
export const createStaff = (body: CreateStaffRequest) => http.post<StaffResponse>('/api/admin/staff', body);
/** Replacing the whole set is idempotent, so a retry is safe. */
export const replaceStaffScopes = (id: number, scopeAreaIds: number[]) => http.put<StaffResponse>(`/api/admin/staff/${id}/scopes`, { scopeAreaIds }, { idempotent: true });
export const setStaffDisabled = (id: number, disabled: boolean) =>
  http.post<StaffResponse>(`/api/admin/staff/${id}/${disabled ? 'disable' : 'enable'}`, undefined, { idempotent: true });

export const createCategory = (body: CreateReportCategoryRequest) => http.post<ReportCategoryResponse>('/api/admin/report-categories', body);
export const updateCategory = (id: number, body: UpdateReportCategoryRequest) => http.patch<ReportCategoryResponse>(`/api/admin/report-categories/${id}`, body);

export const createDepartment = (body: CreateDepartmentRequest) => http.post<DepartmentResponse>('/api/admin/departments', body);
export const updateDepartment = (id: number, body: UpdateDepartmentRequest) => http.patch<DepartmentResponse>(`/api/admin/departments/${id}`, body);

// 回复模板: every template, archived ones too; staff and departments read the active ones through reportTemplates().
export const listReportTemplates = () => http.get<ListResponse<ReportTemplateResponse>>('/api/admin/report-templates');
export const createReportTemplate = (body: CreateReportTemplateRequest) => http.post<ReportTemplateResponse>('/api/admin/report-templates', body);
export const updateReportTemplate = (id: number, body: UpdateReportTemplateRequest) => http.patch<ReportTemplateResponse>(`/api/admin/report-templates/${id}`, body);
export const deleteReportTemplate = (id: number) => http.delete<void>(`/api/admin/report-templates/${id}`);

export const createArea = (body: CreateAreaRequest) => http.post<AreaDetailResponse>('/api/areas', body);
export const updateArea = (id: number, body: UpdateAreaRequest) => http.patch<AreaDetailResponse>(`/api/areas/${id}`, body);
export const deleteArea = (id: number) => http.delete<void>(`/api/areas/${id}`);

export const reconcilePoints = () => http.post<ReconcileResponse>('/api/admin/points/reconcile', undefined, { idempotent: true });
