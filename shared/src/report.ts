import type { MediaResponse } from './media.js';
/** The dashboard's answer is defined with the figures it carries (report-figures.ts). */
export type { ReportDashboardResponse } from './report-figures.js';

// 随手拍: a photographed problem with a location, category and text, reviewed by staff in a closed loop.

export const REPORT_PHOTOS_MIN = 1;
export const REPORT_PHOTOS_MAX = 3;
export const REPORT_RESOLUTION_PHOTOS_MAX = 3;
export const REPORT_DESCRIPTION_MAX = 500;
export const REPORT_NOTE_MAX = 500;
/** Points for an accepted report always lie within these bounds; a category narrows them. */
export const REPORT_POINTS_MIN = 5;
export const REPORT_POINTS_MAX = 10;
export const REPORT_ACCEPT_HOURS_DEFAULT = 24;
export const REPORT_RESOLVE_HOURS_DEFAULT = 7 * 24;
/** "我也看到": open reports of the same category this close and this recent are offered before sending. */
export const REPORT_NEARBY_RADIUS_M = 250;
export const REPORT_NEARBY_DAYS = 7;
/** Idempotency-Key header: what a client-generated key may look like. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const REPORT_CATEGORY_KEY_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;

/** Stable status keys; labels are display text; each key belongs to one group and code asks for groups. */
export const REPORT_STATUSES = ['submitted', 'accepted', 'dispatched', 'resolved', 'rejected', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '待审核',
  accepted: '已采纳',
  dispatched: '已派单',
  resolved: '已办结',
  rejected: '未采纳',
  duplicate: '重复上报',
};
export const REPORT_STATUS_GROUPS = ['open', 'fixed', 'closed'] as const;
export type ReportStatusGroup = (typeof REPORT_STATUS_GROUPS)[number];
export const REPORT_STATUS_GROUP: Record<ReportStatus, ReportStatusGroup> = {
  submitted: 'open',
  accepted: 'open',
  dispatched: 'open',
  resolved: 'fixed',
  rejected: 'closed',
  duplicate: 'closed',
};
export function reportStatusesIn(...groups: ReportStatusGroup[]): ReportStatus[] {
  return REPORT_STATUSES.filter((s) => groups.includes(REPORT_STATUS_GROUP[s]));
}
/** A report has an outcome (the closed loop is closed) once it is fixed or closed. */
export function isReportFinished(status: ReportStatus): boolean {
  return REPORT_STATUS_GROUP[status] !== 'open';
}

/**
 * Which deadline runs while a report waits in a status: the accept deadline until it is reviewed, the resolve
 * deadline while it is being handled, none once it has an outcome. Code asks for these groups, not status lists.
 */
export const REPORT_DEADLINES = ['accept', 'resolve'] as const;
export type ReportDeadline = (typeof REPORT_DEADLINES)[number];
export const REPORT_STATUS_DEADLINE: Record<ReportStatus, ReportDeadline | null> = {
  submitted: 'accept',
  accepted: 'resolve',
  dispatched: 'resolve',
  resolved: null,
  rejected: null,
  duplicate: null,
};
export function reportStatusesDue(deadline: ReportDeadline): ReportStatus[] {
  return REPORT_STATUSES.filter((s) => REPORT_STATUS_DEADLINE[s] === deadline);
}

