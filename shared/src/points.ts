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
