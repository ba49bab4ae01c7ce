import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PointsReason, PointsSourceType } from '@xjy/shared';
import { DataSource, EntityManager, In, MoreThanOrEqual } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { AppMetrics } from '../../common/metrics/metrics';
import { afterCommit } from '../../database/transaction.runner';
import { User } from '../users/user.entity';
import { PointsEntry } from './points-entry.entity';

export interface PointsEvent {
  userId: number;
  delta: number;
  reason: PointsReason;
  sourceType: PointsSourceType;
  sourceId: number;
  actorId: number | null;
}

export interface ReconcileResult {
  checkedUsers: number;
  mismatches: Array<{ userId: number; balance: number; ledgerSum: number }>;
}

/**
 * The only writer of points. `record` runs inside the caller's transaction, next to the state change that earns
 * the points, so both commit or neither does; the ledger's unique key turns a repeat of the same event (a retry,
 * a double click, two staff at once) into a no-op instead of a second award.
 */
@Injectable()
export class PointsLedger {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    // The token is named: a union type carries no class for Nest to resolve.
    @Optional() @Inject(AppMetrics) private readonly metrics: AppMetrics | null = null,
  ) {}

  async record(m: EntityManager, event: PointsEvent): Promise<{ recorded: boolean; entry: PointsEntry }> {
    const key = { reason: event.reason, sourceType: event.sourceType, sourceId: event.sourceId, userId: event.userId };
    const repo = m.getRepository(PointsEntry);
    try {
      // A duplicate key fails only this statement on both MySQL and SQLite; the surrounding transaction goes on.
      const entry = await repo.save(repo.create(event));
      if (event.delta !== 0) {
        await m
          .createQueryBuilder()
          .update(User)
          .set({ pointsBalance: () => `pointsBalance + ${Math.trunc(event.delta)}` })
          .where('id = :id', { id: event.userId })
          .execute();
      }
      if (event.delta > 0 && this.metrics) {
        const metrics = this.metrics;
        afterCommit(m, () => metrics.count('points_awarded', event.delta));
      }
      return { recorded: true, entry };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return { recorded: false, entry: await repo.findOneByOrFail(key) };
    }
  }

  /**
   * Locks the user's balance row until the transaction ends, so a check-then-award (the daily cap) cannot be raced
   * by a second award for the same user. The embedded driver runs one transaction at a time and needs no lock.
   */
  async lockBalance(m: EntityManager, userId: number): Promise<void> {
    if (m.connection.options.type === 'better-sqlite3') return;
    await m.getRepository(User).createQueryBuilder('u').select('u.id').setLock('pessimistic_write').where('u.id = :id', { id: userId }).getOne();
  }

  /**
   * Sum of a user's entries with these reasons since a time (e.g. report points today, for the daily cap); inside
   * the caller's transaction when `m` is given.
   */
  async sumSince(m: EntityManager | null, userId: number, reasons: PointsReason[], since: Date): Promise<number> {
    const row = await (m ?? this.ds.manager)
      .getRepository(PointsEntry)
      .createQueryBuilder('p')
      .select('COALESCE(SUM(p.delta), 0)', 'total')
      .where({ userId, reason: In(reasons), createdAt: MoreThanOrEqual(since) })
      .getRawOne<{ total: string | number }>();
    return Number(row?.total ?? 0);
  }

  /** What a user holds from one source (e.g. one report): the sum of its entries with these reasons. */
  async sumForSource(m: EntityManager, userId: number, sourceType: PointsEntry['sourceType'], sourceId: number, reasons: PointsReason[]): Promise<number> {
    const row = await m
      .getRepository(PointsEntry)
      .createQueryBuilder('p')
      .select('COALESCE(SUM(p.delta), 0)', 'total')
      .where({ userId, sourceType, sourceId, reason: In(reasons) })
      .getRawOne<{ total: string | number }>();
    return Number(row?.total ?? 0);
  }

  /** Sum of a user's entries with these reasons in [from, to). */
  async sumBetween(userId: number, reasons: PointsReason[], from: Date, to: Date): Promise<number> {
    const row = await this.ds
      .getRepository(PointsEntry)
      .createQueryBuilder('p')
      .select('COALESCE(SUM(p.delta), 0)', 'total')
      .where({ userId, reason: In(reasons) })
      .andWhere('p.createdAt >= :from AND p.createdAt < :to', { from, to })
      .getRawOne<{ total: string | number }>();
    return Number(row?.total ?? 0);
  }

  /** Proves every balance equals the sum of its entries (a user with no entries must have 0). */
  async reconcile(): Promise<ReconcileResult> {
    const rows = await this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoin(PointsEntry, 'p', 'p.userId = u.id')
      .select('u.id', 'userId')
      .addSelect('u.pointsBalance', 'balance')
      .addSelect('COALESCE(SUM(p.delta), 0)', 'ledgerSum')
      .groupBy('u.id')
      .addGroupBy('u.pointsBalance')
      .getRawMany<{ userId: number; balance: number; ledgerSum: string | number }>();
    const mismatches = rows
      .map((r) => ({ userId: Number(r.userId), balance: Number(r.balance), ledgerSum: Number(r.ledgerSum) }))
      .filter((r) => r.balance !== r.ledgerSum);
    return { checkedUsers: rows.length, mismatches };
  }
}
