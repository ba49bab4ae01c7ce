import {
  DepartmentResponse,
  MediaResponse,
  NearbyReportResponse,
  REPORT_STATUS_GROUP,
  ReportAction,
  ReportDetailResponse,
  ReportEventResponse,
  ReportStageResponse,
  ReportSummaryResponse,
} from '@xjy/shared';
import type { User } from '../users/user.entity';
import type { ReportSummaryRow } from './reports.repository';
import type { ReportEvent } from './report-event.entity';
import type { Report } from './report.entity';
import { deadlineResponse, isOverdue, reportHolder } from './report-stages';

/** Overdue: the deadline of the stage the report is in has passed (accept, resolve, sign, handle or verify). */
export { isOverdue };

export interface SummaryContext {
  categoryKey: string;
  categoryLabel: string;
  areaName: string;
  thumbUrl: string | null;
  now: Date;
}

export function mapReportSummary(r: ReportSummaryRow, c: SummaryContext): ReportSummaryResponse {
  return {
    id: r.id,
    category: c.categoryKey,
    categoryLabel: c.categoryLabel,
    description: r.description,
    status: r.status,
    statusGroup: REPORT_STATUS_GROUP[r.status],
    lat: r.lat,
    lng: r.lng,
    areaId: r.areaId,
    areaName: c.areaName,
    priority: r.priority,
    witnessCount: r.witnessCount,
    pointsAwarded: r.pointsAwarded,
    overdue: isOverdue(r, c.now),
    flagged: r.flaggedAt !== null,
    thumbUrl: c.thumbUrl,
    createdAt: r.createdAt.toISOString(),
    acceptDueAt: r.acceptDueAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
    stageDeadlineAt: r.stageDeadlineAt?.toISOString() ?? null,
    escalationLevel: r.escalationLevel,
  };
}

type Actor = Pick<User, 'id' | 'nickname' | 'role'>;

/** Staff actors are named; of workers only the reporter is (a witness stays anonymous to the reporter). */
export function mapReportEvent(
  e: ReportEvent,
  actor: Actor | undefined,
  reporterId: number,
  departments: Map<number, DepartmentResponse>,
  photos: MediaResponse[],
  areaNames: Map<number, string> = new Map(),
): ReportEventResponse {
  const shown = actor && (actor.role !== 'worker' || actor.id === reporterId) ? { id: actor.id, nickname: actor.nickname, role: actor.role } : null;
  const d = e.data ?? {};
  return {
    id: e.id,
    type: e.type,
    actor: shown,
    note: e.note,
    points: e.data?.points ?? null,
    reason: e.data?.reason ?? null,
    departmentName: e.data?.departmentId ? (departments.get(e.data.departmentId)?.name ?? null) : null,
    ofReportId: e.data?.ofReportId ?? null,
    photos,
    createdAt: e.createdAt.toISOString(),
    status: e.status,
    dueAt: e.dueAt?.toISOString() ?? null,
    late: d.late === true,
    outcome: d.outcome ?? null,
    rating: d.rating ?? null,
    hours: d.hours ?? null,
    fixed: d.fixed ?? null,
    escalationLevel: d.escalationLevel ?? null,
    escalatedToName: e.type === 'escalated' && d.areaId ? (areaNames.get(d.areaId) ?? null) : null,
  };
}

export function mapReportDetail(
  r: Report,
  summary: ReportSummaryResponse,
  extra: {
    reporter: Actor | undefined;
    photos: MediaResponse[];
    resolutionPhotos: MediaResponse[];
    department: DepartmentResponse | null;
    actions: ReportAction[];
    reporterActions: ReportAction[];
    timeline: ReportEventResponse[];
    stages: ReportStageResponse[];
    now: Date;
  },
): ReportDetailResponse {
  return {
    ...summary,
    reporter: extra.reporter ? { id: extra.reporter.id, nickname: extra.reporter.nickname } : null,
    photos: extra.photos,
    resolutionPhotos: extra.resolutionPhotos,
    department: extra.department,
    duplicateOfId: r.duplicateOfId,
    stationId: r.stationId,
    actions: extra.actions,
    reporterActions: extra.reporterActions,
    timeline: extra.timeline,
    stages: extra.stages,
    holder: reportHolder(r, extra.department?.name ?? null),
    currentDeadline: deadlineResponse(r, extra.now),
    outcome: r.outcome,
    closedAt: r.closedAt?.toISOString() ?? null,
    reworkCount: r.reworkCount,
    extensionCount: r.extensionCount,
    pendingRequest: r.pendingRequest ? { kind: r.pendingRequest, hours: r.pendingHours, reason: r.pendingReason ?? '' } : null,
    reporterFixed: r.reporterFixed,
    rating: r.rating,
    ratingNote: r.ratingNote,
    escalationLevel: r.escalationLevel,
  };
}

export function mapNearby(r: Report, categoryKey: string, distanceM: number): NearbyReportResponse {
  return {
    id: r.id,
    category: categoryKey,
    description: r.description,
    status: r.status,
    lat: r.lat,
    lng: r.lng,
    distanceM: Math.round(distanceM),
    witnessCount: r.witnessCount,
    createdAt: r.createdAt.toISOString(),
  };
}
