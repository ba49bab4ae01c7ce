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
/** Where nothing can scan (H5 in a browser), the code is typed: these refusals say 输入 instead of 扫描. */
export const CHECK_IN_REFUSAL_LABELS_TYPED: Partial<Record<CheckInRefusal, string>> = {
  qr_token_invalid: '签到码不对，请输入现场大屏上显示的 6 位签到码',
  qr_token_expired: '签到码已过期，请输入大屏上最新的签到码',
};
/** rejected: staff rejected a flagged (待核实) check-in on review; it no longer counts. */
export const CHECK_IN_STATUSES = ['accepted', 'refused', 'approved', 'rejected'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

/** Errors of volunteer hours, sign-out and the review of flagged check-ins. */
export const HOURS_ERROR_CODES = [
  /** The activity type does not count hours (only volunteer service and training do). */
  'hours_not_applicable',
  'sign_out_window',
  'not_checked_in',
  'activity_not_ended',
  'sign_out_time_invalid',
  'already_signed_out',
  'check_in_not_flagged',
  'already_reviewed',
  'own_review',
] as const;
export type HoursErrorCode = (typeof HOURS_ERROR_CODES)[number];
export const HOURS_ERROR_HTTP_STATUS: Record<HoursErrorCode, 400 | 403 | 409 | 422> = {
  hours_not_applicable: 409,
  sign_out_window: 422,
  not_checked_in: 422,
  activity_not_ended: 409,
  sign_out_time_invalid: 400,
  already_signed_out: 409,
  check_in_not_flagged: 409,
  already_reviewed: 409,
  own_review: 403,
};
export const HOURS_ERROR_MESSAGES: Record<HoursErrorCode, string> = {
  hours_not_applicable: '该活动不计服务时长（只有志愿服务和学习培训计时长）',
  sign_out_window: '不在签退时间内（活动开始至结束后 30 分钟）',
  not_checked_in: '你还没有签到，无法签退',
  activity_not_ended: '活动结束后才能确认时长',
  sign_out_time_invalid: '签退时间须在签到之后、活动结束后 30 分钟之内',
  already_signed_out: '该成员已经签退',
  check_in_not_flagged: '这条签到不需要核实',
  already_reviewed: '这条签到已经核实过了',
  own_review: '不能核实自己的签到，请由其他工作人员处理',
};

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
  ...HOURS_ERROR_CODES,
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
  /** Volunteer and training: the share of the activity a session must cover to count (percent, default 60). */
  hoursThresholdPct?: number;
  /** Meetings: which of 三会一课 it is. */
  meetingKind?: MeetingKind | null;
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
  myCheckIn: { id: number; status: CheckInStatus; createdAt: string; signedOutAt: string | null; hours: number | null; hoursStatus: HoursStatus | null } | null;
  /** Volunteer and training: sign-in and sign-out, hours. */
  countsHours: boolean;
  hoursThresholdPct: number;
  /** Sign-out closes this long after the end (only when countsHours). */
  signOutClosesAt: string | null;
  hoursConfirmedAt: string | null;
  meetingKind: MeetingKind | null;
}

export interface QrTokenResponse {
  token: string;
  /** The same slot as a 6-digit code to type where nothing can scan. */
  code: string;
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
  signedOutAt: string | null;
  /** Clipped to the activity's window; null until signed out. */
  hours: number | null;
  /** null where the activity does not count hours. */
  hoursStatus: HoursStatus | null;
  /** Reasons for 待核实 (empty when nothing looked wrong). */
  flags: CheckInFlag[];
  review: ReviewStatus | null;
  reviewNote: string | null;
  /** Staff closed a forgotten sign-out by hand. */
  closedBy: { id: number; nickname: string } | null;
  closeNote: string | null;
}

export interface ApproveCheckInRequest {
  note: string;
}

