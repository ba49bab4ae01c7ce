import type { Role } from './enums.js';
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

/**
 * Stable status keys; labels are display text; each key belongs to one group and code asks for groups.
 * The closed loop (一办到底): submitted 待审核 → accepted 已立案 → dispatched 待签收 (a department holds it; sign
 * deadline) → handling 处置中 (signed; handle deadline; rework returns here) → verifying 待核查 (the department reported
 * it handled; staff check) → resolved 已办结 (closed as fixed). Also deferred 缓办 (no deadline runs), closed
 * 已结案(未解决) with an outcome, rejected, duplicate, withdrawn (the reporter withdrew before acceptance).
 * A department's return is no status: the case goes back to accepted for staff to dispatch again.
 */
export const REPORT_STATUSES = [
  'submitted',
  'accepted',
  'dispatched',
  'resolved',
  'rejected',
  'duplicate',
  'handling',
  'verifying',
  'deferred',
  'closed',
  'withdrawn',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: '待审核',
  accepted: '已采纳',
  dispatched: '待签收',
  resolved: '已办结',
  rejected: '未采纳',
  duplicate: '重复上报',
  handling: '处置中',
  verifying: '待核查',
  deferred: '缓办',
  closed: '已结案(未解决)',
  withdrawn: '已撤回',
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
  handling: 'open',
  verifying: 'open',
  deferred: 'open',
  closed: 'closed',
  withdrawn: 'closed',
};
export function reportStatusesIn(...groups: ReportStatusGroup[]): ReportStatus[] {
  return REPORT_STATUSES.filter((s) => groups.includes(REPORT_STATUS_GROUP[s]));
}
/** A report has an outcome (the closed loop is closed) once it is fixed or closed. */
export function isReportFinished(status: ReportStatus): boolean {
  return REPORT_STATUS_GROUP[status] !== 'open';
}
/** The statuses in which a department holds the case (its department_id names the holder). */
export const REPORT_DEPARTMENT_STATUSES: readonly ReportStatus[] = ['dispatched', 'handling', 'verifying', 'deferred'];

