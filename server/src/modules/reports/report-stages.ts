import {
  actionsAvailable,
  isReportFinished,
  REPORT_DEADLINE_FIELD,
  REPORT_DEADLINE_LABELS,
  REPORT_DEPARTMENT_STATUSES,
  REPORT_STAGE_LABELS,
  REPORT_STAGES,
  REPORT_STATUS_DEADLINE,
  ReportAction,
  ReportActor,
  ReportDetailResponse,
  ReportEventType,
  ReportHolderResponse,
  ReportStage,
  ReportStageResponse,
  ReportStatus,
} from '@xjy/shared';
import type { ReportEvent } from './report-event.entity';
import type { Report } from './report.entity';

type DeadlineFields = Pick<Report, 'status' | 'acceptDueAt' | 'resolveDueAt' | 'stageDeadlineAt'>;

/** The deadline running now, or null (deferred, finished, or a stage without one recorded). */
export function currentDeadline(r: DeadlineFields): { kind: NonNullable<(typeof REPORT_STATUS_DEADLINE)[ReportStatus]>; dueAt: Date } | null {
  const kind = REPORT_STATUS_DEADLINE[r.status];
  if (!kind) return null;
  const dueAt = r[REPORT_DEADLINE_FIELD[kind]];
  return dueAt ? { kind, dueAt } : null;
}

/** Overdue: the deadline of the stage the report is in has passed. */
export function isOverdue(r: DeadlineFields, now: Date): boolean {
  const d = currentDeadline(r);
  return d !== null && d.dueAt < now;
}

/** The stage each status sits in (a finished report sits in evaluation, or nowhere when it was never filed). */
const STAGE_OF: Record<ReportStatus, ReportStage | null> = {
  submitted: 'file',
  accepted: 'dispatch',
  dispatched: 'dispatch',
  handling: 'handle',
  deferred: 'handle',
  verifying: 'verify',
  resolved: 'evaluate',
  closed: 'evaluate',
  rejected: null,
  duplicate: null,
  withdrawn: null,
};

function last(events: ReportEvent[], ...types: ReportEventType[]): ReportEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (types.includes(events[i].type)) return events[i];
  return undefined;
}
const dueOf = (e: ReportEvent | undefined) => e?.dueAt ?? null;

/** The seven stages with when each started and ended and the deadline it ran under, from the report and its timeline. */
export function reportStages(r: Report, events: ReportEvent[], now: Date): ReportStageResponse[] {
  const here = STAGE_OF[r.status];
  const at = here ? REPORT_STAGES.indexOf(here) : -1;
  const filed = last(events, 'accepted', 'rejected', 'duplicate', 'withdrawn');
  const dispatched = last(events, 'dispatched');
  const signed = last(events, 'signed', 'rework', 'resumed');
  const handled = last(events, 'handled');
  const verifiedAt = last(events, 'verified', 'rework', 'closed', 'resolved');
  const handleDue = last(events, 'signed', 'rework', 'resumed', 'extension_approved');
  const current = here && currentDeadline(r);
  const times: Record<ReportStage, { start: Date | null; end: Date | null; due: Date | null }> = {
    report: { start: r.createdAt, end: r.createdAt, due: null },
    file: { start: r.createdAt, end: filed?.createdAt ?? null, due: r.acceptDueAt },
    dispatch: { start: r.acceptedAt, end: signed?.createdAt ?? (r.outcome ? r.closedAt : null), due: dispatched ? dueOf(dispatched) : r.resolveDueAt },
    handle: { start: signed?.createdAt ?? null, end: handled?.createdAt ?? null, due: dueOf(handleDue) },
    feedback: { start: handled?.createdAt ?? null, end: handled?.createdAt ?? null, due: null },
    verify: { start: handled?.createdAt ?? null, end: verifiedAt && handled && verifiedAt.id > handled.id ? verifiedAt.createdAt : null, due: dueOf(handled) },
    evaluate: { start: r.closedAt, end: r.ratedAt, due: null },
  };
  return REPORT_STAGES.map((stage, i) => {
    // 综合评价 ends when the reporter has rated the closed case: the loop is then done end to end.
    const rated = stage === 'evaluate' && r.ratedAt !== null;
    const state: ReportStageResponse['state'] = at < 0 ? (i <= 1 && filed ? 'done' : i === 0 ? 'done' : 'pending') : i < at || rated ? 'done' : i === at ? 'current' : 'pending';
    const t = times[stage];
    // The running stage's deadline is the report's own (it moves with an approved extension).
    const due = state === 'current' && current ? current.dueAt : t.due;
    const end = state === 'current' ? null : state === 'done' ? t.end : null;
    const overdue = due !== null && (state === 'current' ? due < now : state === 'done' && end !== null && end > due);
    return {
      stage,
      label: REPORT_STAGE_LABELS[stage],
      state,
      startedAt: state === 'pending' ? null : (t.start?.toISOString() ?? null),
      endedAt: end?.toISOString() ?? null,
      dueAt: state === 'pending' ? null : (due?.toISOString() ?? null),
      overdue,
    };
  });
}

/** Who holds the case: the department in its stages, else staff (社区); nobody once it has an outcome. */
export function reportHolder(r: Pick<Report, 'status' | 'departmentId'>, departmentName: string | null): ReportHolderResponse | null {
  if (isReportFinished(r.status)) return null;
  if (REPORT_DEPARTMENT_STATUSES.includes(r.status) && r.departmentId !== null) return { kind: 'department', name: departmentName ?? '处置部门', departmentId: r.departmentId };
  return { kind: 'staff', name: '社区', departmentId: null };
}

/** The actions an actor may take now, after the table, narrowed by what the report holds (a pending ask, a rating). */
export function actionsFor(r: Report, actor: ReportActor): ReportAction[] {
  return actionsAvailable(r.status, actor).filter((a) => {
    switch (a) {
      case 'request_extension':
      case 'request_deferral':
        return r.pendingRequest === null;
      case 'approve_extension':
      case 'refuse_extension':
        return r.pendingRequest === 'extension';
      case 'approve_deferral':
      case 'refuse_deferral':
        return r.pendingRequest === 'deferral';
      case 'rate':
        return r.rating === null;
      case 'confirm':
        return r.reporterFixed === null;
      default:
        return true;
    }
  });
}

export function deadlineResponse(r: Report, now: Date): ReportDetailResponse['currentDeadline'] {
  const d = currentDeadline(r);
  return d ? { kind: d.kind, label: REPORT_DEADLINE_LABELS[d.kind], dueAt: d.dueAt.toISOString(), overdue: d.dueAt < now } : null;
}
