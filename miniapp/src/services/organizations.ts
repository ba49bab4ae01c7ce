import type {
  AbsenteeResponse,
  CreateMembershipRequest,
  ListMembershipsParams,
  ListOrganizationsParams,
  MembershipResponse,
  OrganizationResponse,
  QuarterParams,
} from '@xjy/shared/activity';
import type { ListResponse } from '@xjy/shared/area';
import { http } from './http';

export const listOrganizations = (areaId?: number) => http.get<ListResponse<OrganizationResponse>>('/api/organizations', { query: { areaId } satisfies ListOrganizationsParams });

export const listMyMemberships = () => http.get<ListResponse<MembershipResponse>>('/api/memberships/mine');

/** Asking again for the same organization returns the existing request, so a retry is safe. */
export const requestMembership = (body: CreateMembershipRequest) => http.post<MembershipResponse>('/api/memberships', body, { idempotent: true });

export const endMembership = (id: number) => http.post<MembershipResponse>(`/api/memberships/${id}/end`);

export const listMembershipsForReview = (query: ListMembershipsParams) => http.get<ListResponse<MembershipResponse>>('/api/memberships', { query: { ...query } });

export const verifyMembership = (id: number) => http.post<MembershipResponse>(`/api/memberships/${id}/verify`);

export const declineMembership = (id: number, note: string) => http.post<MembershipResponse>(`/api/memberships/${id}/decline`, { note });

export const listAbsentees = (organizationId: number, quarter?: string) =>
  http.get<ListResponse<AbsenteeResponse> & { quarter: string }>(`/api/organizations/${organizationId}/absentees`, { query: { quarter } satisfies QuarterParams });
