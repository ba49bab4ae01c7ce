import { Inject, Injectable } from '@nestjs/common';
import {
  LEADERBOARD_SIZE,
  LeaderboardPeriod,
  LeaderboardResponse,
  PAGE_SIZE_DEFAULT,
  PointsBalanceResponse,
  PointsEntryPageResponse,
  ReconcileResponse,
  startOfChinaDay,
  startOfChinaMonth,
  startOfChinaWeek,
} from '@xjy/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { notFound } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { Area } from '../areas/area.entity';
import { PointsLedger } from './points.ledger';
import { PointsRepository } from './points.repository';

/** Start of the current day, week (Monday) or month in China time; null for all time. */
export function periodStart(period: LeaderboardPeriod | 'day', now: Date): Date | null {
  if (period === 'all') return null;
  return period === 'day' ? startOfChinaDay(now) : period === 'week' ? startOfChinaWeek(now) : startOfChinaMonth(now);
}

@Injectable()
export class PointsService {
  constructor(
    private readonly points: PointsRepository,
    private readonly ledger: PointsLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async me(userId: number): Promise<PointsBalanceResponse> {
    const [balance, today] = await Promise.all([
      this.points.findBalance(userId),
      this.ledger.sumSince(this.ds.manager, userId, ['report_accepted', 'report_accept_reversed'], periodStart('day', new Date())!),
    ]);
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
      const area = await this.ds.getRepository(Area).findOne({ where: { id: areaId }, select: { id: true, path: true } });
      if (!area) throw notFound('Area', 'area_not_found');
      areaPath = area.path;
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
