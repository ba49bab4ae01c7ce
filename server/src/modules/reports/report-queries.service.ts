import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  bboxAround,
  DepartmentResponse,
  MediaResponse,
  NearbyReportResponse,
  PAGE_SIZE_DEFAULT,
  REPORT_NEARBY_RADIUS_M,
  REPORT_STATUS_GROUPS,
  ReportDetailResponse,
  ReportPageResponse,
  ReportQueueSort,
  ReportStatus,
  ReportStatusGroup,
  reportStatusesIn,
  ReportSummaryResponse,
} from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { inScope } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { AreasRepository } from '../areas/areas.repository';
import { MediaService } from '../media/media.service';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { DepartmentsRepository } from './departments/departments.repository';
import { mapDepartment } from './departments/departments.service';
import type { ListReportsQuery } from './dto/report-queries.dto';
import { ReportClock, SYSTEM_CLOCK } from './report-clock';
import { ReportRoutingRepository } from './report-routing.repository';
import { actionsFor, reportStages } from './report-stages';
import type { Report } from './report.entity';
import { mapNearby, mapReportDetail, mapReportEvent, mapReportSummary } from './report.mapper';
import { nearbyReach, nearbySince } from './report-nearby';
import { QUEUE_DUE_NEVER, queueDueCursor } from './report-queue-due';
import { ReportFilter, ReportsRepository, ReportSummaryRow } from './reports.repository';

export const reportNotFound = () => new AppException('report_not_found');

const OPEN_STATUSES: readonly ReportStatus[] = reportStatusesIn('open');
/** Priorities are witness counts: a cursor above this did not come from us. */
const PRIORITY_MAX = 1_000_000_000;

