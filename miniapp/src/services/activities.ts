import type {
  ActivityResponse,
  AttendanceResponse,
  CheckInRequest,
  CheckInResponse,
  CheckOutRequest,
  CloseSessionRequest,
  ConfirmHoursResponse,
  MeetingRule,
  MemberMeetingsResponse,
  ReviewCheckInRequest,
  CreateActivityRequest,
  ListActivitiesParams,
  QuarterParams,
  QrTokenResponse,
  UpdateActivityRequest,
} from '@xjy/shared/activity';
import type { ListResponse } from '@xjy/shared/area';
import { CLIENT_ID_HEADER } from '@xjy/shared/activity';
import { clientId } from '../utils/client-id';
import { http } from './http';

export const listActivities = (scope: ListActivitiesParams['scope'] = 'mine') =>
  http.get<ListResponse<ActivityResponse>>('/api/activities', { query: { scope } satisfies ListActivitiesParams });

export const getActivity = (id: number) => http.get<ActivityResponse>(`/api/activities/${id}`);

export const createActivity = (body: CreateActivityRequest) => http.post<ActivityResponse>('/api/activities', body);

export const updateActivity = (id: number, body: UpdateActivityRequest) => http.patch<ActivityResponse>(`/api/activities/${id}`, body);

export const cancelActivity = (id: number) => http.post<ActivityResponse>(`/api/activities/${id}/cancel`, undefined, { idempotent: true });

export const getQrToken = (id: number) => http.get<QrTokenResponse>(`/api/activities/${id}/qr-token`);

/** The server answers a repeat with the same check-in, so retrying on a bad network never doubles it. */
export const checkIn = (id: number, body: CheckInRequest) =>
  http.post<CheckInResponse>(`/api/activities/${id}/check-ins`, body, { idempotent: true, headers: { [CLIENT_ID_HEADER]: clientId() } });

/** Sign-out of a volunteer or training activity; a repeat answers the same sign-out. */
export const checkOut = (id: number, body: CheckOutRequest) =>
  http.post<CheckInResponse>(`/api/activities/${id}/check-outs`, body, { idempotent: true, headers: { [CLIENT_ID_HEADER]: clientId() } });

/** After the end: confirms every signed-out session once; safe to repeat. */
export const confirmHours = (id: number) => http.post<ConfirmHoursResponse>(`/api/activities/${id}/confirm-hours`, undefined, { idempotent: true });

export const closeSession = (checkInId: number, body: CloseSessionRequest) => http.post<CheckInResponse>(`/api/check-ins/${checkInId}/close`, body);

export const listFlaggedCheckIns = () => http.get<ListResponse<CheckInResponse>>('/api/check-ins/flagged');

export const reviewCheckIn = (checkInId: number, body: ReviewCheckInRequest) => http.post<CheckInResponse>(`/api/check-ins/${checkInId}/review`, body);

export const getOrganizationMeetings = (organizationId: number, quarter?: string) =>
  http.get<{ quarter: string; rules: MeetingRule[]; items: MemberMeetingsResponse[] }>(`/api/organizations/${organizationId}/meetings`, { query: { quarter } satisfies QuarterParams });

export const listCheckIns = (id: number) => http.get<ListResponse<CheckInResponse>>(`/api/activities/${id}/check-ins`);

export const approveCheckIn = (id: number, note: string) => http.post<CheckInResponse>(`/api/check-ins/${id}/approve`, { note });

export const listMyCheckIns = () => http.get<ListResponse<CheckInResponse>>('/api/check-ins/mine');

export const getMyAttendance = (quarter?: string) => http.get<AttendanceResponse>('/api/attendance/mine', { query: { quarter } satisfies QuarterParams });

/** Path of the register export; downloaded with the session token (see utils/download). */
export const registerExportPath = (areaId?: number, quarter?: string) =>
  `/api/register/export.xlsx${areaId || quarter ? `?${[areaId ? `areaId=${areaId}` : '', quarter ? `quarter=${quarter}` : ''].filter(Boolean).join('&')}` : ''}`;
