import type { PointsReason, PointsSourceType } from '@xjy/shared';
import type { EntityManager } from 'typeorm';
import { PointsEntry } from '../../src/modules/points/points-entry.entity';
import type { PointsEvent, PointsLedger } from '../../src/modules/points/points-ledger.repository';
import { ReportEvent } from '../../src/modules/reports/report-event.entity';
import { Report } from '../../src/modules/reports/report.entity';
import type { NewReport, NewReportEvent, ReportFilter, ReportGuard, ReportsRepository } from '../../src/modules/reports/reports.repository';
import type { TransactionRunner } from '../../src/database/transaction.runner';
import type { User } from '../../src/modules/users/user.entity';
import { FACTORY_NOW, nextId } from './sequence';

/** Unit specs pass this where a transaction's EntityManager goes; the in-memory fakes ignore it. */
export const NO_MANAGER = {} as EntityManager;

/** Runs the work at once, with no rollback: a unit spec asserts on the writes made before a throw itself. */
export function inMemoryTransactions(): TransactionRunner {
  return { run: <T>(work: (m: EntityManager) => Promise<T>) => work(NO_MANAGER) } as TransactionRunner;
}

type ReportsPort = Pick<
  ReportsRepository,
  'findById' | 'findByIdempotencyKey' | 'insert' | 'transition' | 'update' | 'raisePriority' | 'addWitness' | 'addEvent' | 'findEvents' | 'findUsers' | 'findMine' | 'findOpenNear' | 'findPage' | 'findAll'
>;

/** ReportsRepository over arrays, with the same guards (a conditional transition, one witness per user). */
export class InMemoryReportsRepository implements ReportsPort {
  readonly rows = new Map<number, Report>();
  readonly events: ReportEvent[] = [];
  readonly witnesses = new Set<string>();
  users: Array<Pick<User, 'id' | 'nickname' | 'role'>> = [];

  constructor(rows: Report[] = []) {
    rows.forEach((r) => this.rows.set(r.id, r));
  }

  /** A copy, as a database read would give: later writes do not change a row already read. */
  private read(r: Report | undefined): Report | null {
    return r ? Object.assign(new Report(), r) : null;
  }

  async findById(id: number): Promise<Report | null> {
    return this.read(this.rows.get(id));
  }

  async findByIdempotencyKey(reporterId: number, idempotencyKey: string): Promise<Report | null> {
    return this.read([...this.rows.values()].find((r) => r.reporterId === reporterId && r.idempotencyKey === idempotencyKey));
  }

  async insert(_m: EntityManager, fields: NewReport): Promise<Report> {
    const row = Object.assign(new Report(), fields, { id: nextId('report'), createdAt: new Date(), updatedAt: new Date() });
    this.rows.set(row.id, row);
    return this.read(row)!;
  }

