import { Inject, Injectable } from '@nestjs/common';
import {
  maskMemberName,
  normalizeStatementCode,
  POINTS_REASON_LABELS,
  STATEMENT_LINES_MAX,
  STATEMENT_PER_USER_MAX,
  StatementListResponse,
  StatementResponse,
} from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import { isUniqueViolation } from '../../common/db-errors';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { TransactionRunner } from '../../database/transaction.runner';
import { digestMatches, newStatementCode, parseStatementPeriod, roundHours, statementDigest } from './statement-rules';
import type { Statement } from './statement.entity';
import { mapStatement, mapStatementSummary } from './statements.response';
import { HoursSourceRow, PointsSourceRow, StatementHeader, StatementLineFields, StatementsRepository } from './statements.repository';

const LABEL_MAX = 80;
const CODE_ATTEMPTS = 3;

/**
 * 积分与志愿服务时长证明. A member issues a statement of one period: every ledger entry in it (each traced to its
 * 随手拍 report or activity) and every check-in whose volunteer hours staff confirmed. It is fixed when issued:
 * stored line by line with an HMAC digest, so what the code shows later is what was issued, or is refused as altered.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly statements: StatementsRepository,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: number, from: string, to: string, now = new Date()): Promise<StatementResponse> {
    const period = parseStatementPeriod(from, to, now);
    const held = await this.statements.countByUser(userId);
    if (held >= STATEMENT_PER_USER_MAX) throw new AppException('statement_limit_reached', { max: STATEMENT_PER_USER_MAX });
    const [name, points, hours] = await Promise.all([
      this.statements.findMemberName(userId),
      this.statements.findPointsSources(userId, period.since, period.until, STATEMENT_LINES_MAX + 1),
      this.statements.findConfirmedHours(userId, period.since, period.until, STATEMENT_LINES_MAX + 1),
    ]);
    if (points.length + hours.length > STATEMENT_LINES_MAX) throw new AppException('statement_too_long', { linesMax: STATEMENT_LINES_MAX });
    const lines = [...points.map(pointsLine), ...hours.map(hoursLine)].map((l, seq) => ({ ...l, seq }));
    const base = {
      userId,
      fromDate: period.from,
      toDate: period.to,
      memberName: maskMemberName(name ?? ''),
      pointsTotal: points.reduce((s, p) => s + p.delta, 0),
      hoursTotal: roundHours(hours.reduce((s, h) => s + roundHours(h.hours), 0)),
      issuedAt: now,
    };
    for (let attempt = 1; ; attempt++) {
      const code = newStatementCode();
      const header: StatementHeader = { ...base, code, digest: statementDigest(this.config.jwtSecret, { ...base, code }, lines) };
      try {
        const saved = await this.tx.run((m) => this.statements.insert(m, header, lines));
        return mapStatement(saved, lines);
      } catch (e) {
        // Two equal codes from 100 random bits do not happen; if one ever did, a new code settles it.
        if (!isUniqueViolation(e) || attempt >= CODE_ATTEMPTS) throw e;
      }
    }
  }

  /** Anyone holding the code: the statement as issued, 404 for a code never issued, 409 when its rows changed since. */
  async verify(input: string): Promise<StatementResponse> {
    const code = normalizeStatementCode(input);
    const found = code ? await this.statements.findByCode(code) : null;
    if (!found) throw new AppException('statement_not_found');
    if (!digestMatches(found.statement.digest, statementDigest(this.config.jwtSecret, found.statement, found.lines))) throw new AppException('statement_altered');
    return mapStatement(found.statement, found.lines);
  }

  async mine(userId: number): Promise<StatementListResponse> {
    return { items: (await this.statements.findByUser(userId)).map((s: Statement) => mapStatementSummary(s)) };
  }
}

const clip = (s: string) => [...s].slice(0, LABEL_MAX).join('');

/** A ledger entry as a line: a report's points trace to the report, a check-in's to its activity. */
function pointsLine(p: PointsSourceRow): Omit<StatementLineFields, 'seq'> {
  const common = { kind: 'points' as const, at: p.at, points: p.delta, hours: null, reason: p.reason, recordId: p.entryId };
  if (p.sourceType === 'report') return { ...common, sourceType: 'report', sourceId: p.sourceId, label: clip(p.categoryLabel ?? POINTS_REASON_LABELS[p.reason]) };
  if (p.sourceType === 'check_in') return { ...common, sourceType: 'activity', sourceId: p.activityId ?? 0, label: clip(p.activityTitle ?? POINTS_REASON_LABELS[p.reason]) };
  return { ...common, sourceType: 'adjustment', sourceId: p.sourceId, label: clip(POINTS_REASON_LABELS[p.reason]) };
}

function hoursLine(h: HoursSourceRow): Omit<StatementLineFields, 'seq'> {
  return { kind: 'hours', at: h.startsAt, points: null, hours: roundHours(h.hours), reason: null, sourceType: 'activity', sourceId: h.activityId, label: clip(h.activityTitle), recordId: h.checkInId };
}
