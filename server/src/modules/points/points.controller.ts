import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LeaderboardResponse, PointsBalanceResponse, PointsEntryPageResponse, ReconcileResponse } from '@xjy/shared';
import { Access, ADMIN, ANY_USER, CurrentAuth } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { LeaderboardQuery, PointsEntriesQuery } from './points.dto';
import { PointsService } from './points.service';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { LeaderboardResponseDto, PointsBalanceResponseDto, PointsEntryPageResponseDto, ReconcileResponseDto } from './points.response';

@ApiTags('points')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class PointsController {
  constructor(private readonly points: PointsService) {}

  @Get('points/me')
  @Access(ANY_USER)
  @ApiOkResponse({ type: PointsBalanceResponseDto })
  @ApiOperation({ summary: 'My balance and report points today against the daily cap' })
  me(@CurrentAuth() auth: AuthContext): Promise<PointsBalanceResponse> {
    return this.points.me(auth.userId);
  }

  @Get('points/entries')
  @Access(ANY_USER)
  @ApiOkResponse({ type: PointsEntryPageResponseDto })
  @ApiErrors(400)
  @ApiOperation({ summary: 'My ledger entries, newest first' })
  entries(@CurrentAuth() auth: AuthContext, @Query() q: PointsEntriesQuery): Promise<PointsEntryPageResponse> {
    return this.points.entries(auth.userId, q.cursor);
  }

  @Get('points/leaderboard')
  @Access(ANY_USER)
  @ApiOkResponse({ type: LeaderboardResponseDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Top earners this week, month or all time, optionally in one area' })
  leaderboard(@CurrentAuth() auth: AuthContext, @Query() q: LeaderboardQuery): Promise<LeaderboardResponse> {
    return this.points.leaderboard(auth.userId, q.period ?? 'week', q.areaId ?? null);
  }

  @Post('admin/points/reconcile')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOkResponse({ type: ReconcileResponseDto })
  @ApiErrors(429)
  @ApiOperation({ summary: 'Prove every balance equals the sum of its ledger entries (lists mismatches)' })
  reconcile(): Promise<ReconcileResponse> {
    return this.points.reconcile();
  }
}
