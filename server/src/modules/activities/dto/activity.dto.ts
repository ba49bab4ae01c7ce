import type { ListActivitiesParams } from '@xjy/shared';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ACTIVITY_NOTE_MAX,
  ACTIVITY_POINTS_MAX,
  ACTIVITY_RADIUS_MAX_M,
  ACTIVITY_TITLE_MAX,
  ACTIVITY_TYPES,
  ActivityType,
  ApproveCheckInRequest,
  CheckInRequest,
  CreateActivityRequest,
  HOURS_THRESHOLD_PCT_DEFAULT,
  HOURS_THRESHOLD_PCT_MAX,
  HOURS_THRESHOLD_PCT_MIN,
  MEETING_KINDS,
  MeetingKind,
  UpdateActivityRequest,
} from '@xjy/shared';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsLatInChina } from '../../../common/geo-validators';
import { OptionalIdParam } from '../../../common/query-params';

export class CreateActivityDto implements CreateActivityRequest {
  @ApiProperty()
  @IsInt()
  @IsPositive()
  organizationId: number;

  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  @ApiProperty({ maxLength: ACTIVITY_TITLE_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_TITLE_MAX)
  title: string;

  @ApiProperty({ example: '2026-11-22T19:00:00+08:00' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-11-22T21:00:00+08:00' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({ description: 'GCJ-02' })
  @IsNumber()
  @IsLatInChina('lng')
  lat: number;

  @ApiProperty({ description: 'GCJ-02' })
  @IsNumber()
  lng: number;

  @ApiPropertyOptional({ default: 300, maximum: ACTIVITY_RADIUS_MAX_M })
  @IsOptional()
  @IsInt()
  @Min(20)
  @Max(ACTIVITY_RADIUS_MAX_M)
  radiusM?: number;

  @ApiPropertyOptional({ description: 'Volunteer activities only', maximum: ACTIVITY_POINTS_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(ACTIVITY_POINTS_MAX)
  points?: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @ValidateIf((o: CreateActivityDto) => o.capacity !== undefined && o.capacity !== null)
  @IsInt()
  @IsPositive()
  @Max(100_000)
  capacity?: number | null;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  address?: string;

  @ApiPropertyOptional({ default: HOURS_THRESHOLD_PCT_DEFAULT, minimum: HOURS_THRESHOLD_PCT_MIN, maximum: HOURS_THRESHOLD_PCT_MAX, description: 'Volunteer and training: percent of the activity a session must cover' })
  @IsOptional()
  @IsInt()
  @Min(HOURS_THRESHOLD_PCT_MIN)
  @Max(HOURS_THRESHOLD_PCT_MAX)
  hoursThresholdPct?: number;

  @ApiPropertyOptional({ enum: MEETING_KINDS, nullable: true, description: 'Meetings only: which of 三会一课' })
  @ValidateIf((o: CreateActivityDto) => o.meetingKind !== undefined && o.meetingKind !== null)
  @IsIn(MEETING_KINDS)
  meetingKind?: MeetingKind | null;
}

/**
 * Every field of create except the organization and type, each optional and checked as on create; the point stays
 * a pair: giving lat or lng alone is refused.
 */
export class UpdateActivityDto extends PartialType(OmitType(CreateActivityDto, ['organizationId', 'type', 'lat', 'lng'] as const)) implements UpdateActivityRequest {
  @ApiPropertyOptional({ description: 'GCJ-02; with lng' })
  @ValidateIf((o: UpdateActivityDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber()
  @IsLatInChina('lng')
  lat?: number;

  @ApiPropertyOptional({ description: 'GCJ-02; with lat' })
  @ValidateIf((o: UpdateActivityDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber()
  lng?: number;
}

export class ListActivitiesQuery implements ListActivitiesParams {
  @ApiPropertyOptional({ enum: ['mine', 'managed'], default: 'mine', description: 'mine: my two organizations and all volunteer service; managed: staff, in scope' })
  @IsOptional()
  @IsIn(['mine', 'managed'])
  scope?: 'mine' | 'managed';

  @OptionalIdParam()
  organizationId?: number;
}

export class CheckInDto implements CheckInRequest {
  @ApiProperty({ description: 'The code from the QR on the staff screen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  token: string;

  @ApiProperty()
  @IsNumber()
  @IsLatInChina('lng')
  lat: number;

  @ApiProperty()
  @IsNumber()
  lng: number;

  @ApiProperty({ description: 'Reported GPS accuracy in metres' })
  @IsNumber()
  @Min(0)
  @Max(100_000)
  accuracyM: number;
}

export class ApproveCheckInDto implements ApproveCheckInRequest {
  @ApiProperty({ maxLength: ACTIVITY_NOTE_MAX, description: 'Why it is approved by hand (kept for audit)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_NOTE_MAX)
  note: string;
}
