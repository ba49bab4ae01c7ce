import {
  actionsAvailable,
  DepartmentResponse,
  MediaResponse,
  NearbyReportResponse,
  REPORT_STATUS_DEADLINE,
  REPORT_STATUS_GROUP,
  ReportDetailResponse,
  ReportEventResponse,
  ReportSummaryResponse,
} from '@xjy/shared';
import type { User } from '../users/user.entity';
import type { ReportEvent } from './report-event.entity';
import type { Report } from './report.entity';

/** Overdue: still waiting for review past its accept deadline, or accepted but unresolved past its resolve deadline. */
export function isOverdue(r: Pick<Report, 'status' | 'acceptDueAt' | 'resolveDueAt'>, now: Date): boolean {
  const deadline = REPORT_STATUS_DEADLINE[r.status];
  if (deadline === 'accept') return r.acceptDueAt < now;
  if (deadline === 'resolve') return r.resolveDueAt < now;
  return false;
}

export interface SummaryContext {
  categoryKey: string;
  categoryLabel: string;
  areaName: string;
  thumbUrl: string | null;
  now: Date;
}

export function mapReportSummary(r: Report, c: SummaryContext): ReportSummaryResponse {
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
  };
}

type Actor = Pick<User, 'id' | 'nickname' | 'role'>;

/** Staff actors are named; of workers only the reporter is (a witness stays anonymous to the reporter). */
export function mapReportEvent(e: ReportEvent, actor: Actor | undefined, reporterId: number, departments: Map<number, DepartmentResponse>, photos: MediaResponse[]): ReportEventResponse {
  const shown = actor && (actor.role !== 'worker' || actor.id === reporterId) ? { id: actor.id, nickname: actor.nickname, role: actor.role } : null;
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
    canAct: boolean;
    timeline: ReportEventResponse[];
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
    actions: extra.canAct ? actionsAvailable(r.status) : [],
    timeline: extra.timeline,
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