/** What people read: the nearby list, my reports, one report with its timeline, and the staff queue. */
@Injectable()
export class ReportQueriesService implements OnModuleInit {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly routing: ReportRoutingRepository,
    private readonly areas: AreasRepository,
    private readonly categories: ReportCategoriesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly media: MediaService,
    private readonly scopes: ScopeRegistry,
    private readonly clock: ReportClock = SYSTEM_CLOCK,
  ) {}

  onModuleInit(): void {
    // The whole row, handed to the action so it is read once per request (see ScopedResource).
    this.scopes.register('report', async (id) => {
      const r = await this.reports.findById(id);
      return r ? { path: r.areaPath, subject: r } : null;
    });
  }

  async nearby(auth: AuthContext, q: { lat: number; lng: number; category: string }): Promise<{ items: NearbyReportResponse[] }> {
    const category = await this.categories.findByKey(q.category);
    if (!category) return { items: [] };
    const now = new Date();
    const rows = await this.reports.findOpenNear(category.id, bboxAround(q, REPORT_NEARBY_RADIUS_M), nearbySince(now));
    const items = rows
      .map((r) => ({ r, d: nearbyReach(r, q, now) }))
      .filter((x): x is { r: Report; d: number } => x.d !== null && x.r.reporterId !== auth.userId)
      .sort((a, b) => a.d - b.d)
      .map((x) => mapNearby(x.r, category.key, x.d));
    return { items };
  }

  async mine(auth: AuthContext, cursor: string | undefined): Promise<ReportPageResponse> {
    const before = cursor ? Number(cursor) : null;
    const rows = await this.reports.findMine(auth.userId, before, PAGE_SIZE_DEFAULT + 1);
    const page = rows.slice(0, PAGE_SIZE_DEFAULT);
    return { items: await this.summaries(page), nextCursor: rows.length > PAGE_SIZE_DEFAULT ? String(page[page.length - 1].id) : null };
  }

  /**
   * The reporter, staff whose scope holds the report, or a handler of the department holding it; anyone else is told
   * it does not exist (staff out of scope, and a handler of another department, are told why).
   */
  async detail(auth: AuthContext, id: number, opts: { formerHolder?: number } = {}): Promise<ReportDetailResponse> {
    const r = await this.reports.findById(id);
    if (!r) throw reportNotFound();
    const isStaff = auth.role === 'staff' || auth.role === 'admin';
    const canAct = isStaff && inScope(auth, r.areaPath);
    const isReporter = r.reporterId === auth.userId;
    const isHolder = auth.role === 'department' && auth.departmentId != null && r.departmentId === auth.departmentId && r.dispatchedById !== null;
    // A department that has just returned the case sees the result of its own step (without actions).
    const justReturned = auth.role === 'department' && opts.formerHolder !== undefined && opts.formerHolder === auth.departmentId;
    if (!isReporter && !canAct && !isHolder && !justReturned) {
      if (isStaff) throw new AppException('out_of_scope');
      if (auth.role === 'department') throw new AppException(auth.departmentId == null ? 'no_department' : 'not_department_case');
      throw reportNotFound();
    }
    const [events, media] = await Promise.all([
      this.reports.findEvents(id),
      this.media.attachedToEach(['report', 'report_resolution', 'report_follow_up'], [id], { hideRisky: false }),
    ]);
    const photos = media.get('report')!;
    const attached = [...(media.get('report_resolution')?.get(id) ?? []), ...(media.get('report_follow_up')?.get(id) ?? [])];
    const areaIds = events.flatMap((e) => (e.type === 'escalated' && e.data?.areaId ? [e.data.areaId] : []));
    const [people, departments, areas] = await Promise.all([
      this.reports.findUsers([r.reporterId, ...events.map((e) => e.actorId).filter((x): x is number => x !== null)]),
      this.departmentMap([r.departmentId, ...events.map((e) => e.data?.departmentId ?? null)]),
      areaIds.length ? this.routing.findAreas([...new Set(areaIds)]) : Promise.resolve([]),
    ]);
    const [summary] = await this.summaries([r], photos);
    const byId = new Map(people.map((u) => [u.id, u]));
    const resolutionPhotos = media.get('report_resolution')?.get(id) ?? [];
    const areaNames = new Map(areas.map((a) => [a.id, a.name]));
    const timeline = events.map((e) =>
      mapReportEvent(
        e,
        e.actorId === null ? undefined : byId.get(e.actorId),
        r.reporterId,
        departments,
        e.data?.mediaIds?.length && e.type !== 'created' ? attached.filter((p) => e.data!.mediaIds!.includes(p.id)) : [],
        areaNames,
      ),
    );
    const now = this.clock.now();
    // Nobody acts on their own report as staff, so staff are offered no actions on it; the reporter has their own.
    const actions = isReporter ? [] : canAct ? actionsFor(r, 'staff') : isHolder ? actionsFor(r, 'department') : [];
    return mapReportDetail(r, summary, {
      // A department handler works from the place and the photos; the reporter's identity stays with staff.
      reporter: isStaff || isReporter ? byId.get(r.reporterId) : undefined,
      photos: photos.get(id) ?? [],
      resolutionPhotos,
      department: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
      actions,
      reporterActions: isReporter ? actionsFor(r, 'reporter') : [],
      timeline,
      stages: reportStages(r, events, now),
      now,
    });
  }

  async list(auth: AuthContext, q: ListReportsQuery): Promise<ReportPageResponse> {
    const filter = await this.filterFor(auth, q.areaId);
    if (q.status) filter.statuses = (REPORT_STATUS_GROUPS as readonly string[]).includes(q.status) ? reportStatusesIn(q.status as ReportStatusGroup) : [q.status as ReportStatus];
    if (q.category) {
      const c = await this.categories.findByKey(q.category);
      if (!c) return { items: [], nextCursor: null };
      filter.categoryId = c.id;
    }
    if (q.overdue !== undefined) filter.overdue = q.overdue;
    if (q.flagged !== undefined) filter.flagged = q.flagged;
    return this.queuePage(filter, q.sort, q.cursor, new Date());
  }

  /**
   * One page of a queue under its order (the staff queue and a department's cases): by priority, or, for open cases,
   * by running deadline. The cursor is the one the previous page of the same order gave.
   */
  async queuePage(filter: ReportFilter, sort: ReportQueueSort | undefined, cursor: string | undefined, now: Date): Promise<ReportPageResponse> {
    const [head, id] = cursor ? cursor.split(':').map(Number) : [NaN, NaN];
    if (sort === 'deadline') {
      // Finished cases have no deadline: the deadline order is the open queue's (a narrower status within it is kept).
      if (filter.statuses?.some((s) => !OPEN_STATUSES.includes(s))) throw fieldError('validation_failed', 'sort', '按期限排序只适用于未办结的问题');
      if (cursor && !(head <= QUEUE_DUE_NEVER.getTime())) throw fieldError('validation_failed', 'cursor', '翻页位置无效，请从第一页重新加载');
      const rows = await this.reports.findPageByDeadline(filter, cursor ? { dueAt: new Date(head), id } : null, PAGE_SIZE_DEFAULT + 1, now);
      return this.page(rows, queueDueCursor);
    }
    if (cursor && head > PRIORITY_MAX) throw fieldError('validation_failed', 'cursor', '翻页位置无效，请从第一页重新加载');
    const rows = await this.reports.findPage(filter, cursor ? { priority: head, id } : null, PAGE_SIZE_DEFAULT + 1, now);
    return this.page(rows, (r) => `${r.priority}:${r.id}`);
  }

  /** One page of PAGE_SIZE_DEFAULT from a read of one more row, which tells whether another page follows. */
  private async page(rows: ReportSummaryRow[], cursorOf: (r: ReportSummaryRow) => string): Promise<ReportPageResponse> {
    const page = rows.slice(0, PAGE_SIZE_DEFAULT);
    return { items: await this.summaries(page), nextCursor: rows.length > PAGE_SIZE_DEFAULT ? cursorOf(page[page.length - 1]) : null };
  }

  /** Staff see their scope (narrowed to an area when asked; the guard already checked it is theirs); admin sees all. */
  async filterFor(auth: AuthContext, areaId: number | undefined): Promise<ReportFilter> {
    const filter: ReportFilter = { scopePaths: auth.role === 'admin' ? null : auth.scopePaths };
    if (areaId) {
      const path = await this.areas.findPathById(areaId);
      if (path === null) throw new AppException('area_not_found');
      filter.areaPath = path;
    }
    return filter;
  }

  private async departmentMap(ids: Array<number | null>): Promise<Map<number, DepartmentResponse>> {
    const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
    const rows = wanted.length ? await this.departments.findByIds(wanted) : [];
    return new Map(rows.map((d) => [d.id, mapDepartment(d)]));
  }

  /** `photos`: the reports' photos when the caller has them already. */
  async summaries(rows: ReportSummaryRow[], photos?: Map<number, MediaResponse[]>): Promise<ReportSummaryResponse[]> {
    if (!rows.length) return [];
    const [categories, areas, thumbs] = await Promise.all([
      this.categories.findByIds([...new Set(rows.map((r) => r.categoryId))]),
      this.routing.findAreas([...new Set(rows.map((r) => r.areaId))]),
      photos ??
        this.media.attachedTo(
          'report',
          rows.map((r) => r.id),
          { hideRisky: false },
        ),
    ]);
    const now = this.clock.now();
    return rows.map((r) => {
      const c = categories.find((x) => x.id === r.categoryId);
      return mapReportSummary(r, {
        categoryKey: c?.key ?? '',
        categoryLabel: c?.label ?? '',
        areaName: areas.find((a) => a.id === r.areaId)?.name ?? '',
        thumbUrl: thumbs.get(r.id)?.[0]?.thumbUrl ?? null,
        now,
      });
    });
  }
}
