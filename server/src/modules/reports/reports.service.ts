import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  bboxAround,
  canTransition,
  DepartmentResponse,
  haversineM,
  IDEMPOTENCY_KEY_PATTERN,
  MediaResponse,
  isInChina,
  NearbyReportResponse,
  PAGE_SIZE_DEFAULT,
  REPORT_NEARBY_DAYS,
  REPORT_NEARBY_RADIUS_M,
  REPORT_REJECT_REASON_LABELS,
  REPORT_STATUS_GROUPS,
  REPORT_STATUS_LABELS,
  ReportAction,
  ReportDetailResponse,
  ReportPageResponse,
  ReportStatus,
  startOfChinaDay,
  ReportStatusGroup,
  reportStatusesIn,
  ReportSummaryResponse,
} from '@xjy/shared';
import type { EntityManager } from 'typeorm';
import { AppException, conflict, notFound, outOfScope } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { inScope } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { isUniqueViolation } from '../../common/db-errors';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { TransactionRunner } from '../../database/transaction.runner';
import { MediaService } from '../media/media.service';
import { PointsLedger } from '../points/points.ledger';
import { UsersRepository } from '../users/users.repository';
import { WechatClient } from '../wechat/wechat.client';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { ReportCategoriesService } from './categories/report-categories.service';
import type { ReportCategory } from './categories/report-category.entity';
import { DepartmentsRepository } from './departments/departments.repository';
import { mapDepartment } from './departments/departments.service';
import type { CreateReportDto } from './dto/create-report.dto';
import type { AcceptReportDto, DispatchReportDto, DuplicateReportDto, RejectReportDto, ReopenReportDto, ResolveReportDto } from './dto/report-actions.dto';
import type { ListReportsQuery } from './dto/report-queries.dto';
import { MessagesService, StatusNotice } from './messages/messages.service';
import { ReportRoutingRepository } from './report-routing.repository';
import { Report } from './report.entity';
import { mapNearby, mapReportDetail, mapReportEvent, mapReportSummary } from './report.mapper';
import { ReportFilter, ReportsRepository } from './reports.repository';

const HOUR_MS = 3600_000;
const illegal = (action: ReportAction, status: ReportStatus) =>
  new AppException('illegal_state', 409, `A report that is ${REPORT_STATUS_LABELS[status]} cannot be ${action}ed`, { status, action });
const reportNotFound = () => notFound('Report', 'report_not_found');