export const REPORT_ACTIONS = ['accept', 'reject', 'duplicate', 'dispatch', 'resolve', 'reopen'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export interface ReportTransition {
  /** The statuses the action may start from. */
  from: readonly ReportStatus[];
  to: ReportStatus;
  /** The timeline event it writes. */
  event: ReportEventType;
  /** The title of the message the reporter gets. */
  notice: string;
  /** A first decision on the report (stamps reviewedAt once). */
  reviews: boolean;
  /** What happens to the reporter's points for this report. */
  points: 'award' | 'reverse' | null;
}
/** The state machine: from which statuses each staff action may start, where it leads and what it records. */
export const REPORT_TRANSITIONS: Record<ReportAction, ReportTransition> = {
  accept: { from: ['submitted'], to: 'accepted', event: 'accepted', notice: '你的随手拍已被采纳', reviews: true, points: 'award' },
  reject: { from: ['submitted'], to: 'rejected', event: 'rejected', notice: '你的随手拍未被采纳', reviews: true, points: 'reverse' },
  duplicate: { from: ['submitted'], to: 'duplicate', event: 'duplicate', notice: '你的随手拍与已有上报重复', reviews: true, points: null },
  dispatch: { from: ['accepted', 'dispatched'], to: 'dispatched', event: 'dispatched', notice: '你的随手拍已派单处理', reviews: false, points: null },
  resolve: { from: ['accepted', 'dispatched'], to: 'resolved', event: 'resolved', notice: '你的随手拍已办结', reviews: false, points: null },
  reopen: { from: ['resolved', 'rejected', 'duplicate'], to: 'submitted', event: 'reopened', notice: '你的随手拍已重新打开', reviews: false, points: null },
};
export function canTransition(action: ReportAction, from: ReportStatus): boolean {
  return REPORT_TRANSITIONS[action].from.includes(from);
}
export function actionsAvailable(status: ReportStatus): ReportAction[] {
  return REPORT_ACTIONS.filter((a) => canTransition(a, status));
}
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  accept: '采纳',
  reject: '不采纳',
  duplicate: '标记重复',
  dispatch: '派单',
  resolve: '办结',
  reopen: '重新打开',
};

export const REPORT_REJECT_REASONS = ['not_a_problem', 'insufficient_info', 'out_of_jurisdiction', 'inappropriate', 'other'] as const;
export type ReportRejectReason = (typeof REPORT_REJECT_REASONS)[number];
export const REPORT_REJECT_REASON_LABELS: Record<ReportRejectReason, string> = {
  not_a_problem: '不属于问题',
  insufficient_info: '信息不全',
  out_of_jurisdiction: '不在管辖范围',
  inappropriate: '内容不当',
  other: '其他',
};

export const REPORT_EVENT_TYPES = ['created', 'witnessed', 'accepted', 'rejected', 'duplicate', 'dispatched', 'resolved', 'reopened', 'flagged', 'points_reversed'] as const;
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];
export const REPORT_EVENT_LABELS: Record<ReportEventType, string> = {
  created: '提交上报',
  witnessed: '有人也看到了',
  accepted: '采纳',
  rejected: '不采纳',
  duplicate: '标记为重复',
  dispatched: '派单',
  resolved: '办结',
  reopened: '重新打开',
  flagged: '内容待人工复核',
  points_reversed: '积分撤销',
};

export const REPORT_ERROR_CODES = [
  'report_not_found',
  'category_not_found',
  'category_key_taken',
  'department_not_found',
  'department_name_taken',
  'points_out_of_range',
  'idempotency_key_required',
  'outside_service_area',
  'cannot_witness_own_report',
  'report_not_open',
  'own_report',
] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

export interface ReportCategoryResponse {
  id: number;
  key: string;
  label: string;
  pointsMin: number;
  pointsMax: number;
  acceptHours: number;
  resolveHours: number;
  sortOrder: number;
  active: boolean;
}
export interface ReportCategoriesResponse {
  items: ReportCategoryResponse[];
  /** The subscribe-message template for status changes; null when the server has none configured. */
  subscribeTemplateId: string | null;
}
export interface CreateReportCategoryRequest {
  key: string;
  label: string;
  pointsMin: number;
  pointsMax: number;
  acceptHours?: number;
  resolveHours?: number;
  sortOrder?: number;
}
export interface UpdateReportCategoryRequest {
  label?: string;
  pointsMin?: number;
  pointsMax?: number;
  acceptHours?: number;
  resolveHours?: number;
  sortOrder?: number;
  active?: boolean;
}

export interface DepartmentResponse {
  id: number;
  name: string;
  phone: string | null;
  active: boolean;
}
export interface CreateDepartmentRequest {
  name: string;
  phone?: string | null;
}
export interface UpdateDepartmentRequest {
  name?: string;
  phone?: string | null;
  active?: boolean;
}

