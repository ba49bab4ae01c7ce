import { ApiProperty } from '@nestjs/swagger';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  ActivityResponse,
  ActivityStatus,
  ActivityType,
  AttendanceResponse,
  CHECK_IN_REFUSALS,
  CHECK_IN_STATUSES,
  CheckInRefusal,
  CheckInResponse,
  CheckInStatus,
  QrTokenResponse,
} from '@xjy/shared';
import { ListOf } from '../../../common/api-errors.decorator';

export class IdNameDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;
}

export class UserRefDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  nickname!: string;
}

export class MyCheckInDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: CHECK_IN_STATUSES })
  status!: CheckInStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ActivityResponseDto implements ActivityResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: IdNameDto })
  organization!: IdNameDto;

  @ApiProperty({ enum: ACTIVITY_TYPES })
  type!: ActivityType;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ format: 'date-time' })
  checkInOpensAt!: string;

  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;

  @ApiProperty()
  radiusM!: number;

  @ApiProperty({ type: 'integer' })
  points!: number;

  @ApiProperty({ type: 'integer', nullable: true })
  capacity!: number | null;

  @ApiProperty({ enum: ACTIVITY_STATUSES })
  status!: ActivityStatus;

  @ApiProperty({ type: 'integer' })
  checkedInCount!: number;

  @ApiProperty({ description: 'Whether the caller may check in' })
  eligible!: boolean;

  @ApiProperty({ type: MyCheckInDto, nullable: true })
  myCheckIn!: MyCheckInDto | null;
}

export class QrTokenResponseDto implements QrTokenResponse {
  @ApiProperty({ description: '<activityId>.<slot>.<HMAC>' })
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: 'integer' })
  slotSeconds!: number;
}

export class CheckInResponseDto implements CheckInResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  activityId!: number;

  @ApiProperty()
  activityTitle!: string;

  @ApiProperty({ enum: CHECK_IN_STATUSES })
  status!: CheckInStatus;

  @ApiProperty({ enum: CHECK_IN_REFUSALS, nullable: true })
  refusal!: CheckInRefusal | null;

  @ApiProperty({ type: Number, nullable: true })
  distanceM!: number | null;

  @ApiProperty({ type: 'integer' })
  pointsAwarded!: number;

  @ApiProperty({ type: UserRefDto })
  member!: UserRefDto;

  @ApiProperty({ type: UserRefDto, nullable: true })
  approvedBy!: UserRefDto | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AttendanceResponseDto implements AttendanceResponse {
  @ApiProperty({ description: 'e.g. 2026Q4' })
  quarter!: string;

  @ApiProperty({ type: 'integer' })
  meetingsAttended!: number;

  @ApiProperty({ type: 'integer' })
  activitiesAttended!: number;

  @ApiProperty({ type: 'integer' })
  volunteerPoints!: number;
}

export const ActivityListDto = ListOf(ActivityResponseDto);
export const CheckInListDto = ListOf(CheckInResponseDto);
