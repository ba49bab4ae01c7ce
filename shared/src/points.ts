import type { PointsReason, PointsSourceType } from './enums.js';

export interface PointsEntryResponse {
  id: number;
  delta: number;
  reason: PointsReason;
  sourceType: PointsSourceType;
  sourceId: number;
  createdAt: string;
}

export interface PointsBalanceResponse {
  balance: number;
  /** Points from accepted reports today, and the daily cap on them. */
  reportPointsToday: number;
  reportPointsDailyCap: number;
}

export const LEADERBOARD_PERIODS = ['week', 'month', 'all'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];
export const LEADERBOARD_SIZE = 50;

export interface PointsEntryPageResponse {
  items: PointsEntryResponse[];
  nextCursor: string | null;
}

export interface LeaderboardRow {
  rank: number;
  userId: number;
  nickname: string;
  points: number;
}
export interface LeaderboardResponse {
  period: LeaderboardPeriod;
  areaId: number | null;
  items: LeaderboardRow[];
  /** The caller's own row, also when they are not in the top rows; null when they earned nothing. */
  me: LeaderboardRow | null;
}

export interface ReconcileResponse {
  checkedUsers: number;
  mismatches: Array<{ userId: number; balance: number; ledgerSum: number }>;
}

/** GET /api/points/entries */
export interface PointsEntriesParams {
  cursor?: string;
}

/** GET /api/points/leaderboard */
export interface LeaderboardParams {
  period?: LeaderboardPeriod;
  /** Only points from reports in this area. */
  areaId?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// 积分与志愿服务时长证明: a member's statement for a period, fixed when issued and checkable by its code.

/** Longest period one statement covers, in China days counting both ends (two years). */
export const STATEMENT_SPAN_DAYS_MAX = 731;
/** Most lines one statement holds; a longer period is refused (ask for a shorter one). */
export const STATEMENT_LINES_MAX = 3000;
/** Most statements one member may hold; each is kept for verification. */
export const STATEMENT_PER_USER_MAX = 100;
/**
 * Verification codes: 20 symbols of Crockford base32 from a crypto random source (100 bits), so a code cannot be
 * guessed or walked; written in groups of four for reading aloud and typing.
 */
export const STATEMENT_CODE_LENGTH = 20;
export const STATEMENT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const STATEMENT_ERROR_CODES = ['statement_not_found', 'statement_period_invalid', 'statement_too_long', 'statement_altered', 'statement_limit_reached'] as const;
export type StatementErrorCode = (typeof STATEMENT_ERROR_CODES)[number];

/**
 * A code as someone typed or scanned it, to the stored form: upper case, group dashes and spaces dropped, and the
 * letters Crockford base32 reads as digits (O → 0, I and L → 1). Null when it cannot be a code.
 */
export function normalizeStatementCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== STATEMENT_CODE_LENGTH) return null;
  for (const ch of s) if (!STATEMENT_CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** "ABCD-EFGH-…": the stored code in groups of four. */
export function formatStatementCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** A member's name as a statement shows it to whoever holds the code: the first character, then one * per other. */
export function maskMemberName(name: string): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export const STATEMENT_LINE_KINDS = ['points', 'hours'] as const;
export type StatementLineKind = (typeof STATEMENT_LINE_KINDS)[number];
/** What a line traces to: the 随手拍 report, the activity (报到 or 志愿服务), or an admin adjustment. */
export const STATEMENT_SOURCE_TYPES = ['report', 'activity', 'adjustment'] as const;
export type StatementSourceType = (typeof STATEMENT_SOURCE_TYPES)[number];
export const STATEMENT_SOURCE_LABELS: Record<StatementSourceType, string> = { report: '随手拍', activity: '活动', adjustment: '调整' };

export interface StatementLine {
  kind: StatementLineKind;
  /** When it counted: the ledger entry's time, or the activity's start for hours. */
  at: string;
  /** Points moved (negative for a reversal); null on an hours line. */
  points: number | null;
  /** Confirmed hours; null on a points line. */
  hours: number | null;
  /** Why points moved; null on an hours line. */
  reason: PointsReason | null;
  sourceType: StatementSourceType;
  /** The report's or activity's number, so the line can be looked up in the register. */
  sourceId: number;
  /** The report's category or the activity's title, as it was when issued. */
  label: string;
  /** The ledger entry (points) or the check-in (hours) the line was read from. */
  recordId: number;
}

/** A statement exactly as issued: the same for its member and for anyone checking the code. */
export interface StatementResponse {
  code: string;
  issuedAt: string;
  /** The period, China dates, both ends included. */
  from: string;
  to: string;
  /** The member's name masked (李*): the statement never shows a phone number or account. */
  memberName: string;
  pointsTotal: number;
  hoursTotal: number;
  lines: StatementLine[];
  /** HMAC-SHA256 of the issued content under the server's key, checked on every read. */
  digest: string;
}

export interface StatementSummary {
  code: string;
  issuedAt: string;
  from: string;
  to: string;
  pointsTotal: number;
  hoursTotal: number;
}

export interface StatementListResponse {
  items: StatementSummary[];
}

/** POST /api/statements */
export interface CreateStatementRequest {
  /** China dates, YYYY-MM-DD, both ends included. */
  from: string;
  to: string;
}
