import type { ReportDetailResponse, ReportStatus } from '@xjy/shared/report';

// Provisional until helper/loop's shared types land: the closed-loop fields of a report as the contract names them.
export interface LoopFields {
  stageDeadlineAt: string | null;
  reworkCount: number;
  extensionCount: number;
  outcome: 'fixed' | 'not_fixable' | 'not_responsible' | null;
  reporterFixed: boolean | null;
  rating: 'satisfied' | 'basic' | 'unsatisfied' | null;
  ratingNote: string | null;
  pendingRequest: 'extension' | 'deferral' | null;
  pendingHours: number | null;
  pendingReason: string | null;
  escalationLevel: number;
}
export type LoopReport = ReportDetailResponse & Partial<LoopFields>;
type AnyStatus = ReportStatus | 'handling' | 'verifying' | 'deferred' | 'closed' | 'withdrawn';

/** The seven stages of 数字城管 case handling, as the reporter follows them. */
export const LOOP_STAGES = ['信息采集', '案卷建立', '任务派遣', '任务处置', '处理反馈', '核查结案', '综合评价'] as const;

export type StepState = 'done' | 'current' | 'todo';
export interface LoopStep {
  title: string;
  state: StepState;
}

/** How many stages are behind a case in this status (the next one is where it stands). */
function stagesDone(status: AnyStatus, rated: boolean): number {
  switch (status) {
    case 'submitted':
      return 1;
    case 'accepted':
      return 2;
    case 'dispatched':
    case 'handling':
    case 'deferred':
      return 3;
    case 'verifying':
      return 5;
    case 'resolved':
    case 'closed':
      return rated ? 7 : 6;
    default:
      return 1;
  }
}

/** Cases that ended before being filed (not accepted, duplicate, withdrawn) stop after 信息采集. */
export function endedEarly(status: AnyStatus): boolean {
  return status === 'rejected' || status === 'duplicate' || status === 'withdrawn';
}

export function loopSteps(r: LoopReport): LoopStep[] {
  const status = r.status as AnyStatus;
  const done = stagesDone(status, Boolean(r.rating));
  return LOOP_STAGES.map((title, i) => ({
    title,
    state: i < done ? 'done' : i === done && !endedEarly(status) ? 'current' : 'todo',
  }));
}

/** Who has the case in hand now, in the reporter's words; null once nobody does. */
export function caseHolder(r: LoopReport): string | null {
  const status = r.status as AnyStatus;
  if (status === 'submitted' || status === 'accepted') return `${r.areaName} 工作人员`;
  if (status === 'dispatched' || status === 'handling' || status === 'deferred') return r.department?.name ?? '承办部门';
  if (status === 'verifying') return `${r.areaName} 工作人员（核查）`;
  return null;
}

/** The deadline now running: the stage's own, or the accept deadline while the report waits for review. */
export function currentDeadline(r: LoopReport): string | null {
  if (r.stageDeadlineAt) return r.stageDeadlineAt;
  const status = r.status as AnyStatus;
  if (status === 'submitted') return r.acceptDueAt;
  if (status === 'accepted') return r.resolveDueAt;
  // Older answers without a stage deadline: the resolve deadline runs until there is an outcome.
  if (r.stageDeadlineAt === undefined && status === 'dispatched') return r.resolveDueAt;
  return null;
}

export const RATING_OPTIONS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
] as const;

export const CLOSE_OUTCOMES = [
  { value: 'not_fixable', label: '无法解决' },
  { value: 'not_responsible', label: '非本部门职责' },
] as const;
