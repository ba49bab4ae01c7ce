import type { ActivityType, MembershipRole, Trade } from './enums.js';

export const MEMBERSHIP_STATUSES = ['pending', 'verified', 'declined', 'ended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = { pending: '待审核', verified: '已认证', declined: '未通过', ended: '已转出' };
export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = { residence: '居住地', workplace: '工作地' };

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = { meeting: '组织生活会', theme_day: '主题党日', volunteer: '志愿服务', training: '学习培训' };
export const ACTIVITY_STATUSES = ['scheduled', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Why a check-in was refused; each is also the error code the API answers with. */
export const CHECK_IN_REFUSALS = ['qr_token_invalid', 'qr_token_wrong_activity', 'qr_token_expired', 'outside_window', 'outside_fence', 'not_eligible', 'activity_full', 'own_activity'] as const;
export type CheckInRefusal = (typeof CHECK_IN_REFUSALS)[number];
export const CHECK_IN_REFUSAL_LABELS: Record<CheckInRefusal, string> = {
  qr_token_invalid: '签到码无效，请扫描现场大屏上的二维码',
  qr_token_wrong_activity: '这是另一场活动的签到码',
  qr_token_expired: '签到码已过期，请重新扫描',
  outside_window: '不在签到时间内（开始前 30 分钟至结束）',
  outside_fence: '不在活动地点范围内',
  not_eligible: '你不是该组织的成员，无法签到',
  activity_full: '活动名额已满',
  own_activity: '不能在自己发起的活动中签到，请由其他工作人员核实',
};
export const CHECK_IN_STATUSES = ['accepted', 'refused', 'approved'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

export const ACTIVITY_ERROR_CODES = [
  'organization_not_found',
  'membership_not_found',
  'membership_exists',
  'activity_not_found',
  'activity_cancelled',
  'activity_time_invalid',
  'check_in_not_found',
  'check_in_not_refused',
  'approval_window_closed',
  /** Nobody verifies or declines their own membership. */
  'own_membership',
  /** Nobody approves their own refused check-in by hand. */
  'own_check_in',
  'already_attended',
  ...CHECK_IN_REFUSALS,
] as const;
export type ActivityErrorCode = (typeof ACTIVITY_ERROR_CODES)[number];

/** The QR code rotates every slot; the current and the previous slot are accepted. */
export const QR_SLOT_SECONDS = 30;
/** Check-in opens this long before the start and closes at the end. */
export const CHECK_IN_OPENS_BEFORE_MIN = 30;
export const ACTIVITY_RADIUS_DEFAULT_M = 300;
export const ACTIVITY_RADIUS_MAX_M = 2000;
/** The reported GPS accuracy widens the fence by at most this much. */
export const ACCURACY_ALLOWANCE_MAX_M = 100;
export const ACTIVITY_TITLE_MAX = 60;
export const ACTIVITY_NOTE_MAX = 200;
export const ACTIVITY_POINTS_MAX = 20;
export const EMPLOYER_MAX = 64;

export const ORGANIZATION_NAME_MAX = 64;
/** An organization (社区党委 / 网格党支部) belongs to one community or grid; one per area. */
export interface CreateOrganizationRequest {
  areaId: number;
  name: string;
}

export interface OrganizationResponse {
  id: number;
  name: string;
  areaId: number;
  areaName: string;
  areaLevel: string;
  memberCount: number;
}

export interface CreateMembershipRequest {
  organizationId: number;
  role: MembershipRole;
}

export interface DeclineMembershipRequest {
  note: string;
}

export interface MembershipResponse {
  id: number;
  role: MembershipRole;
  status: MembershipStatus;
  organization: { id: number; name: string; areaId: number };
  member: { id: number; nickname: string; trade: Trade | null; phone: string | null };
  note: string | null;
  createdAt: string;
  verifiedAt: string | null;
  endedAt: string | null;
}

export interface CreateActivityRequest {
  organizationId: number;
  type: ActivityType;
  title: string;
  startsAt: string;
  endsAt: string;
  lat: number;
  lng: number;
  radiusM?: number;
  /** Volunteer activities only. */
  points?: number;
  capacity?: number | null;
  address?: string;
}

export type UpdateActivityRequest = Partial<Omit<CreateActivityRequest, 'organizationId' | 'type'>>;

export interface ActivityResponse {
  id: number;
  organization: { id: number; name: string };
  type: ActivityType;
  title: string;
  address: string | null;
  startsAt: string;
  endsAt: string;
  checkInOpensAt: string;
  lat: number;
  lng: number;
  radiusM: number;
  points: number;
  capacity: number | null;
  status: ActivityStatus;
  checkedInCount: number;
  /** For the caller: whether they may check in, and whether they already did. */
  eligible: boolean;
  myCheckIn: { id: number; status: CheckInStatus; createdAt: string } | null;
}

export interface QrTokenResponse {
  token: string;
  expiresAt: string;
  slotSeconds: number;
}

export interface CheckInRequest {
  token: string;
  lat: number;
  lng: number;
  accuracyM: number;
}

export interface CheckInResponse {
  id: number;
  activityId: number;
  activityTitle: string;
  status: CheckInStatus;
  refusal: CheckInRefusal | null;
  distanceM: number | null;
  pointsAwarded: number;
  member: { id: number; nickname: string };
  approvedBy: { id: number; nickname: string } | null;
  note: string | null;
  createdAt: string;
}

export interface ApproveCheckInRequest {
  note: string;
}

export interface AttendanceResponse {
  quarter: string;
  meetingsAttended: number;
  activitiesAttended: number;
  volunteerPoints: number;
}

export interface AbsenteeResponse {
  member: { id: number; nickname: string; phone: string | null; trade: Trade | null };
  role: MembershipRole;
  meetingsAttended: number;
}

/** GET /api/activities */
export interface ListActivitiesParams {
  /** mine: my two organizations and all volunteer service; managed: staff, in scope. */
  scope?: 'mine' | 'managed';
  organizationId?: number;
}

/** GET /api/memberships */
export interface ListMembershipsParams {
  organizationId?: number;
  status?: MembershipStatus;
}

/** GET /api/organizations */
export interface ListOrganizationsParams {
  /** Organizations in this area subtree. */
  areaId?: number;
}

/** Routes that report on one quarter, like "2026Q4"; the current quarter in China when omitted. */
export interface QuarterParams {
  quarter?: string;
}

/** GET /api/register/export.xlsx */
export interface RegisterExportParams extends QuarterParams {
  areaId?: number;
}
