import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { haversineM, IDEMPOTENCY_KEY_PATTERN, isInChina, isReportFinished, NearbyReportResponse, ReportDetailResponse, WitnessReportRequest } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { ScopeRegistry } from '../../common/auth/scope-registry';
import { isUniqueViolation } from '../../common/db-errors';
import { TransactionRunner } from '../../database/transaction.runner';
import { MediaService } from '../media/media.service';
import { UsersRepository } from '../users/users.repository';
import { WechatClient } from '../wechat/wechat.client';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { ReportCategoriesService } from './categories/report-categories.service';
import type { CreateReportDto } from './dto/create-report.dto';
import { ReportQueriesService, reportNotFound } from './report-queries.service';
import { ReportRoutingRepository } from './report-routing.repository';
import { mapNearby } from './report.mapper';
import { nearbyReach } from './report-nearby';
import { ReportsRepository } from './reports.repository';

const HOUR_MS = 3600_000;
const RISKY_PHOTO = '照片未通过内容安全检测';

/** What reporters send: a report (once per Idempotency-Key), 我也看到 on someone else's, and content-security flags. */
@Injectable()
export class ReportSubmissionService implements OnModuleInit {
  private readonly logger = new Logger(ReportSubmissionService.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly routing: ReportRoutingRepository,
    private readonly categories: ReportCategoriesRepository,
    private readonly categoryService: ReportCategoriesService,
    private readonly queries: ReportQueriesService,
    private readonly media: MediaService,
    private readonly users: UsersRepository,
    private readonly wechat: WechatClient,
    private readonly tx: TransactionRunner,
    private readonly scopes: ScopeRegistry,
  ) {}

  onModuleInit(): void {
    this.media.onRisky('report', (reportId) => this.flag(reportId, null, RISKY_PHOTO));
  }

  async create(auth: AuthContext, idempotencyKey: string | undefined, dto: CreateReportDto): Promise<ReportDetailResponse> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new AppException('idempotency_key_required');
    }
    const replay = await this.reports.findByIdempotencyKey(auth.userId, idempotencyKey);
    if (replay) return this.queries.detail(auth, replay.id);

    const category = await this.categoryService.getActiveByKey(dto.category);
    const point = { lat: dto.lat, lng: dto.lng };
    if (!isInChina(point)) {
      throw new AppException('validation_failed', { fields: [{ field: 'lat', message: '位置必须在中国境内' }, { field: 'lng', message: '位置必须在中国境内' }] }, '位置必须在中国境内');
    }
    const area = await this.routing.route(point);
    if (!area) throw new AppException('outside_service_area');
    if (dto.stationId !== undefined && (await this.stationArea(dto.stationId)) === null) {
      throw fieldError('validation_failed', 'stationId', '所选站点不存在');
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
        await this.reports.addEvent(m, { reportId: report.id, type: 'created', actorId: auth.userId, data: { mediaIds: dto.mediaIds }, status: 'submitted' });
        const flagReason = textFlag ?? ((await this.media.anyRisky(dto.mediaIds, m)) ? RISKY_PHOTO : null);
        if (flagReason) {
          await this.reports.update(m, report.id, { flaggedAt: now });
          await this.reports.addEvent(m, { reportId: report.id, type: 'flagged', actorId: null, note: flagReason });
        }
        return report.id;
      });
      return this.queries.detail(auth, id);
    } catch (e) {
      // The same key raced in from a retry: the first insert won, so this request answers with that report.
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.reports.findByIdempotencyKey(auth.userId, idempotencyKey);
      if (!winner) throw e;
      return this.queries.detail(auth, winner.id);
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

  /**
   * "我也看到": counts once per user, raises the priority, earns no points. Only for a report the nearby list would
   * show the user where they are now; any other id is answered as if it did not exist, and the answer holds no more
   * than the nearby item.
   */
  async witness(auth: AuthContext, id: number, at: WitnessReportRequest): Promise<NearbyReportResponse> {
    const report = await this.reports.findById(id);
    if (!report || report.flaggedAt) throw reportNotFound();
    if (report.reporterId === auth.userId) throw new AppException('cannot_witness_own_report');
    if (nearbyReach(report, at, new Date()) === null) throw reportNotFound();
    if (isReportFinished(report.status)) throw new AppException('report_not_open');
    await this.tx.run(async (m) => {
      if (!(await this.reports.addWitness(m, id, auth.userId))) return;
      await this.reports.raisePriority(m, id, 1);
      await this.reports.addEvent(m, { reportId: id, type: 'witnessed', actorId: auth.userId });
    });
    const fresh = (await this.reports.findById(id))!;
    const category = await this.categories.findById(fresh.categoryId);
    return mapNearby(fresh, category?.key ?? '', haversineM(at, fresh));
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
}
