import { Inject, Injectable } from '@nestjs/common';
import {
  LEADERBOARD_SIZE,
  LeaderboardPeriod,
  LeaderboardResponse,
  PAGE_SIZE_DEFAULT,
  PointsBalanceResponse,
  PointsEntryPageResponse,
  PointsReason,
  ReconcileResponse,
  startOfChinaDay,
  startOfChinaMonth,
  startOfChinaWeek,
} from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import type { UnitOfWork } from '../../database/transaction.runner';
import { AreasRepository } from '../areas/areas.repository';
import { PointsLedger } from './points-ledger.repository';
import { PointsRepository } from './points.repository';

/** The entries that count against the daily cap on report points, and what a reporter holds for one report. */
const REPORT_REASONS: PointsReason[] = ['report_accepted', 'report_accept_reversed'];

/** Start of the current day, week (Monday) or month in China time; null for all time. */
export function periodStart(period: LeaderboardPeriod | 'day', now: Date): Date | null {
  if (period === 'all') return null;
  return period === 'day' ? startOfChinaDay(now) : period === 'week' ? startOfChinaWeek(now) : startOfChinaMonth(now);
}

export interface ReportAward {
  reporterId: number;
  reportId: number;
  /** What the staff member asked for, already checked against the category's range. */
  points: number;
  actorId: number;
  now: Date;
}

export interface ReportAwardResult {
  /** False when the ledger already held this report's award (a re-accept after a reopen, or a retry). */
  recorded: boolean;
  /** The award entry's points: less than asked when the daily cap cut it, the earlier entry's when not recorded. */
  delta: number;
  /** What the reporter holds for this report now. */
  held: number;
}

@Injectable()
export class PointsService {
  constructor(
    private readonly points: PointsRepository,
    private readonly ledger: PointsLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly areas: AreasRepository,
  ) {}

  /**
   * Awards an accepted report's points within the reporter's daily cap, inside the caller's transaction. Call it
   * after the conditional status change, so two staff accepting at once award once; the ledger's unique key makes
   * every later award for the same report a no-op.
   */
  async awardForReport(m: UnitOfWork, a: ReportAward): Promise<ReportAwardResult> {
    await this.ledger.lockBalance(m, a.reporterId);
    const today = await this.ledger.sumSince(m, a.reporterId, REPORT_REASONS, startOfChinaDay(a.now));
    const delta = Math.max(0, Math.min(a.points, this.config.reportPointsDailyCap - today));
    const res = await this.ledger.record(m, { userId: a.reporterId, delta, reason: 'report_accepted', sourceType: 'report', sourceId: a.reportId, actorId: a.actorId });
    const held = res.recorded ? res.entry.delta : await this.ledger.sumForSource(m, a.reporterId, 'report', a.reportId, REPORT_REASONS);
    return { recorded: res.recorded, delta: res.entry.delta, held };
  }

  /**
   * Undoes an acceptance (reopen, then reject): one reversing entry for exactly what the reporter holds for the
   * report. False when there is nothing to reverse or it was reversed before.
   */
  async reverseForReport(m: UnitOfWork, r: { reporterId: number; reportId: number; held: number; actorId: number }): Promise<boolean> {
    if (r.held <= 0) return false;
    await this.ledger.lockBalance(m, r.reporterId);
    const res = await this.ledger.record(m, { userId: r.reporterId, delta: -r.held, reason: 'report_accept_reversed', sourceType: 'report', sourceId: r.reportId, actorId: r.actorId });
    return res.recorded;
  }

  async me(userId: number): Promise<PointsBalanceResponse> {
    const [balance, today] = await Promise.all([this.points.findBalance(userId), this.ledger.sumSince(null, userId, REPORT_REASONS, startOfChinaDay(new Date()))]);
    return { balance, reportPointsToday: Math.max(0, today), reportPointsDailyCap: this.config.reportPointsDailyCap };
  }

  async entries(userId: number, cursor: string | undefined): Promise<PointsEntryPageResponse> {
    const rows = await this.points.findEntries(userId, cursor ? Number(cursor) : null, PAGE_SIZE_DEFAULT + 1);
    const items = rows.slice(0, PAGE_SIZE_DEFAULT).map((e) => ({ id: e.id, delta: e.delta, reason: e.reason, sourceType: e.sourceType, sourceId: e.sourceId, createdAt: e.createdAt.toISOString() }));
    return { items, nextCursor: rows.length > PAGE_SIZE_DEFAULT ? String(items[items.length - 1].id) : null };
  }

  async leaderboard(userId: number, period: LeaderboardPeriod, areaId: number | null): Promise<LeaderboardResponse> {
    let areaPath: string | null = null;
    if (areaId) {
      areaPath = await this.areas.findPathById(areaId);
      if (!areaPath) throw new AppException('area_not_found');
    }
    const totals = await this.points.totalsByUser(periodStart(period, new Date()), areaPath);
    // Equal points share a rank (1, 2, 2, 4).
    const ranked = totals.map((t, i) => ({ ...t, rank: i > 0 && totals[i - 1].points === t.points ? -1 : i + 1 }));
    for (let i = 1; i < ranked.length; i++) if (ranked[i].rank === -1) ranked[i].rank = ranked[i - 1].rank;
    const me = ranked.find((r) => r.userId === userId) ?? null;
    return { period, areaId, items: ranked.slice(0, LEADERBOARD_SIZE), me };
  }

  reconcile(): Promise<ReconcileResponse> {
    return this.ledger.reconcile();
  }
}