export interface AttendanceResponse {
  quarter: string;
  meetingsAttended: number;
  activitiesAttended: number;
  volunteerPoints: number;
  /** Confirmed volunteer and training hours this quarter. */
  confirmedHours: number;
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

// ---- Volunteer hours (志愿服务时长) ----

/** Activity types that have sign-in and sign-out and count service hours. */
export const HOURS_ACTIVITY_TYPES = ['volunteer', 'training'] as const satisfies readonly ActivityType[];
export const countsHours = (type: ActivityType): boolean => (HOURS_ACTIVITY_TYPES as readonly ActivityType[]).includes(type);
/** Sign-out is open from the start until this long after the end. */
export const SIGN_OUT_CLOSES_AFTER_MIN = 30;
/** A session counts only when it covers at least this share of the activity (志愿辽宁, 云南青年志愿); per activity. */
export const HOURS_THRESHOLD_PCT_DEFAULT = 60;
export const HOURS_THRESHOLD_PCT_MIN = 1;
export const HOURS_THRESHOLD_PCT_MAX = 100;

export const HOURS_STATUSES = ['pending', 'confirmed', 'below_threshold'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];
export const HOURS_STATUS_LABELS: Record<HoursStatus, string> = { pending: '待确认', confirmed: '已确认', below_threshold: '未达时长要求' };

/**
 * One session's hours: sign-out − sign-in clipped to the activity's window, in hours rounded to 2 decimals, and
 * whether it covers at least `thresholdPct` of the activity's length.
 */
export function sessionHours(window: { startsAt: Date; endsAt: Date }, signedInAt: Date, signedOutAt: Date, thresholdPct: number): { hours: number; counts: boolean } {
  const from = Math.max(signedInAt.getTime(), window.startsAt.getTime());
  const to = Math.min(signedOutAt.getTime(), window.endsAt.getTime());
  const ms = Math.max(0, to - from);
  const length = window.endsAt.getTime() - window.startsAt.getTime();
  return { hours: Math.round(ms / 36_000) / 100, counts: length > 0 && ms * 100 >= thresholdPct * length };
}

// ---- Proxy suspicion (待核实) ----

/** Why a check-in waits for a staff review: it is recorded, not refused, because none of these is proof. */
export const CHECK_IN_FLAGS = ['shared_client', 'same_coordinates', 'activity_point', 'impossible_travel', 'token_relayed'] as const;
export type CheckInFlag = (typeof CHECK_IN_FLAGS)[number];
export const CHECK_IN_FLAG_LABELS: Record<CheckInFlag, string> = {
  shared_client: '同一台手机为多个账号签到',
  same_coordinates: '与其他成员的定位完全相同',
  activity_point: '定位恰好是活动发布的坐标',
  impossible_travel: '与上一次签到的位置相距太远，时间上赶不到',
  token_relayed: '签到码在大屏换码后才使用，可能是转发的',
};
/** Faster than this between two requests of one member is not travel. */
export const IMPOSSIBLE_TRAVEL_KMH = 150;
/** A token used this long after it was first shown, when the screen had moved on, looks relayed. */
export const TOKEN_RELAY_SECONDS = 20;
export const REVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { pending: '待核实', accepted: '核实通过', rejected: '核实未通过' };
/** The header the app sends with a per-install id it keeps in storage. */
export const CLIENT_ID_HEADER = 'x-client-id';

/** The short code typed by hand where nothing can scan: same HMAC slots as the QR. */
export const CHECK_IN_CODE_DIGITS = 6;

export interface CheckOutRequest {
  token: string;
  lat: number;
  lng: number;
  accuracyM: number;
}

/** Staff close a session a member forgot to sign out of, with the time they left and a note (audited). */
export interface CloseSessionRequest {
  signedOutAt: string;
  note: string;
}

export interface ReviewCheckInRequest {
  accept: boolean;
  note: string;
}

export interface ConfirmHoursResponse {
  activityId: number;
  hoursConfirmedAt: string;
  /** Sessions confirmed by this action (0 on a repeat). */
  confirmed: number;
  belowThreshold: number;
  /** Members still signed in: close them by hand, then confirm again. */
  openSessions: number;
  /** Flagged sessions waiting for review; confirmed when accepted. */
  awaitingReview: number;
  pointsAwarded: number;
}

// ---- 三会一课 ----

export const MEETING_KINDS = ['party_congress', 'committee', 'group_meeting', 'party_lecture', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { party_congress: '党员大会', committee: '支委会', group_meeting: '党小组会', party_lecture: '党课', other: '其他组织生活' };

/** The 三会一课 requirement: one rule set, in one place. */
export interface MeetingRule {
  kind: MeetingKind;
  per: 'quarter' | 'month';
  min: number;
}
export const MEETING_RULES: readonly MeetingRule[] = [
  { kind: 'party_congress', per: 'quarter', min: 1 },
  { kind: 'party_lecture', per: 'quarter', min: 1 },
  { kind: 'group_meeting', per: 'month', min: 1 },
];

export interface MeetingRuleProgress {
  kind: MeetingKind;
  per: 'quarter' | 'month';
  min: number;
  /** Attended per period: one entry for a quarter rule, three (months in order) for a monthly rule. */
  attended: number[];
  met: boolean;
}

export interface MemberMeetingsResponse {
  member: { id: number; nickname: string };
  rules: MeetingRuleProgress[];
  met: boolean;
}

/** Meetings of one member in one quarter against the rules: `attended` lists meeting kinds by month index (0..2). */
export function meetingProgress(rules: readonly MeetingRule[], attended: Array<{ kind: MeetingKind; month: 0 | 1 | 2 }>): MeetingRuleProgress[] {
  return rules.map((r) => {
    const mine = attended.filter((a) => a.kind === r.kind);
    const counts = r.per === 'quarter' ? [mine.length] : [0, 1, 2].map((m) => mine.filter((a) => a.month === m).length);
    return { kind: r.kind, per: r.per, min: r.min, attended: counts, met: counts.every((n) => n >= r.min) };
  });
}