  async transition(_m: EntityManager, id: number, from: readonly Report['status'][], patch: Partial<Report>, guard: ReportGuard = {}): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || !from.includes(row.status)) return false;
    if (Object.entries(guard).some(([k, v]) => (row as unknown as Record<string, unknown>)[k] !== v)) return false;
    Object.assign(row, patch);
    return true;
  }

  async update(_m: EntityManager, id: number, patch: Partial<Report>): Promise<void> {
    const row = this.rows.get(id);
    if (row) Object.assign(row, patch);
  }

  async raisePriority(_m: EntityManager, id: number, witnesses: number): Promise<void> {
    const row = this.rows.get(id);
    if (row) Object.assign(row, { witnessCount: row.witnessCount + witnesses, priority: row.priority + 1 });
  }

  async addWitness(_m: EntityManager, reportId: number, userId: number): Promise<boolean> {
    const key = `${reportId}:${userId}`;
    if (this.witnesses.has(key)) return false;
    this.witnesses.add(key);
    return true;
  }

  async addEvent(_m: EntityManager, e: NewReportEvent): Promise<void> {
    this.events.push(
      Object.assign(new ReportEvent(), {
        id: nextId('reportEvent'),
        reportId: e.reportId,
        type: e.type,
        actorId: e.actorId,
        note: e.note ?? null,
        data: e.data ?? null,
        status: e.status ?? null,
        dueAt: e.dueAt ?? null,
        createdAt: e.createdAt ?? this.now?.() ?? new Date(),
      }),
    );
  }

  /** The clock events are stamped with (a spec that moves time sets it). */
  now: (() => Date) | null = null;

  async findEvents(reportId: number): Promise<ReportEvent[]> {
    return this.events.filter((e) => e.reportId === reportId);
  }

  /** The event types of one report, oldest first. */
  timeline(reportId: number): Array<ReportEvent['type']> {
    return this.events.filter((e) => e.reportId === reportId).map((e) => e.type);
  }

  /** Department handlers by department id (none unless a spec adds them). */
  readonly handlers = new Map<number, number[]>();
  async findDepartmentUsers(departmentId: number): Promise<number[]> {
    return this.handlers.get(departmentId) ?? [];
  }

  async findUsers(ids: number[]): Promise<Array<Pick<User, 'id' | 'nickname' | 'role'>>> {
    return this.users.filter((u) => ids.includes(u.id));
  }

  async findMine(reporterId: number, beforeId: number | null, limit: number): Promise<Report[]> {
    return [...this.rows.values()]
      .filter((r) => r.reporterId === reporterId && (beforeId === null || r.id < beforeId))
      .sort((a, b) => b.id - a.id)
      .slice(0, limit)
      .map((r) => this.read(r)!);
  }

  async findOpenNear(categoryId: number, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, since: Date): Promise<Report[]> {
    return [...this.rows.values()]
      .filter((r) => r.categoryId === categoryId && ['submitted', 'accepted', 'dispatched'].includes(r.status) && !r.flaggedAt && r.createdAt >= since)
      .filter((r) => r.lat >= box.minLat && r.lat <= box.maxLat && r.lng >= box.minLng && r.lng <= box.maxLng)
      .map((r) => this.read(r)!);
  }

  /** The last filter asked for, so a spec can check what a query turned its input into. */
  lastFilter: ReportFilter | null = null;

  /** The filter's scope, area and creation window (the rest of ReportFilter is not needed by its callers' specs), oldest first, at most `cap`. */
  async findAll(filter: ReportFilter, _now: Date, cap: number): Promise<Report[]> {
    this.lastFilter = filter;
    const under = (paths: string[]) => (r: Report) => paths.some((p) => r.areaPath.startsWith(p));
    return [...this.rows.values()]
      .filter((r) => !filter.scopePaths || under(filter.scopePaths)(r))
      .filter((r) => !filter.areaPath || under([filter.areaPath])(r))
      .filter((r) => (!filter.createdFrom || r.createdAt >= filter.createdFrom) && (!filter.createdTo || r.createdAt < filter.createdTo))
      .sort((a, b) => a.id - b.id)
      .slice(0, cap)
      .map((r) => this.read(r)!);
  }

  async findPage(filter: ReportFilter, _cursor: { priority: number; id: number } | null, limit: number): Promise<Report[]> {
    this.lastFilter = filter;
    return [...this.rows.values()]
      .filter((r) => !filter.statuses || filter.statuses.includes(r.status))
      .sort((a, b) => b.priority - a.priority || b.id - a.id)
      .slice(0, limit)
      .map((r) => this.read(r)!);
  }
}

type LedgerPort = Pick<PointsLedger, 'record' | 'lockBalance' | 'sumSince' | 'sumForSource' | 'reconcile'>;

/** The points ledger over an array, with its unique key (reason, source, user): a repeated event records nothing. */
export class InMemoryPointsLedger implements LedgerPort {
  readonly entries: PointsEntry[] = [];
  /** The clock entries are stamped with; a spec moves it to cross a day. */
  now: Date = FACTORY_NOW;

  async record(_m: EntityManager, event: PointsEvent): Promise<{ recorded: boolean; entry: PointsEntry }> {
    const same = this.entries.find((e) => e.reason === event.reason && e.sourceType === event.sourceType && e.sourceId === event.sourceId && e.userId === event.userId);
    if (same) return { recorded: false, entry: same };
    const entry = Object.assign(new PointsEntry(), event, { id: nextId('pointsEntry'), createdAt: this.now });
    this.entries.push(entry);
    return { recorded: true, entry };
  }

  async lockBalance(): Promise<void> {}

  async sumSince(_m: EntityManager | null, userId: number, reasons: PointsReason[], since: Date): Promise<number> {
    return this.sum((e) => e.userId === userId && reasons.includes(e.reason) && e.createdAt >= since);
  }

  async sumForSource(_m: EntityManager, userId: number, sourceType: PointsSourceType, sourceId: number, reasons: PointsReason[]): Promise<number> {
    return this.sum((e) => e.userId === userId && e.sourceType === sourceType && e.sourceId === sourceId && reasons.includes(e.reason));
  }

  balance(userId: number): number {
    return this.sum((e) => e.userId === userId);
  }

  async reconcile(): Promise<{ checkedUsers: number; mismatches: Array<{ userId: number; balance: number; ledgerSum: number }> }> {
    return { checkedUsers: new Set(this.entries.map((e) => e.userId)).size, mismatches: [] };
  }

  private sum(keep: (e: PointsEntry) => boolean): number {
    return this.entries.filter(keep).reduce((s, e) => s + e.delta, 0);
  }
}
