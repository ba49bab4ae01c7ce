import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppMetrics } from '../../common/metrics/metrics';
import { afterCommit } from '../../database/transaction.runner';
import type { ReportStatus } from '@xjy/shared';
import { reportStatusesIn } from '@xjy/shared';
import { Brackets, DataSource, EntityManager, FindOptionsWhere, In, IsNull, LessThan, SelectQueryBuilder } from 'typeorm';
import { StaffScope } from '../users/staff-scope.entity';
import { User } from '../users/user.entity';
import { ReportEvent, ReportEventData } from './report-event.entity';
import { ReportWitness } from './report-witness.entity';
import { Report } from './report.entity';
import { QUEUE_DUE_INPUTS, QUEUE_DUE_NEVER, QUEUE_DUE_SQL, queueDueOf } from './report-queue-due';

export interface ReportFilter {
  /** Non-admin staff: the roots of their scope; null for admin (everything). */
  scopePaths: string[] | null;
  /** A department's queue: only the cases it holds (or last held). */
  departmentId?: number;
  areaPath?: string;
  statuses?: ReportStatus[];
  categoryId?: number;
  overdue?: boolean;
  flagged?: boolean;
  createdFrom?: Date;
  createdTo?: Date;
}

/** The closed-loop columns a new report starts without (the repository fills their defaults). */
type LoopColumns =
  | 'dispatchedById'
  | 'stageDeadlineAt'
  | 'reworkCount'
  | 'extensionCount'
  | 'deferredAt'
  | 'outcome'
  | 'closedAt'
  | 'reporterFixed'
  | 'rating'
  | 'ratingNote'
  | 'ratedAt'
  | 'escalationLevel'
  | 'escalatedAt'
  | 'escalationAreaId'
  | 'escalationPath'
  | 'pendingRequest'
  | 'pendingHours'
  | 'pendingReason'
  | 'queueDueAt';
export type NewReport = Omit<Report, 'id' | 'createdAt' | 'updatedAt' | LoopColumns> & Partial<Pick<Report, LoopColumns>>;
/** A new report's closed-loop columns before any stage has run (test builders start from these too). */
export const LOOP_DEFAULTS: Pick<Report, LoopColumns> = {
  dispatchedById: null,
  stageDeadlineAt: null,
  reworkCount: 0,
  extensionCount: 0,
  deferredAt: null,
  outcome: null,
  closedAt: null,
  reporterFixed: null,
  rating: null,
  ratingNote: null,
  ratedAt: null,
  escalationLevel: 0,
  escalatedAt: null,
  escalationAreaId: null,
  escalationPath: null,
  pendingRequest: null,
  pendingHours: null,
  pendingReason: null,
  queueDueAt: null,
};

/** What a list row shows (ReportQueriesService.summaries) and its cursors need: a page reads these columns only. */
export const SUMMARY_COLUMNS = [
  'id',
  'categoryId',
  'description',
  'status',
  'lat',
  'lng',
  'areaId',
  'priority',
  'witnessCount',
  'pointsAwarded',
  'flaggedAt',
  'createdAt',
  'acceptDueAt',
  'resolveDueAt',
  'stageDeadlineAt',
  'escalationLevel',
  'queueDueAt',
] as const satisfies ReadonlyArray<keyof Report>;
export type ReportSummaryRow = Pick<Report, (typeof SUMMARY_COLUMNS)[number]>;
const SUMMARY_SELECT = SUMMARY_COLUMNS.map((c) => `r.${c}`);

/** Columns a conditional transition also requires to hold their current value (null: IS NULL). */
export type ReportGuard = Partial<Pick<Report, 'departmentId' | 'pendingRequest' | 'rating' | 'reporterFixed' | 'escalationLevel'>>;

export interface NewReportEvent {
  reportId: number;
  type: ReportEvent['type'];
  actorId: number | null;
  note?: string | null;
  data?: ReportEventData | null;
  status?: ReportStatus | null;
  dueAt?: Date | null;
  /** When it happened, on the clock the deadlines run on (the database's time when omitted). */
  createdAt?: Date;
}

