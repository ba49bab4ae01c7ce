import type { AreasRepository } from '../../src/modules/areas/areas.repository';
import type { AppConfig } from '../../src/config/app.config';
import type { MediaService } from '../../src/modules/media/media.service';
import type { PointsLedger } from '../../src/modules/points/points-ledger.repository';
import type { PointsRepository } from '../../src/modules/points/points.repository';
import { PointsService } from '../../src/modules/points/points.service';
import type { ReportCategoriesRepository } from '../../src/modules/reports/categories/report-categories.repository';
import type { ReportCategory } from '../../src/modules/reports/categories/report-category.entity';
import type { Department } from '../../src/modules/reports/departments/department.entity';
import type { DepartmentsRepository } from '../../src/modules/reports/departments/departments.repository';
import type { MessagesService, StatusNotice } from '../../src/modules/reports/messages/messages.service';
import { ReportClock } from '../../src/modules/reports/report-clock';
import type { ReportQueriesService } from '../../src/modules/reports/report-queries.service';
import type { Report } from '../../src/modules/reports/report.entity';
import type { ReportFilter, ReportsRepository } from '../../src/modules/reports/reports.repository';
import type { TransactionRunner } from '../../src/database/transaction.runner';
import { categoryFactory, departmentFactory, InMemoryPointsLedger, InMemoryReportsRepository, inMemoryTransactions, reportFactory } from '../factories';

/** A clock a spec moves by hand. */
export class FakeClock extends ReportClock {
  at = new Date('2026-03-02T02:00:00Z');
  override now(): Date {
    return new Date(this.at.getTime());
  }
  advance(hours: number): void {
    this.at = new Date(this.at.getTime() + hours * 3600_000);
  }
}

/**
 * Everything the closed-loop services need, in memory: reports and their events, one category (sign 4 h, handle
 * 72 h, verify 24 h), two departments, the points ledger, messages (reporter notices and messages to workers),
 * attached photos, department handlers and staff by area.
 */
export function loopHarness() {
  const clock = new FakeClock();
  const reports = new InMemoryReportsRepository();
  reports.now = () => clock.now();
  const category: ReportCategory = categoryFactory({ id: 1, label: '市容环境', acceptHours: 24, resolveHours: 72, signHours: 4, verifyHours: 24 });
  const chengguan: Department = departmentFactory({ name: '城管' });
  const jiaojing: Department = departmentFactory({ name: '交警' });
  const ledger = new InMemoryPointsLedger();
  ledger.now = clock.now();
  const notices: StatusNotice[] = [];
  const sent: Array<{ userIds: number[]; kind: string; title: string; reportId: number }> = [];
  const attached: Array<{ owner: number; ids: number[]; type: string; id: number }> = [];
  /** Department handlers by department id, and staff ids by area id (the staff of an area). */
  const handlers = reports.handlers;
  handlers.set(chengguan.id, [31]);
  const staffByArea = new Map<number, number[]>();
  const extra = {
    findStaffOfAreas: async (areaIds: number[]) => [...new Set(areaIds.flatMap((a) => staffByArea.get(a) ?? []))],
  };
  Object.assign(reports, extra);
  const deps = {
    reports: reports as unknown as ReportsRepository,
    categories: { findById: async (id: number) => (id === category.id ? category : null) } as unknown as ReportCategoriesRepository,
    departments: {
      findById: async (id: number) => [chengguan, jiaojing].find((d) => d.id === id) ?? null,
      findByIds: async (ids: number[]) => [chengguan, jiaojing].filter((d) => ids.includes(d.id)),
    } as unknown as DepartmentsRepository,
    queries: {
      detail: async (_auth: unknown, id: number) => ({ id, status: reports.rows.get(id)!.status }),
      summaries: async (rows: Report[]) => rows.map((r) => ({ id: r.id, status: r.status })),
      queuePage: async (filter: ReportFilter) => ({ items: (await reports.findPage(filter, null, 21)).map((r) => ({ id: r.id, status: r.status })), nextCursor: null }),
    } as unknown as ReportQueriesService,
    media: { attach: async (_m: unknown, owner: number, ids: number[], type: string, id: number) => void attached.push({ owner, ids, type, id }) } as unknown as MediaService,
    points: new PointsService({} as PointsRepository, ledger as unknown as PointsLedger, { reportPointsDailyCap: 30 } as AppConfig, {} as AreasRepository),
    messages: {
      record: async (_m: unknown, n: StatusNotice) => void notices.push(n),
      push: async () => undefined,
      notifyWorkers: async (_m: unknown, userIds: number[], n: { kind: string; title: string; reportId: number }) => void sent.push({ userIds, ...n }),
    } as unknown as MessagesService,
    tx: inMemoryTransactions() as TransactionRunner,
    clock,
  };
  /** A report of the category by reporter 7 in grid /1/2/3/4/ (district 1, street 2, community 3). */
  const seed = (over: Partial<Report> = {}) => {
    const r = reportFactory({ reporterId: 7, categoryId: category.id, areaId: 4, areaPath: '/1/2/3/4/', ...over });
    reports.rows.set(r.id, r);
    return r;
  };
  const row = (id: number) => reports.rows.get(id)!;
  const hoursFromNow = (h: number) => new Date(clock.now().getTime() + h * 3600_000);
  return { clock, reports, category, chengguan, jiaojing, ledger, notices, sent, attached, handlers, staffByArea, deps, seed, row, hoursFromNow };
}
