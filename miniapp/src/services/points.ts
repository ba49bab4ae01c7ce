import type { LeaderboardParams, LeaderboardPeriod, LeaderboardResponse, PointsBalanceResponse, PointsEntryPageResponse } from '@xjy/shared/points';
import { http } from './http';

export const myPoints = () => http.get<PointsBalanceResponse>('/api/points/me');

export const myPointsEntries = (cursor?: string | null) => http.get<PointsEntryPageResponse>('/api/points/entries', { query: { cursor } });

export const leaderboard = (period: LeaderboardPeriod, areaId?: number) => http.get<LeaderboardResponse>('/api/points/leaderboard', { query: { period, areaId } satisfies LeaderboardParams });