const OPEN = reportStatusesIn('open');
/**
 * Past the deadline of the stage it is in (accept, resolve, or a department stage): its queue order key has passed.
 * One range on idx_report_queue_due; an open case without a running deadline sorts at QUEUE_DUE_NEVER, never overdue.
 */
const OVERDUE_SQL = 'r.queueDueAt < :now';
const NOT_OVERDUE_SQL = '(r.queueDueAt IS NULL OR r.queueDueAt >= :now)';
const overdueParams = (now: Date) => ({ now });

@Injectable()
export class ReportsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    // The token is named: a union type carries no class for Nest to resolve.
    @Optional() @Inject(AppMetrics) private readonly metrics: AppMetrics | null = null,
  ) {}

  private get reports() {
    return this.ds.getRepository(Report);
  }

  findById(id: number, m: EntityManager = this.ds.manager): Promise<Report | null> {
    return m.getRepository(Report).findOneBy({ id });
  }

  findByIdempotencyKey(reporterId: number, idempotencyKey: string): Promise<Report | null> {
    return this.reports.findOneBy({ reporterId, idempotencyKey });
  }

  insert(m: EntityManager, fields: NewReport): Promise<Report> {
    const row = { ...LOOP_DEFAULTS, ...fields };
    return m.getRepository(Report).save(m.getRepository(Report).create({ ...row, queueDueAt: queueDueOf(row) }));
  }

  /**
   * The state machine's guard in SQL: changes the report only if it is still in one of `from` (and still matches
   * `guard`: the holding department, no pending ask, no rating yet …); false otherwise.
   */
  async transition(m: EntityManager, id: number, from: readonly ReportStatus[], patch: Partial<Report>, guard: ReportGuard = {}): Promise<boolean> {
    const where: FindOptionsWhere<Report> = { id, status: In([...from]) };
    for (const [k, v] of Object.entries(guard)) (where as Record<string, unknown>)[k] = v === null ? IsNull() : v;
    const r = await m.getRepository(Report).update(where, patch);
    const changed = (r.affected ?? 0) === 1;
    if (changed) await this.keepQueueDue(m, id, patch);
    return changed;
  }

  async update(m: EntityManager, id: number, patch: Partial<Report>): Promise<void> {
    await m.getRepository(Report).update({ id }, patch);
    await this.keepQueueDue(m, id, patch);
  }

  /**
   * Recomputes the queue's order key from the row once a change touched its status or a deadline (a second UPDATE
   * by primary key in the same transaction: drivers disagree on whether one SET sees another's new value).
   */
  private async keepQueueDue(m: EntityManager, id: number, patch: Partial<Report>): Promise<void> {
    if (!QUEUE_DUE_INPUTS.some((k) => k in patch)) return;
    await m
      .createQueryBuilder()
      .update(Report)
      .set({ queueDueAt: () => QUEUE_DUE_SQL })
      .where('id = :id', { id })
      .setParameter('queueDueNever', QUEUE_DUE_NEVER)
      .updateEntity(false)
      .execute();
  }

  async raisePriority(m: EntityManager, id: number, witnesses: number): Promise<void> {
    await m
      .createQueryBuilder()
      .update(Report)
      .set({ witnessCount: () => `witnessCount + ${witnesses}`, priority: () => 'priority + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Records a witness once; false when this user already witnessed the report. */
  async addWitness(m: EntityManager, reportId: number, userId: number): Promise<boolean> {
    const repo = m.getRepository(ReportWitness);
    if (await repo.existsBy({ reportId, userId })) return false;
    await repo.insert({ reportId, userId });
    return true;
  }

  /** Appends a timeline event (a plain INSERT: events are never updated, so no entity is read back). */
  /** `status`: the report's status after the event; `dueAt`: the deadline of the stage it started. */
  async addEvent(m: EntityManager, e: NewReportEvent): Promise<void> {
    // The timeline is where a report's life is recorded: its business counters are counted here, once committed.
    const counted = e.type === 'created' ? 'report_submitted' : e.type === 'accepted' ? 'report_accepted' : null;
    if (counted && this.metrics) {
      const metrics = this.metrics;
      afterCommit(m, () => metrics.count(counted));
    }
    await m.getRepository(ReportEvent).insert({
      reportId: e.reportId,
      type: e.type,
      actorId: e.actorId,
      note: e.note ?? null,
      data: e.data ?? null,
      status: e.status ?? null,
      dueAt: e.dueAt ?? null,
      ...(e.createdAt ? { createdAt: e.createdAt } : {}),
    });
  }

  findEvents(reportId: number): Promise<ReportEvent[]> {
    return this.ds.getRepository(ReportEvent).find({ where: { reportId }, order: { id: 'ASC' } });
  }

  findUsers(ids: number[]): Promise<Array<Pick<User, 'id' | 'nickname' | 'role'>>> {
    if (!ids.length) return Promise.resolve([]);
    return this.ds.getRepository(User).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, nickname: true, role: true } });
  }

  findMine(reporterId: number, beforeId: number | null, limit: number): Promise<Report[]> {
    return this.reports.find({ where: { reporterId, ...(beforeId ? { id: LessThan(beforeId) } : {}) }, order: { id: 'DESC' }, take: limit });
  }

  /** Open, unflagged reports of a category created since a time inside a box (the caller measures exact distance). */
  findOpenNear(categoryId: number, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, since: Date): Promise<Report[]> {
    return this.reports
      .createQueryBuilder('r')
      .where('r.categoryId = :categoryId', { categoryId })
      .andWhere('r.status IN (:...open)', { open: OPEN })
      .andWhere('r.flaggedAt IS NULL')
      .andWhere('r.createdAt >= :since', { since })
      .andWhere('r.lat BETWEEN :minLat AND :maxLat', box)
      .andWhere('r.lng BETWEEN :minLng AND :maxLng', box)
      .orderBy('r.id', 'DESC')
      .take(50)
      .getMany();
  }

  /** A page of the staff queue, highest priority first, then newest; the cursor is "priority:id" of the last row. */
  findPage(filter: ReportFilter, cursor: { priority: number; id: number } | null, limit: number, now: Date): Promise<ReportSummaryRow[]> {
    const qb = this.filtered(filter, now).select(SUMMARY_SELECT);
    if (cursor) {
      qb.andWhere(new Brackets((w) => w.where('r.priority < :cp', { cp: cursor.priority }).orWhere('r.priority = :cp AND r.id < :cid', { cp: cursor.priority, cid: cursor.id })));
    }
    return qb.orderBy('r.priority', 'DESC').addOrderBy('r.id', 'DESC').take(limit).getMany();
  }

  /**
   * A page of the open queue by deadline: the running deadline first (overdue cases lead), then by id; open cases
   * without a deadline last. Read in order from idx_report_queue_due; the cursor is the last row's (queueDueAt, id).
   */
  findPageByDeadline(filter: ReportFilter, cursor: { dueAt: Date; id: number } | null, limit: number, now: Date): Promise<ReportSummaryRow[]> {
    const qb = this.filtered(filter, now).select(SUMMARY_SELECT).useIndex('idx_report_queue_due').andWhere('r.queueDueAt IS NOT NULL');
    if (cursor) {
      qb.andWhere('r.queueDueAt >= :cd', { cd: cursor.dueAt }).andWhere(new Brackets((w) => w.where('r.queueDueAt > :cd').orWhere('r.id > :cid', { cid: cursor.id })));
    }
    return qb.orderBy('r.queueDueAt', 'ASC').addOrderBy('r.id', 'ASC').take(limit).getMany();
  }

  /** Every report matching the filter (dashboard and export), oldest first, capped. */
  findAll(filter: ReportFilter, now: Date, cap: number): Promise<Report[]> {
    return this.filtered(filter, now).orderBy('r.id', 'ASC').take(cap).getMany();
  }

  private filtered(f: ReportFilter, now: Date): SelectQueryBuilder<Report> {
    const qb = this.reports.createQueryBuilder('r');
    if (f.scopePaths) {
      const paths = f.scopePaths;
      if (!paths.length) qb.andWhere('1 = 0');
      else qb.andWhere(new Brackets((w) => paths.forEach((p, i) => w.orWhere(`r.areaPath LIKE :sp${i}`, { [`sp${i}`]: `${p}%` }))));
    }
    if (f.areaPath) qb.andWhere('r.areaPath LIKE :ap', { ap: `${f.areaPath}%` });
    if (f.departmentId !== undefined) qb.andWhere('r.departmentId = :departmentId AND r.dispatchedById IS NOT NULL', { departmentId: f.departmentId });
    if (f.statuses) qb.andWhere('r.status IN (:...statuses)', { statuses: f.statuses });
    if (f.categoryId) qb.andWhere('r.categoryId = :categoryId', { categoryId: f.categoryId });
    if (f.flagged !== undefined) qb.andWhere(f.flagged ? 'r.flaggedAt IS NOT NULL' : 'r.flaggedAt IS NULL');
    if (f.createdFrom) qb.andWhere('r.createdAt >= :from', { from: f.createdFrom });
    if (f.createdTo) qb.andWhere('r.createdAt < :to', { to: f.createdTo });
    if (f.overdue !== undefined) qb.andWhere(f.overdue ? OVERDUE_SQL : NOT_OVERDUE_SQL, overdueParams(now));
    return qb;
  }

  /**
   * The 督办 queue: open reports past their stage's deadline that the caller supervises: the area a case was escalated
   * to lies in their scope (before any escalation, the report's own area does); null: everything. Newest first.
   */
  findOverduePage(scopePaths: string[] | null, escalatedOnly: boolean, beforeId: number | null, limit: number, now: Date): Promise<Report[]> {
    const qb = this.reports.createQueryBuilder('r').where(OVERDUE_SQL, overdueParams(now));
    if (scopePaths) {
      if (!scopePaths.length) qb.andWhere('1 = 0');
      else {
        qb.andWhere(
          new Brackets((w) =>
            scopePaths.forEach((p, i) => w.orWhere(`(r.escalationPath LIKE :sp${i} OR (r.escalationPath IS NULL AND r.areaPath LIKE :sp${i}))`, { [`sp${i}`]: `${p}%` })),
          ),
        );
      }
    }
    if (escalatedOnly) qb.andWhere('r.escalationLevel > 0');
    if (beforeId) qb.andWhere('r.id < :beforeId', { beforeId });
    return qb.orderBy('r.id', 'DESC').take(limit).getMany();
  }

  /**
   * Overdue open reports due an escalation: never escalated in this stage, or escalated below `maxLevel` longer
   * than `repeatBefore` ago. Longest overdue first (read in deadline order from idx_report_queue_due, so a sweep over
   * a county's year reads only the overdue cases), at most `limit` per sweep.
   */
  findEscalationDue(now: Date, repeatBefore: Date, maxLevel: number, limit: number): Promise<Report[]> {
    return this.reports
      .createQueryBuilder('r')
      .useIndex('idx_report_queue_due')
      .where(OVERDUE_SQL, overdueParams(now))
      .andWhere(new Brackets((w) => w.where('r.escalationLevel = 0').orWhere('r.escalationLevel < :maxLevel AND r.escalatedAt < :repeatBefore', { maxLevel, repeatBefore })))
      .orderBy('r.queueDueAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Active staff whose scope roots include any of these areas (the staff of an area and of the areas above it). */
  async findStaffOfAreas(areaIds: number[]): Promise<number[]> {
    if (!areaIds.length) return [];
    const rows = await this.ds
      .getRepository(StaffScope)
      .createQueryBuilder('s')
      .innerJoin(User, 'u', 'u.id = s.userId')
      .select('DISTINCT s.userId', 'userId')
      .where('s.areaId IN (:...areaIds)', { areaIds })
      .andWhere('u.role = :role AND u.disabledAt IS NULL', { role: 'staff' })
      .getRawMany<{ userId: number }>();
    return rows.map((r) => Number(r.userId));
  }

  /** Active handlers of a department. */
  async findDepartmentUsers(departmentId: number): Promise<number[]> {
    const rows = await this.ds.getRepository(User).find({ where: { role: 'department', departmentId, disabledAt: IsNull() }, select: { id: true } });
    return rows.map((u) => u.id);
  }
}
