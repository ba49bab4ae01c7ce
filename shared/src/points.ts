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
