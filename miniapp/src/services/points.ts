import type { CreateStatementRequest, LeaderboardParams, LeaderboardPeriod, LeaderboardResponse, PointsBalanceResponse, PointsEntryPageResponse, StatementListResponse, StatementResponse } from '@xjy/shared/points';
import { http } from './http';

export const myPoints = () => http.get<PointsBalanceResponse>('/api/points/me');

export const myPointsEntries = (cursor?: string | null) => http.get<PointsEntryPageResponse>('/api/points/entries', { query: { cursor } });

export const leaderboard = (period: LeaderboardPeriod, areaId?: number) => http.get<LeaderboardResponse>('/api/points/leaderboard', { query: { period, areaId } satisfies LeaderboardParams });

/** 积分与志愿服务时长证明: issue one for a period (China dates, both ends included). */
export const createStatement = (body: CreateStatementRequest) => http.post<StatementResponse>('/api/statements', body);

export const myStatements = () => http.get<StatementListResponse>('/api/statements');

/** Anyone with the code, logged in or not: the statement exactly as issued. */
export const verifyStatement = (code: string) => http.get<StatementResponse>(`/api/statements/${encodeURIComponent(code)}`);
