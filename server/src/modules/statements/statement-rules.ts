import { CHINA_OFFSET_MS, chinaDateKey, DAY_MS, STATEMENT_CODE_ALPHABET, STATEMENT_CODE_LENGTH, STATEMENT_SPAN_DAYS_MAX } from '@xjy/shared';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppException } from '../../common/app.exception';
import type { Statement, StatementLineRow } from './statement.entity';

/** A fresh verification code: STATEMENT_CODE_LENGTH symbols of base32, each from 5 bits of a crypto random byte. */
export function newStatementCode(): string {
  const bytes = randomBytes(STATEMENT_CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += STATEMENT_CODE_ALPHABET[b & 31];
  return code;
}

export interface StatementPeriod {
  from: string;
  to: string;
  /** Midnight in China starting `from`, and the one after `to`: the half-open range [since, until). */
  since: Date;
  until: Date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight in China of a real calendar date written YYYY-MM-DD; null for anything else (2026-02-30 included). */
function chinaMidnight(date: string): Date | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return new Date(utc - CHINA_OFFSET_MS);
}

/**
 * The period a statement covers: real dates, from ≤ to, to no later than today in China, at most
 * STATEMENT_SPAN_DAYS_MAX days counting both ends. Anything else is 400 statement_period_invalid with the reason.
 */
export function parseStatementPeriod(from: string, to: string, now: Date): StatementPeriod {
  const invalid = (reason: 'date' | 'order' | 'future' | 'too_long') => new AppException('statement_period_invalid', { reason, spanDaysMax: STATEMENT_SPAN_DAYS_MAX });
  const since = chinaMidnight(from);
  const toStart = chinaMidnight(to);
  if (!since || !toStart) throw invalid('date');
  if (since.getTime() > toStart.getTime()) throw invalid('order');
  if (to > chinaDateKey(now)) throw invalid('future');
  const days = Math.round((toStart.getTime() - since.getTime()) / DAY_MS) + 1;
  if (days > STATEMENT_SPAN_DAYS_MAX) throw invalid('too_long');
  return { from, to, since, until: new Date(toStart.getTime() + DAY_MS) };
}

type DigestInput = Pick<Statement, 'code' | 'userId' | 'fromDate' | 'toDate' | 'memberName' | 'pointsTotal' | 'hoursTotal' | 'issuedAt'>;
type DigestLine = Pick<StatementLineRow, 'seq' | 'kind' | 'at' | 'points' | 'hours' | 'reason' | 'sourceType' | 'sourceId' | 'label' | 'recordId'>;

/**
 * HMAC-SHA256 (hex) over everything a statement shows, in a fixed order, under a key derived from the server's
 * secret: a row changed in the database no longer matches, and only this server can make one that does.
 */
export function statementDigest(secret: string, s: DigestInput, lines: readonly DigestLine[]): string {
  const canonical = JSON.stringify([
    s.code,
    s.userId,
    s.fromDate,
    s.toDate,
    s.memberName,
    s.pointsTotal,
    s.hoursTotal,
    s.issuedAt.toISOString(),
    [...lines].sort((a, b) => a.seq - b.seq).map((l) => [l.seq, l.kind, l.at.toISOString(), l.points, l.hours, l.reason, l.sourceType, l.sourceId, l.label, l.recordId]),
  ]);
  return createHmac('sha256', `statement:${secret}`).update(canonical).digest('hex');
}

export function digestMatches(stored: string, computed: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(computed);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Hours to two decimals, as statements show and sum them. */
export const roundHours = (h: number) => Math.round(h * 100) / 100;
