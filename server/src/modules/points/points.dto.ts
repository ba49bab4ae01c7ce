import type { LeaderboardParams, PointsEntriesParams } from '@xjy/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { LEADERBOARD_PERIODS, LeaderboardPeriod } from '@xjy/shared';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OptionalIdParam } from '../../common/query-params';

export class PointsEntriesQuery implements PointsEntriesParams {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,12}$/, { message: 'cursor is invalid' })
  cursor?: string;
}

export class LeaderboardQuery implements LeaderboardParams {
  @ApiPropertyOptional({ enum: LEADERBOARD_PERIODS, default: 'week' })
  @IsOptional()
  @IsIn(LEADERBOARD_PERIODS)
  period?: LeaderboardPeriod;

  @OptionalIdParam('Only points from reports in this area')
  areaId?: number;
}