/** How a closed case ended: fixed (resolved), or an honest end state that is never counted as fixed. */
export const REPORT_OUTCOMES = ['fixed', 'not_fixable', 'not_responsible'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const REPORT_OUTCOME_LABELS: Record<ReportOutcome, string> = {
  fixed: '已解决',
  not_fixable: '无法解决',
  not_responsible: '不属于职责范围',
};
/** The outcomes staff may close a case with (fixed comes only from verification or resolve). */
export const REPORT_CLOSE_OUTCOMES = ['not_fixable', 'not_responsible'] as const;
export type ReportCloseOutcome = (typeof REPORT_CLOSE_OUTCOMES)[number];

/** 综合评价: the reporter's rating after closure; satisfied and basic count as satisfied in 满意率. */
export const REPORT_RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type ReportRating = (typeof REPORT_RATINGS)[number];
export const REPORT_RATING_LABELS: Record<ReportRating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

/** A department's pending ask, decided by staff. */
export const REPORT_PENDING_REQUESTS = ['extension', 'deferral'] as const;
export type ReportPendingRequest = (typeof REPORT_PENDING_REQUESTS)[number];
export const REPORT_PENDING_REQUEST_LABELS: Record<ReportPendingRequest, string> = { extension: '延期申请', deferral: '缓办申请' };

/**
 * Which deadline runs while a report waits in a status: accept until it is reviewed, resolve while staff hold an
 * accepted case, then the department stages (sign, handle) and staff verification; none while deferred or once it
 * has an outcome. Code asks for these, not status lists.
 */
export const REPORT_DEADLINES = ['accept', 'resolve', 'sign', 'handle', 'verify'] as const;
export type ReportDeadline = (typeof REPORT_DEADLINES)[number];
export const REPORT_DEADLINE_LABELS: Record<ReportDeadline, string> = {
  accept: '审核立案',
  resolve: '派遣处理',
  sign: '签收',
  handle: '处置',
  verify: '核查结案',
};
export const REPORT_STATUS_DEADLINE: Record<ReportStatus, ReportDeadline | null> = {
  submitted: 'accept',
  accepted: 'resolve',
  dispatched: 'sign',
  resolved: null,
  rejected: null,
  duplicate: null,
  handling: 'handle',
  verifying: 'verify',
  deferred: null,
  closed: null,
  withdrawn: null,
};
/** Where each deadline is kept on the report: the two review deadlines have their own columns; a stage's in stageDeadlineAt. */
export const REPORT_DEADLINE_FIELD: Record<ReportDeadline, 'acceptDueAt' | 'resolveDueAt' | 'stageDeadlineAt'> = {
  accept: 'acceptDueAt',
  resolve: 'resolveDueAt',
  sign: 'stageDeadlineAt',
  handle: 'stageDeadlineAt',
  verify: 'stageDeadlineAt',
};
export function reportStatusesDue(deadline: ReportDeadline): ReportStatus[] {
  return REPORT_STATUSES.filter((s) => REPORT_STATUS_DEADLINE[s] === deadline);
}
/** Defaults for a category's department stages (hours); accept and resolve defaults are above. */
export const REPORT_SIGN_HOURS_DEFAULT = 4;
export const REPORT_VERIFY_HOURS_DEFAULT = 24;
/** An extension asks for at most this many hours at a time. */
export const REPORT_EXTENSION_HOURS_MAX = 30 * 24;
/** A reporter's follow-up photo must be taken this close to the report's point. */
export const REPORT_FOLLOW_UP_RADIUS_M = 100;
/** 督办: an overdue case is raised one area level up; still overdue this many hours later, one more. */
export const REPORT_ESCALATION_REPEAT_HOURS = 24;
/** The highest escalation level: 1 = the street above the community, 2 = the district. */
export const REPORT_ESCALATION_LEVEL_MAX = 2;

/** Who takes an action: staff in scope, the department holding the case, the reporter, or the server itself. */
export const REPORT_ACTORS = ['staff', 'department', 'reporter', 'system'] as const;
export type ReportActor = (typeof REPORT_ACTORS)[number];

export const REPORT_ACTIONS = [
  'accept',
  'reject',
  'duplicate',
  'dispatch',
  'resolve',
  'reopen',
  // department
  'sign',
  'return',
  'handled',
  'request_extension',
  'request_deferral',
  // staff: verification and decisions on requests
  'verify',
  'rework',
  'close',
  'approve_extension',
  'refuse_extension',
  'approve_deferral',
  'refuse_deferral',
  'resume',
  // reporter
  'confirm',
  'rate',
  'supplement',
  'withdraw',
  // server
  'escalate',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
/** The staff review actions that predate the closed loop (the review service's own). */
export const REVIEW_ACTIONS = ['accept', 'reject', 'duplicate', 'dispatch', 'resolve', 'reopen'] as const satisfies readonly ReportAction[];
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface ReportTransition {
  /** Who may take it. */
  actor: ReportActor;
  /** The statuses the action may start from. */
  from: readonly ReportStatus[];
  /** Where it leads; null: the status stays (a request, a note, a rating). */
  to: ReportStatus | null;
  /** The timeline event it writes. */
  event: ReportEventType;
  /** The title of the message the reporter gets; null: the reporter gets none. */
  notice: string | null;
  /** A first decision on the report (stamps reviewedAt once). */
  reviews: boolean;
  /** What happens to the reporter's points for this report. */
  points: 'award' | 'reverse' | null;
}
const OPEN_STATUSES = ['submitted', 'accepted', 'dispatched', 'handling', 'verifying', 'deferred'] as const;
const IN_HAND_STATUSES = ['accepted', 'dispatched', 'handling', 'verifying', 'deferred'] as const;
const t = (actor: ReportActor, from: readonly ReportStatus[], to: ReportStatus | null, event: ReportEventType, notice: string | null, more: Partial<ReportTransition> = {}): ReportTransition => ({
  actor,
  from,
  to,
  event,
  notice,
  reviews: false,
  points: null,
  ...more,
});
/** The state machine: who takes each action, from which statuses, where it leads and what it records. */
export const REPORT_TRANSITIONS: Record<ReportAction, ReportTransition> = {
  accept: t('staff', ['submitted'], 'accepted', 'accepted', '你的随手拍已被采纳', { reviews: true, points: 'award' }),
  reject: t('staff', ['submitted'], 'rejected', 'rejected', '你的随手拍未被采纳', { reviews: true, points: 'reverse' }),
  // A case later ruled a duplicate gives its points back (points stay exactly once, for the original).
  duplicate: t('staff', ['submitted'], 'duplicate', 'duplicate', '你的随手拍与已有上报重复', { reviews: true, points: 'reverse' }),
  dispatch: t('staff', ['accepted', 'dispatched'], 'dispatched', 'dispatched', '你的随手拍已派单处理'),
  resolve: t('staff', ['accepted', 'dispatched'], 'resolved', 'resolved', '你的随手拍已办结'),
  reopen: t('staff', ['resolved', 'rejected', 'duplicate', 'closed'], 'submitted', 'reopened', '你的随手拍已重新打开'),
  sign: t('department', ['dispatched'], 'handling', 'signed', '你的随手拍已由处置部门签收'),
  return: t('department', ['dispatched'], 'accepted', 'returned', null),
  handled: t('department', ['handling'], 'verifying', 'handled', null),
  request_extension: t('department', ['handling'], null, 'extension_requested', null),
  request_deferral: t('department', ['handling'], null, 'deferral_requested', null),
  verify: t('staff', ['verifying'], 'resolved', 'verified', '你的随手拍已办结'),
  rework: t('staff', ['verifying'], 'handling', 'rework', null),
  close: t('staff', IN_HAND_STATUSES, 'closed', 'closed', '你的随手拍已结案'),
  approve_extension: t('staff', ['handling'], null, 'extension_approved', null),
  refuse_extension: t('staff', ['handling'], null, 'extension_refused', null),
  approve_deferral: t('staff', ['handling'], 'deferred', 'deferral_approved', '你的随手拍暂缓办理'),
  refuse_deferral: t('staff', ['handling'], null, 'deferral_refused', null),
  resume: t('staff', ['deferred'], 'handling', 'resumed', '你的随手拍恢复办理'),
  // Not fixed or 不满意 sends the case back to staff review (verifying when a department handled it, else accepted).
  confirm: t('reporter', ['resolved', 'closed'], null, 'confirmed', null),
  rate: t('reporter', ['resolved', 'closed'], null, 'rated', null),
  supplement: t('reporter', OPEN_STATUSES, null, 'supplemented', null),
  withdraw: t('reporter', ['submitted'], 'withdrawn', 'withdrawn', null),
  escalate: t('system', OPEN_STATUSES, null, 'escalated', null),
};
export function canTransition(action: ReportAction, from: ReportStatus): boolean {
  return REPORT_TRANSITIONS[action].from.includes(from);
}
/** The actions an actor may take on a report in a status (staff by default: the review queue's buttons). */
export function actionsAvailable(status: ReportStatus, actor: ReportActor = 'staff'): ReportAction[] {
  return REPORT_ACTIONS.filter((a) => REPORT_TRANSITIONS[a].actor === actor && canTransition(a, status));
}
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  accept: '采纳',
  reject: '不采纳',
  duplicate: '标记重复',
  dispatch: '派单',
  resolve: '办结',
  reopen: '重新打开',
  sign: '签收',
  return: '退回',
  handled: '处置反馈',
  request_extension: '申请延期',
  request_deferral: '申请缓办',
  verify: '核查通过',
  rework: '返工',
  close: '结案',
  approve_extension: '批准延期',
  refuse_extension: '驳回延期',
  approve_deferral: '批准缓办',
  refuse_deferral: '驳回缓办',
  resume: '恢复办理',
  confirm: '确认结果',
  rate: '评价',
  supplement: '补充信息',
  withdraw: '撤回',
  escalate: '督办',
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

export const REPORT_EVENT_TYPES = [
  'created',
  'witnessed',
  'accepted',
  'rejected',
  'duplicate',
  'dispatched',
  'resolved',
  'reopened',
  'flagged',
  'points_reversed',
  'signed',
  'returned',
  'handled',
  'verified',
  'rework',
  'extension_requested',
  'extension_approved',
  'extension_refused',
  'deferral_requested',
  'deferral_approved',
  'deferral_refused',
  'resumed',
  'closed',
  'confirmed',
  'rated',
  'supplemented',
  'withdrawn',
  'escalated',
] as const;
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
  signed: '部门签收',
  returned: '部门退回',
  handled: '处置反馈',
  verified: '核查通过',
  rework: '核查不通过，返工',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_refused: '驳回延期',
  deferral_requested: '申请缓办',
  deferral_approved: '批准缓办',
  deferral_refused: '驳回缓办',
  resumed: '恢复办理',
  closed: '结案(未解决)',
  confirmed: '上报人确认结果',
  rated: '上报人评价',
  supplemented: '上报人补充信息',
  withdrawn: '上报人撤回',
  escalated: '超时督办',
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
  'not_department_case',
  'no_department',
  'request_pending',
  'no_pending_request',
  'report_not_finished',
  'already_rated',
  'already_confirmed',
  'follow_up_location_required',
  'follow_up_too_far',
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
  /** Hours a department has to sign for (签收) or return a dispatched case. */
  signHours: number;
  /** Hours staff have to verify (核查) a case the department reported handled. */
  verifyHours: number;
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
  signHours?: number;
  verifyHours?: number;
  sortOrder?: number;
}
export interface UpdateReportCategoryRequest {
  label?: string;
  pointsMin?: number;
  pointsMax?: number;
  acceptHours?: number;
  resolveHours?: number;
  signHours?: number;
  verifyHours?: number;
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
  actor: { id: number; nickname: string; role: Role } | null;
  /** The status the report was in after the event (null on events recorded before the closed loop). */
  status: ReportStatus | null;
  /** The deadline the event started (a dispatch's sign deadline, a signing's handle deadline …), if any. */
  dueAt: string | null;
  /** The step ended after the deadline it ran under (a late signing, a late handling …). */
  late: boolean;
  outcome: ReportOutcome | null;
  rating: ReportRating | null;
  /** extension_requested / extension_approved: hours asked or granted. */
  hours: number | null;
  /** confirmed: whether the reporter found it fixed. */
  fixed: boolean | null;
  /** escalated: the level reached and the area raised to. */
  escalationLevel: number | null;
  escalatedToName: string | null;
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
  /** The current department stage's deadline (sign, handle, verify); null when none runs. */
  stageDeadlineAt: string | null;
  /** 0 = not escalated; 1 = raised to the street, 2 = to the district. */
  escalationLevel: number;
}

/** One of the seven stages as the reporter and staff see it (信息采集 … 综合评价). */
export const REPORT_STAGES = ['report', 'file', 'dispatch', 'handle', 'feedback', 'verify', 'evaluate'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];
export const REPORT_STAGE_LABELS: Record<ReportStage, string> = {
  report: '信息采集',
  file: '案卷建立',
  dispatch: '任务派遣',
  handle: '任务处置',
  feedback: '处理反馈',
  verify: '核查结案',
  evaluate: '综合评价',
};
export interface ReportStageResponse {
  stage: ReportStage;
  label: string;
  /** done: passed; current: the case is in it; pending: not reached (or skipped). */
  state: 'done' | 'current' | 'pending';
  startedAt: string | null;
  endedAt: string | null;
  /** The deadline this stage ran (or runs) under, if any. */
  dueAt: string | null;
  /** Past its deadline: ended late, or still running past it. */
  overdue: boolean;
}
/** Who holds the case now: a department, or staff (社区); none once it has an outcome. */
export interface ReportHolderResponse {
  kind: 'department' | 'staff';
  /** The department's name, or 社区 for staff. */
  name: string;
  departmentId: number | null;
}

export interface ReportDetailResponse extends ReportSummaryResponse {
  reporter: { id: number; nickname: string } | null;
  photos: MediaResponse[];
  resolutionPhotos: MediaResponse[];
  department: DepartmentResponse | null;
  duplicateOfId: number | null;
  stationId: number | null;
  /** What the caller may do now as staff in scope, or as the department holding the case. */
  actions: ReportAction[];
  /** What the caller may do now as the reporter (supplement, withdraw, confirm, rate); empty for anyone else. */
  reporterActions: ReportAction[];
  timeline: ReportEventResponse[];
  /** The seven stages with their times and deadlines. */
  stages: ReportStageResponse[];
  holder: ReportHolderResponse | null;
  /** The deadline running now (the current stage's), or null. */
  currentDeadline: { kind: ReportDeadline; label: string; dueAt: string; overdue: boolean } | null;
  outcome: ReportOutcome | null;
  closedAt: string | null;
  reworkCount: number;
  extensionCount: number;
  pendingRequest: { kind: ReportPendingRequest; hours: number | null; reason: string } | null;
  reporterFixed: boolean | null;
  rating: ReportRating | null;
  ratingNote: string | null;
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
/** 签收 (a note is optional). */
export interface SignReportRequest {
  note?: string;
}
/** 退回: the department sends a dispatched case back to staff, with the reason. */
export interface ReturnReportRequest {
  reason: string;
}
/** 处置反馈: what was done, with photos of it (uploaded through POST /api/media by the caller). */
export interface HandledReportRequest {
  note: string;
  mediaIds?: number[];
}
/** 延期: more hours on the handle deadline, approved by staff. */
export interface ExtensionReportRequest {
  hours: number;
  reason: string;
}
/** 缓办: postponed handling (no deadline runs), approved by staff. */
export interface DeferralReportRequest {
  reason: string;
}
/** 核查: pass closes the case as fixed; fail sends it back to the department as rework (返工). */
export interface VerifyReportRequest {
  pass: boolean;
  note?: string;
}
/** An honest end state: closed, not fixed (never counted as fixed). */
export interface CloseReportRequest {
  outcome: ReportCloseOutcome;
  reason: string;
}
export interface ApproveRequestRequest {
  note?: string;
}
export interface RefuseRequestRequest {
  note: string;
}
export interface ResumeReportRequest {
  note?: string;
}
/**
 * The reporter's confirmation after closure. A follow-up photo needs the place it was taken (GCJ-02): it must lie
 * within 100 m of the report's point. Not fixed sends the case back to staff review.
 */
export interface ConfirmReportRequest {
  fixed: boolean;
  mediaIds?: number[];
  lat?: number;
  lng?: number;
  note?: string;
}
/** 综合评价, once; 不满意 sends the case back to staff review. */
export interface RateReportRequest {
  rating: ReportRating;
  note?: string;
}
/** More information while the case is open. */
export interface SupplementReportRequest {
  text: string;
  mediaIds?: number[];
}
export interface WithdrawReportRequest {
  note?: string;
}
/** The server's own 督办 step (no route). */
export interface EscalateReportRequest {
  level: number;
  areaId: number;
  areaPath: string;
  areaName: string;
  note?: string;
}
/** What each action takes. */
export interface ReportActionRequests {
  accept: AcceptReportRequest;
  reject: RejectReportRequest;
  duplicate: DuplicateReportRequest;
  dispatch: DispatchReportRequest;
  resolve: ResolveReportRequest;
  reopen: ReopenReportRequest;
  sign: SignReportRequest;
  return: ReturnReportRequest;
  handled: HandledReportRequest;
  request_extension: ExtensionReportRequest;
  request_deferral: DeferralReportRequest;
  verify: VerifyReportRequest;
  rework: VerifyReportRequest;
  close: CloseReportRequest;
  approve_extension: ApproveRequestRequest;
  refuse_extension: RefuseRequestRequest;
  approve_deferral: ApproveRequestRequest;
  refuse_deferral: RefuseRequestRequest;
  resume: ResumeReportRequest;
  confirm: ConfirmReportRequest;
  rate: RateReportRequest;
  supplement: SupplementReportRequest;
  withdraw: WithdrawReportRequest;
  escalate: EscalateReportRequest;
}

/** GET /api/department/cases: the cases dispatched to the caller's department. */
export interface DepartmentCasesParams extends CursorParams {
  /** A status key, or a group: open, fixed, closed. */
  status?: ReportStatus | ReportStatusGroup;
  /** priority when omitted. */
  sort?: ReportQueueSort;
}
export interface DepartmentCasesResponse extends ReportPageResponse {
  department: { id: number; name: string };
}

/** GET /api/escalations: the 督办 queue. */
export interface EscalationParams extends CursorParams {
  /** Only cases escalated at least once in their current stage (default: every overdue case). */
  escalated?: boolean;
}
export interface EscalationItemResponse {
  report: ReportSummaryResponse;
  status: ReportStatus;
  stage: ReportDeadline;
  stageLabel: string;
  dueAt: string;
  hoursOverdue: number;
  holder: ReportHolderResponse;
  escalationLevel: number;
  /** The area the case was raised to (null before the first escalation). */
  escalatedTo: { id: number; name: string } | null;
  escalatedAt: string | null;
}
export interface EscalationPageResponse {
  items: EscalationItemResponse[];
  nextCursor: string | null;
}

/** 我也看到: where the user is now (GCJ-02); only a report the nearby list would show them there can be confirmed. */
export interface WitnessReportRequest {
  lat: number;
  lng: number;
}

export const MESSAGE_KINDS = ['report_status', 'report_escalated'] as const;
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
/**
 * The staff queue's orders: `priority` (most witnessed first, then newest) or `deadline` (the running deadline
 * first, so overdue cases lead; open cases without one, such as deferred ones, last). `deadline` lists open cases only.
 */
export const REPORT_QUEUE_SORTS = ['priority', 'deadline'] as const;
export type ReportQueueSort = (typeof REPORT_QUEUE_SORTS)[number];

export interface ListReportsParams extends CursorParams {
  /** A status key, or a group: open, fixed, closed. */
  status?: ReportStatus | ReportStatusGroup;
  /** priority when omitted. */
  sort?: ReportQueueSort;
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
