import type { LeaderboardParams, PointsEntriesParams } from '@xjy/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { LEADERBOARD_PERIODS, LeaderboardPeriod } from '@xjy/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsPositive, Matches } from 'class-validator';

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

  @ApiPropertyOptional({ description: 'Only points from reports in this area' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsPositive()
  areaId?: number;
}