@Injectable()
export class ReportsService implements OnModuleInit {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly routing: ReportRoutingRepository,
    private readonly categories: ReportCategoriesRepository,
    private readonly categoryService: ReportCategoriesService,
    private readonly departments: DepartmentsRepository,
    private readonly media: MediaService,
    private readonly ledger: PointsLedger,
    private readonly messages: MessagesService,
    private readonly users: UsersRepository,
    private readonly wechat: WechatClient,
    private readonly tx: TransactionRunner,
    private readonly scopes: ScopeRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // The whole row, handed to the action so it is read once per request (see ScopedResource).
    this.scopes.register('report', async (id) => {
      const r = await this.reports.findById(id);
      return r ? { path: r.areaPath, subject: r } : null;
    });
    this.media.onRisky('report', (reportId) => this.flag(reportId, null, '照片未通过内容安全检测'));
  }

  // ---- reporter ----

  async create(auth: AuthContext, idempotencyKey: string | undefined, dto: CreateReportDto): Promise<ReportDetailResponse> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new AppException('idempotency_key_required', 400, 'Send an Idempotency-Key header of 8–64 letters, digits, - or _');
    }
    const replay = await this.reports.findByIdempotencyKey(auth.userId, idempotencyKey);
    if (replay) return this.detail(auth, replay.id);

    const category = await this.categoryService.getActiveByKey(dto.category);
    const point = { lat: dto.lat, lng: dto.lng };
    if (!isInChina(point)) {
      throw new AppException('validation_failed', 400, 'The location is outside China', { fields: [{ field: 'lat', message: 'must be inside China' }, { field: 'lng', message: 'must be inside China' }] });
    }
    const area = await this.routing.route(point);
    if (!area) throw new AppException('outside_service_area', 400, '该位置不在服务范围内');
    if (dto.stationId !== undefined && (await this.stationArea(dto.stationId)) === null) {
      throw new AppException('validation_failed', 400, 'No such station', { fields: [{ field: 'stationId', message: 'is not a station' }] });
    }
    const textFlag = await this.checkText(auth.userId, dto.description);
    const now = new Date();
    try {
      const id = await this.tx.run(async (m) => {
        const report = await this.reports.insert(m, {
          reporterId: auth.userId,
          idempotencyKey,
          categoryId: category.id,
          description: dto.description.trim(),
          status: 'submitted',
          lat: dto.lat,
          lng: dto.lng,
          areaId: area.id,
          areaPath: area.path,
          stationId: dto.stationId ?? null,
          priority: 0,
          witnessCount: 0,
          pointsAwarded: 0,
          flaggedAt: null,
          departmentId: null,
          duplicateOfId: null,
          acceptDueAt: new Date(now.getTime() + category.acceptHours * HOUR_MS),
          resolveDueAt: new Date(now.getTime() + category.resolveHours * HOUR_MS),
          reviewedAt: null,
          acceptedAt: null,
          finishedAt: null,
        });
        await this.media.attach(m, auth.userId, dto.mediaIds, 'report', report.id);
        await this.reports.addEvent(m, { reportId: report.id, type: 'created', actorId: auth.userId, data: { mediaIds: dto.mediaIds } });
        const flagReason = textFlag ?? ((await this.media.anyRisky(dto.mediaIds, m)) ? '照片未通过内容安全检测' : null);
        if (flagReason) {
          await this.reports.update(m, report.id, { flaggedAt: now });
          await this.reports.addEvent(m, { reportId: report.id, type: 'flagged', actorId: null, note: flagReason });
        }
        return report.id;
      });
      return this.detail(auth, id);
    } catch (e) {
      // The same key raced in from a retry: the first insert won, so this request answers with that report.
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.reports.findByIdempotencyKey(auth.userId, idempotencyKey);
      if (!winner) throw e;
      return this.detail(auth, winner.id);
    }
  }

  /** msgSecCheck when WeChat is configured and the user has an openid; a flag reason, or null when clean. */
  private async checkText(userId: number, text: string): Promise<string | null> {
    if (!this.wechat.configured || !text.trim()) return null;
    const user = await this.users.findById(userId);
    if (!user?.openid) return null;
    try {
      const r = await this.wechat.msgSecCheck(user.openid, text, 3);
      return r.suggest === 'pass' ? null : '文字未通过内容安全检测';
    } catch (e) {
      // Reporting must work while WeChat is down; the report waits for a person to look at it instead.
      this.logger.warn({ userId, err: (e as Error).message }, 'msgSecCheck unavailable; report queued for review');
      return '内容安全检测暂不可用，待人工复核';
    }
  }

  private async stationArea(stationId: number): Promise<string | null> {
    try {
      return await this.scopes.resolvePath('station', stationId);
    } catch {
      return null;
    }
  }

  async nearby(auth: AuthContext, q: { lat: number; lng: number; category: string }): Promise<{ items: NearbyReportResponse[] }> {
    const category = await this.categories.findByKey(q.category);
    if (!category) return { items: [] };
    const since = new Date(Date.now() - REPORT_NEARBY_DAYS * 24 * HOUR_MS);
    const rows = await this.reports.findOpenNear(category.id, bboxAround(q, REPORT_NEARBY_RADIUS_M), since);
    const items = rows
      .map((r) => ({ r, d: haversineM(q, r) }))
      .filter((x) => x.d <= REPORT_NEARBY_RADIUS_M && x.r.reporterId !== auth.userId)
      .sort((a, b) => a.d - b.d)
      .map((x) => mapNearby(x.r, category.key, x.d));
    return { items };
  }

  /** "我也看到": counts once per user, raises the priority, earns no points. */
  async witness(auth: AuthContext, id: number): Promise<NearbyReportResponse> {
    const report = await this.reports.findById(id);
    if (!report || report.flaggedAt) throw reportNotFound();
    if (report.reporterId === auth.userId) throw new AppException('cannot_witness_own_report', 400, '这是你自己上报的问题');
    if (!reportStatusesIn('open').includes(report.status)) throw conflict('report_not_open', '这个问题已经处理完了');
    await this.tx.run(async (m) => {
      if (!(await this.reports.addWitness(m, id, auth.userId))) return;
      await this.reports.raisePriority(m, id, 1);
      await this.reports.addEvent(m, { reportId: id, type: 'witnessed', actorId: auth.userId });
    });
    const fresh = (await this.reports.findById(id))!;
    const category = await this.categories.findById(fresh.categoryId);
    return mapNearby(fresh, category?.key ?? '', 0);
  }

  async mine(auth: AuthContext, cursor: string | undefined): Promise<ReportPageResponse> {
    const before = cursor ? Number(cursor) : null;
    const rows = await this.reports.findMine(auth.userId, before, PAGE_SIZE_DEFAULT + 1);
    const page = rows.slice(0, PAGE_SIZE_DEFAULT);
    return { items: await this.summaries(page), nextCursor: rows.length > PAGE_SIZE_DEFAULT ? String(page[page.length - 1].id) : null };
  }

  /** The reporter, or staff whose scope holds the report; anyone else is told it does not exist. */
  async detail(auth: AuthContext, id: number): Promise<ReportDetailResponse> {
    const r = await this.reports.findById(id);
    if (!r) throw reportNotFound();
    const isStaff = auth.role === 'staff' || auth.role === 'admin';
    const canAct = isStaff && inScope(auth, r.areaPath);
    if (r.reporterId !== auth.userId && !canAct) {
      if (isStaff) throw outOfScope();
      throw reportNotFound();
    }
    const [events, media] = await Promise.all([this.reports.findEvents(id), this.media.attachedToEach(['report', 'report_resolution'], [id], { hideRisky: false })]);
    const photos = media.get('report')!;
    const resolution = media.get('report_resolution')!;
    const [people, departments] = await Promise.all([
      this.reports.findUsers([r.reporterId, ...events.map((e) => e.actorId).filter((x): x is number => x !== null)]),
      this.departmentMap([r.departmentId, ...events.map((e) => e.data?.departmentId ?? null)]),
    ]);
    const [summary] = await this.summaries([r], photos);
    const byId = new Map(people.map((u) => [u.id, u]));
    const resolutionPhotos = resolution.get(id) ?? [];
    const timeline = events.map((e) =>
      mapReportEvent(
        e,
        e.actorId === null ? undefined : byId.get(e.actorId),
        r.reporterId,
        departments,
        e.type === 'resolved' ? resolutionPhotos.filter((p) => e.data?.mediaIds?.includes(p.id)) : [],
      ),
    );
    return mapReportDetail(r, summary, {
      reporter: isStaff || r.reporterId === auth.userId ? byId.get(r.reporterId) : undefined,
      photos: photos.get(id) ?? [],
      resolutionPhotos,
      department: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
      canAct,
      timeline,
    });
  }

  // ---- staff ----

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
    const cursor = q.cursor ? { priority: Number(q.cursor.split(':')[0]), id: Number(q.cursor.split(':')[1]) } : null;
    const rows = await this.reports.findPage(filter, cursor, PAGE_SIZE_DEFAULT + 1, new Date());
    const page = rows.slice(0, PAGE_SIZE_DEFAULT);
    const last = page[page.length - 1];
    return { items: await this.summaries(page), nextCursor: rows.length > PAGE_SIZE_DEFAULT ? `${last.priority}:${last.id}` : null };
  }

  /** Staff see their scope (narrowed to an area when asked; the guard already checked it is theirs); admin sees all. */
  async filterFor(auth: AuthContext, areaId: number | undefined): Promise<ReportFilter> {
    const filter: ReportFilter = { scopePaths: auth.role === 'admin' ? null : auth.scopePaths };
    if (areaId) {
      const area = await this.routing.findArea(areaId);
      if (!area) throw notFound('Area', 'area_not_found');
      filter.areaPath = area.path;
    }
    return filter;
  }

  async accept(auth: AuthContext, id: number, dto: AcceptReportDto, preloaded?: Report): Promise<ReportDetailResponse> {
    const r = await this.load(id, 'accept', preloaded);
    const category = await this.categoryOf(r);
    if (dto.points < category.pointsMin || dto.points > category.pointsMax) {
      throw new AppException('points_out_of_range', 400, `Points for ${category.label} must be ${category.pointsMin}–${category.pointsMax}`, {
        fields: [{ field: 'points', message: `must be between ${category.pointsMin} and ${category.pointsMax}` }],
      });
    }
    const now = new Date();
    const notice = await this.tx.run(async (m) => {
      // Accepting is a person's review: a content-security flag on the report is cleared with it.
      // pointsAwarded is set to the points asked for in the same statement, and corrected below in the rare cases
      // that award less: the daily cap, or an acceptance after a reopen (the ledger never awards a report twice).
      const moved = await this.reports.transition(m, id, ['submitted'], { status: 'accepted', reviewedAt: r.reviewedAt ?? now, acceptedAt: now, flaggedAt: null, pointsAwarded: dto.points });
      if (!moved) throw illegal('accept', (await this.reports.findById(id, m))?.status ?? r.status);
      const awarded = await this.award(m, r, dto.points, auth.userId, now);
      const held = awarded.recorded ? awarded.delta : await this.ledger.sumForSource(m, r.reporterId, 'report', id, ['report_accepted', 'report_accept_reversed']);
      if (held !== dto.points) await this.reports.update(m, id, { pointsAwarded: held });
      const note = dto.note?.trim() || null;
      await this.reports.addEvent(m, { reportId: id, type: 'accepted', actorId: auth.userId, note, data: { points: awarded.recorded ? awarded.delta : 0 } });
      const body = awarded.recorded ? (awarded.delta > 0 ? `获得 ${awarded.delta} 积分${awarded.delta < dto.points ? '（已达今日上限）' : ''}` : '今日积分已达上限') : '感谢你的上报';
      return this.notice(m, r, category, 'accepted', `你的随手拍已被采纳`, body, note);
    });
    return this.after(auth, id, notice);
  }

  /** Awards within the daily cap. Runs after the conditional status change, so two staff at once award once. */
  private async award(m: EntityManager, r: Report, points: number, actorId: number, now: Date): Promise<{ recorded: boolean; delta: number }> {
    await this.ledger.lockBalance(m, r.reporterId);
    const today = await this.ledger.sumSince(m, r.reporterId, ['report_accepted', 'report_accept_reversed'], startOfChinaDay(now));
    const delta = Math.max(0, Math.min(points, this.config.reportPointsDailyCap - today));
    const res = await this.ledger.record(m, { userId: r.reporterId, delta, reason: 'report_accepted', sourceType: 'report', sourceId: r.id, actorId });
    return { recorded: res.recorded, delta: res.entry.delta };
  }

  async reject(auth: AuthContext, id: number, dto: RejectReportDto, preloaded?: Report): Promise<ReportDetailResponse> {
    const r = await this.load(id, 'reject', preloaded);
    const category = await this.categoryOf(r);
    const now = new Date();
    const notice = await this.tx.run(async (m) => {
      const moved = await this.reports.transition(m, id, ['submitted'], { status: 'rejected', reviewedAt: r.reviewedAt ?? now, finishedAt: now });
      if (!moved) throw illegal('reject', (await this.reports.findById(id, m))?.status ?? r.status);
      const note = dto.note?.trim() || null;
      await this.reports.addEvent(m, { reportId: id, type: 'rejected', actorId: auth.userId, note, data: { reason: dto.reason } });
      await this.reverseAward(m, id, auth.userId);
      return this.notice(m, r, category, 'rejected', '你的随手拍未被采纳', `原因：${REPORT_REJECT_REASON_LABELS[dto.reason]}`, note);
    });
    return this.after(auth, id, notice);
  }

  /** Undoing an acceptance (reopen, then reject): a reversing entry for exactly what the reporter holds. */
  private async reverseAward(m: EntityManager, id: number, actorId: number): Promise<void> {
    const fresh = (await this.reports.findById(id, m))!;
    if (fresh.pointsAwarded <= 0) return;
    await this.ledger.lockBalance(m, fresh.reporterId);
    const res = await this.ledger.record(m, { userId: fresh.reporterId, delta: -fresh.pointsAwarded, reason: 'report_accept_reversed', sourceType: 'report', sourceId: id, actorId });
    if (!res.recorded) return;
    await this.reports.update(m, id, { pointsAwarded: 0 });
    await this.reports.addEvent(m, { reportId: id, type: 'points_reversed', actorId, data: { points: -fresh.pointsAwarded } });
  }

  async duplicate(auth: AuthContext, id: number, dto: DuplicateReportDto, preloaded?: Report): Promise<ReportDetailResponse> {
    const r = await this.load(id, 'duplicate', preloaded);
    if (dto.ofReportId === id) throw new AppException('validation_failed', 400, 'A report cannot duplicate itself', { fields: [{ field: 'ofReportId', message: 'must be another report' }] });
    const original = await this.reports.findById(dto.ofReportId);
    if (!original) throw reportNotFound();
    if (!inScope(auth, original.areaPath)) throw outOfScope();
    const category = await this.categoryOf(r);
    const now = new Date();
    const notice = await this.tx.run(async (m) => {
      const moved = await this.reports.transition(m, id, ['submitted'], { status: 'duplicate', duplicateOfId: original.id, reviewedAt: r.reviewedAt ?? now, finishedAt: now });
      if (!moved) throw illegal('duplicate', (await this.reports.findById(id, m))?.status ?? r.status);
      const note = dto.note?.trim() || null;
      await this.reports.addEvent(m, { reportId: id, type: 'duplicate', actorId: auth.userId, note, data: { ofReportId: original.id } });
      await this.reports.raisePriority(m, original.id, 0);
      return this.notice(m, r, category, 'duplicate', '你的随手拍与已有上报重复', `已合并到第 ${original.id} 号上报一并处理`, note);
    });
    return this.after(auth, id, notice);
  }

  async dispatch(auth: AuthContext, id: number, dto: DispatchReportDto, preloaded?: Report): Promise<ReportDetailResponse> {
    const r = await this.load(id, 'dispatch', preloaded);
    const department = await this.departments.findById(dto.departmentId);
    if (!department || department.archivedAt) throw notFound('Department', 'department_not_found');
    const category = await this.categoryOf(r);
    const notice = await this.tx.run(async (m) => {
      const moved = await this.reports.transition(m, id, ['accepted', 'dispatched'], { status: 'dispatched', departmentId: department.id });
      if (!moved) throw illegal('dispatch', (await this.reports.findById(id, m))?.status ?? r.status);
      const note = dto.note?.trim() || null;
      await this.reports.addEvent(m, { reportId: id, type: 'dispatched', actorId: auth.userId, note, data: { departmentId: department.id } });
      return this.notice(m, r, category, 'dispatched', '你的随手拍已派单处理', `已交由${department.name}办理`, note);
    });
    return this.after(auth, id, notice);
  }

  async resolve(auth: AuthContext, id: number, dto: ResolveReportDto, preloaded?: Report): Promise<ReportDetailResponse> {
    const r = await this.load(id, 'resolve', preloaded);
    const category = await this.categoryOf(r);
    const now = new Date();
    const mediaIds = dto.mediaIds ?? [];
    const notice = await this.tx.run(async (m) => {
      const moved = await this.reports.transition(m, id, ['accepted', 'dispatched'], { status: 'resolved', finishedAt: now });
      if (!moved) throw illegal('resolve', (await this.reports.findById(id, m))?.status ?? r.status);
      if (mediaIds.length) await this.media.attach(m, auth.userId, mediaIds, 'report_resolution', id);
      const note = dto.note.trim();
      await this.reports.addEvent(m, { reportId: id, type: 'resolved', actorId: auth.userId, note, data: mediaIds.length ? { mediaIds } : null });
      return this.notice(m, r, category, 'resolved', '你的随手拍已办结', note, note);
    });
    return this.after(auth, id, notice);
  }

  async reopen(auth: AuthContext, id: number, dto: ReopenReportDto, preloaded?: Report): Promise<ReportDetailResponse> {
    const r = await this.load(id, 'reopen', preloaded);
    const category = await this.categoryOf(r);
    const now = new Date();
    const notice = await this.tx.run(async (m) => {
      const moved = await this.reports.transition(m, id, ['resolved', 'rejected', 'duplicate'], {
        status: 'submitted',
        finishedAt: null,
        duplicateOfId: null,
        acceptDueAt: new Date(now.getTime() + category.acceptHours * HOUR_MS),
        resolveDueAt: new Date(now.getTime() + category.resolveHours * HOUR_MS),
      });
      if (!moved) throw illegal('reopen', (await this.reports.findById(id, m))?.status ?? r.status);
      const note = dto.note.trim();
      await this.reports.addEvent(m, { reportId: id, type: 'reopened', actorId: auth.userId, note });
      return this.notice(m, r, category, 'submitted', '你的随手拍已重新打开', note, note);
    });
    return this.after(auth, id, notice);
  }

  /** Content security found the text or a photo risky after the fact: hide the report until staff look at it. */
  async flag(reportId: number, actorId: number | null, reason: string): Promise<void> {
    await this.tx.run(async (m) => {
      const r = await this.reports.findById(reportId, m);
      if (!r || r.flaggedAt) return;
      await this.reports.update(m, reportId, { flaggedAt: new Date() });
      await this.reports.addEvent(m, { reportId, type: 'flagged', actorId, note: reason });
    });
  }

  // ---- helpers ----

  /** Loads the report and refuses an action its status does not allow, before any write. */
  /** The report, checked to allow `action`; `preloaded` is the row the access guard has just read for its scope. */
  private async load(id: number, action: ReportAction, preloaded?: Report): Promise<Report> {
    const r = preloaded instanceof Report && preloaded.id === id ? preloaded : await this.reports.findById(id);
    if (!r) throw reportNotFound();
    if (!canTransition(action, r.status)) throw illegal(action, r.status);
    return r;
  }

  private async categoryOf(r: Report): Promise<ReportCategory> {
    const c = await this.categories.findById(r.categoryId);
    if (!c) throw new Error(`Report ${r.id} has no category ${r.categoryId}`);
    return c;
  }

  private async notice(m: EntityManager, r: Report, category: ReportCategory, status: ReportStatus, title: string, body: string, note: string | null): Promise<StatusNotice> {
    const n: StatusNotice = { userId: r.reporterId, reportId: r.id, title, body, category: category.label, status: REPORT_STATUS_LABELS[status], note: note ?? '' };
    await this.messages.record(m, n);
    return n;
  }

  private async after(auth: AuthContext, id: number, notice: StatusNotice): Promise<ReportDetailResponse> {
    void this.messages.push(notice);
    return this.detail(auth, id);
  }

  private async departmentMap(ids: Array<number | null>): Promise<Map<number, DepartmentResponse>> {
    const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
    const rows = wanted.length ? await this.departments.findByIds(wanted) : [];
    return new Map(rows.map((d) => [d.id, mapDepartment(d)]));
  }

  /** `photos`: the reports' photos when the caller has them already. */
  async summaries(rows: Report[], photos?: Map<number, MediaResponse[]>): Promise<ReportSummaryResponse[]> {
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
    const now = new Date();
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
