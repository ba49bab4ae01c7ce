import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PointsReason, PointsSourceType } from '@xjy/shared';
import { DataSource } from 'typeorm';
import type { UnitOfWork } from '../../database/transaction.runner';
import { Activity } from '../activities/activity.entity';
import { CheckIn } from '../activities/check-in.entity';
import { PointsEntry } from '../points/points-entry.entity';
import { ReportCategory } from '../reports/categories/report-category.entity';
import { Report } from '../reports/report.entity';
import { User } from '../users/user.entity';
import { Statement, StatementLineRow } from './statement.entity';

/** A ledger entry in a period, with what it traces to: the report's category, or the check-in's activity. */
export interface PointsSourceRow {
  entryId: number;
  at: Date;
  delta: number;
  reason: PointsReason;
  sourceType: PointsSourceType;
  sourceId: number;
  categoryLabel: string | null;
  activityId: number | null;
  activityTitle: string | null;
}

/** A check-in whose volunteer hours staff confirmed, with its activity. */
export interface HoursSourceRow {
  checkInId: number;
  activityId: number;
  activityTitle: string;
  startsAt: Date;
  hours: number;
}

export type StatementHeader = Omit<Statement, 'id' | 'user'>;
export type StatementLineFields = Omit<StatementLineRow, 'id' | 'statementId' | 'statement'>;

const LINE_INSERT_CHUNK = 500;

@Injectable()
export class StatementsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findMemberName(userId: number): Promise<string | null> {
    return this.ds
      .getRepository(User)
      .findOne({ where: { id: userId }, select: { id: true, nickname: true } })
      .then((u) => (u ? u.nickname : null));
  }

  /** Ledger entries with createdAt in [since, until), oldest first, at most `limit`. */
  async findPointsSources(userId: number, since: Date, until: Date, limit: number): Promise<PointsSourceRow[]> {
    const rows = await this.ds
      .getRepository(PointsEntry)
      .createQueryBuilder('p')
      .leftJoin(Report, 'r', "p.sourceType = 'report' AND r.id = p.sourceId")
      .leftJoin(ReportCategory, 'c', 'c.id = r.categoryId')
      .leftJoin(CheckIn, 'ci', "p.sourceType = 'check_in' AND ci.id = p.sourceId")
      .leftJoin(Activity, 'a', 'a.id = ci.activityId')
      .select('p.id', 'entryId')
      .addSelect('p.createdAt', 'at')
      .addSelect('p.delta', 'delta')
      .addSelect('p.reason', 'reason')
      .addSelect('p.sourceType', 'sourceType')
      .addSelect('p.sourceId', 'sourceId')
      .addSelect('c.label', 'categoryLabel')
      .addSelect('a.id', 'activityId')
      .addSelect('a.title', 'activityTitle')
      .where('p.userId = :userId', { userId })
      .andWhere('p.createdAt >= :since AND p.createdAt < :until', { since, until })
      .andWhere('p.delta <> 0')
      .orderBy('p.createdAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      entryId: Number(r.entryId),
      at: toDate(r.at),
      delta: Number(r.delta),
      reason: r.reason as PointsReason,
      sourceType: r.sourceType as PointsSourceType,
      sourceId: Number(r.sourceId),
      categoryLabel: (r.categoryLabel as string | null) ?? null,
      activityId: r.activityId === null || r.activityId === undefined ? null : Number(r.activityId),
      activityTitle: (r.activityTitle as string | null) ?? null,
    }));
  }

  /** Attended check-ins whose hours staff confirmed, for activities that started in [since, until), oldest first. */
  async findConfirmedHours(userId: number, since: Date, until: Date, limit: number): Promise<HoursSourceRow[]> {
    const rows = await this.ds
      .getRepository(CheckIn)
      .createQueryBuilder('ci')
      .innerJoin(Activity, 'a', 'a.id = ci.activityId')
      .select('ci.id', 'checkInId')
      .addSelect('a.id', 'activityId')
      .addSelect('a.title', 'activityTitle')
      .addSelect('a.startsAt', 'startsAt')
      .addSelect('ci.hours', 'hours')
      .where('ci.userId = :userId', { userId })
      .andWhere("ci.hoursStatus = 'confirmed'")
      .andWhere('ci.attendanceKey IS NOT NULL')
      .andWhere('a.startsAt >= :since AND a.startsAt < :until', { since, until })
      .orderBy('a.startsAt', 'ASC')
      .addOrderBy('ci.id', 'ASC')
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    return rows
      .map((r) => ({ checkInId: Number(r.checkInId), activityId: Number(r.activityId), activityTitle: String(r.activityTitle), startsAt: toDate(r.startsAt), hours: Number(r.hours) }))
      .filter((r) => Number.isFinite(r.hours) && r.hours > 0);
  }

  countByUser(userId: number): Promise<number> {
    return this.ds.getRepository(Statement).count({ where: { userId } });
  }

  /** The header and its lines in the caller's transaction; the code's unique key refuses a (vanishingly rare) repeat. */
  async insert(m: UnitOfWork, header: StatementHeader, lines: StatementLineFields[]): Promise<Statement> {
    const saved = await m.getRepository(Statement).save(m.getRepository(Statement).create(header));
    for (let i = 0; i < lines.length; i += LINE_INSERT_CHUNK) {
      await m.getRepository(StatementLineRow).insert(lines.slice(i, i + LINE_INSERT_CHUNK).map((l) => ({ ...l, statementId: saved.id })));
    }
    return saved;
  }

  async findByCode(code: string): Promise<{ statement: Statement; lines: StatementLineRow[] } | null> {
    const statement = await this.ds.getRepository(Statement).findOne({ where: { code } });
    if (!statement) return null;
    const lines = await this.ds.getRepository(StatementLineRow).find({ where: { statementId: statement.id }, order: { seq: 'ASC' } });
    return { statement, lines };
  }

  findByUser(userId: number): Promise<Statement[]> {
    return this.ds.getRepository(Statement).find({ where: { userId }, order: { issuedAt: 'DESC', id: 'DESC' } });
  }
}

/** Raw datetime values: a Date from mysql2, a text 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) from SQLite. */
function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