export interface CreateReportRequest {
  category: string;
  description: string;
  lat: number;
  lng: number;
  mediaIds: number[];
  stationId?: number;
}

export interface ReportEventResponse {
  id: number;
  type: ReportEventType;
  actor: { id: number; nickname: string; role: 'worker' | 'staff' | 'admin' } | null;
  note: string | null;
  points: number | null;
  reason: ReportRejectReason | null;
  departmentName: string | null;
  ofReportId: number | null;
  photos: MediaResponse[];
  createdAt: string;
}

export interface ReportSummaryResponse {
  id: number;
  category: string;
  categoryLabel: string;
  description: string;
  status: ReportStatus;
  statusGroup: ReportStatusGroup;
  lat: number;
  lng: number;
  areaId: number;
  areaName: string;
  priority: number;
  witnessCount: number;
  pointsAwarded: number;
  overdue: boolean;
  /** Hidden from other users until staff review it (content security flagged the text or a photo). */
  flagged: boolean;
  thumbUrl: string | null;
  createdAt: string;
  acceptDueAt: string;
  resolveDueAt: string;
}

export interface ReportDetailResponse extends ReportSummaryResponse {
  reporter: { id: number; nickname: string } | null;
  photos: MediaResponse[];
  resolutionPhotos: MediaResponse[];
  department: DepartmentResponse | null;
  duplicateOfId: number | null;
  stationId: number | null;
  actions: ReportAction[];
  timeline: ReportEventResponse[];
}

export interface NearbyReportResponse {
  id: number;
  category: string;
  description: string;
  status: ReportStatus;
  lat: number;
  lng: number;
  distanceM: number;
  witnessCount: number;
  createdAt: string;
}

export interface ReportPageResponse {
  items: ReportSummaryResponse[];
  nextCursor: string | null;
}

export interface AcceptReportRequest {
  points: number;
  note?: string;
}
export interface RejectReportRequest {
  reason: ReportRejectReason;
  note?: string;
}
export interface DuplicateReportRequest {
  ofReportId: number;
  note?: string;
}
export interface DispatchReportRequest {
  departmentId: number;
  note?: string;
}
export interface ResolveReportRequest {
  note: string;
  mediaIds?: number[];
}
export interface ReopenReportRequest {
  note: string;
}
/** What each staff action takes. */
export interface ReportActionRequests {
  accept: AcceptReportRequest;
  reject: RejectReportRequest;
  duplicate: DuplicateReportRequest;
  dispatch: DispatchReportRequest;
  resolve: ResolveReportRequest;
  reopen: ReopenReportRequest;
}

/** 我也看到: where the user is now (GCJ-02); only a report the nearby list would show them there can be confirmed. */
export interface WitnessReportRequest {
  lat: number;
  lng: number;
}

export const MESSAGE_KINDS = ['report_status'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export interface MessageResponse {
  id: number;
  kind: MessageKind;
  title: string;
  body: string;
  reportId: number | null;
  read: boolean;
  createdAt: string;
}
export interface MessagePageResponse {
  items: MessageResponse[];
  unread: number;
  nextCursor: string | null;
}
export interface SubscribeConsentRequest {
  templateId: string;
  /** What Taro.requestSubscribeMessage answered for the template. */
  result: 'accept' | 'reject';
}

/** Cursor-paged lists (my reports, messages). */
export interface CursorParams {
  cursor?: string;
}

/** GET /api/reports/nearby */
export interface NearbyReportsParams {
  lat: number;
  lng: number;
  category: string;
}

/** GET /api/reports (staff queue) */
export interface ListReportsParams extends CursorParams {
  /** A status key, or a group: open, fixed, closed. */
  status?: ReportStatus | ReportStatusGroup;
  category?: string;
  areaId?: number;
  overdue?: boolean;
  /** Only reports content security flagged. */
  flagged?: boolean;
}

/** GET /api/dashboard/reports */
export interface ReportDashboardParams {
  areaId?: number;
  /** ISO date or time; 30 days ago when omitted. */
  from?: string;
  /** ISO date or time; now when omitted. */
  to?: string;
}
