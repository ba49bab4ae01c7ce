import { ApiProperty } from '@nestjs/swagger';
import {
  LEADERBOARD_PERIODS,
  LeaderboardPeriod,
  LeaderboardResponse,
  LeaderboardRow,
  POINTS_REASONS,
  POINTS_SOURCE_TYPES,
  PointsBalanceResponse,
  PointsEntryPageResponse,
  PointsEntryResponse,
  PointsReason,
  PointsSourceType,
  ReconcileResponse,
} from '@xjy/shared';

export class PointsBalanceResponseDto implements PointsBalanceResponse {
  @ApiProperty({ type: 'integer' })
  balance!: number;

  @ApiProperty({ type: 'integer' })
  reportPointsToday!: number;

  @ApiProperty({ type: 'integer' })
  reportPointsDailyCap!: number;
}

export class PointsEntryResponseDto implements PointsEntryResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: 'integer' })
  delta!: number;

  @ApiProperty({ enum: POINTS_REASONS })
  reason!: PointsReason;

  @ApiProperty({ enum: POINTS_SOURCE_TYPES })
  sourceType!: PointsSourceType;

  @ApiProperty()
  sourceId!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class PointsEntryPageResponseDto implements PointsEntryPageResponse {
  @ApiProperty({ type: [PointsEntryResponseDto] })
  items!: PointsEntryResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class LeaderboardRowDto implements LeaderboardRow {
  @ApiProperty({ type: 'integer' })
  rank!: number;

  @ApiProperty()
  userId!: number;

  @ApiProperty()
  nickname!: string;

  @ApiProperty({ type: 'integer' })
  points!: number;
}

export class LeaderboardResponseDto implements LeaderboardResponse {
  @ApiProperty({ enum: LEADERBOARD_PERIODS })
  period!: LeaderboardPeriod;

  @ApiProperty({ type: Number, nullable: true })
  areaId!: number | null;

  @ApiProperty({ type: [LeaderboardRowDto] })
  items!: LeaderboardRow[];

  @ApiProperty({ type: LeaderboardRowDto, nullable: true })
  me!: LeaderboardRow | null;
}

export class ReconcileMismatchDto {
  @ApiProperty()
  userId!: number;

  @ApiProperty({ type: 'integer' })
  balance!: number;

  @ApiProperty({ type: 'integer' })
  ledgerSum!: number;
}

export class ReconcileResponseDto implements ReconcileResponse {
  @ApiProperty({ type: 'integer' })
  checkedUsers!: number;

  @ApiProperty({ type: [ReconcileMismatchDto] })
  mismatches!: ReconcileMismatchDto[];
}
