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
  CHECK_IN_FLAGS,
  CheckInFlag,
  ConfirmHoursResponse,
  HOURS_STATUSES,
  HoursStatus,
  MEETING_KINDS,
  MeetingKind,
  QrTokenResponse,
  REVIEW_STATUSES,
  ReviewStatus,
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

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedOutAt!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  hours!: number | null;

  @ApiProperty({ enum: HOURS_STATUSES, nullable: true })
  hoursStatus!: HoursStatus | null;
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

  @ApiProperty({ description: 'Volunteer and training: sign-in and sign-out, hours' })
  countsHours!: boolean;

  @ApiProperty({ type: 'integer', description: 'Percent of the activity a session must cover' })
  hoursThresholdPct!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signOutClosesAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  hoursConfirmedAt!: string | null;

  @ApiProperty({ enum: MEETING_KINDS, nullable: true })
  meetingKind!: MeetingKind | null;
}

export class QrTokenResponseDto implements QrTokenResponse {
  @ApiProperty({ description: '<activityId>.<slot>.<HMAC>' })
  token!: string;

  @ApiProperty({ description: 'The same slot as a 6-digit code to type' })
  code!: string;

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

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedOutAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Clipped to the activity window' })
  hours!: number | null;

  @ApiProperty({ enum: HOURS_STATUSES, nullable: true })
  hoursStatus!: HoursStatus | null;

  @ApiProperty({ enum: CHECK_IN_FLAGS, isArray: true, description: 'Reasons for 待核实' })
  flags!: CheckInFlag[];

  @ApiProperty({ enum: REVIEW_STATUSES, nullable: true })
  review!: ReviewStatus | null;

  @ApiProperty({ type: String, nullable: true })
  reviewNote!: string | null;

  @ApiProperty({ type: UserRefDto, nullable: true })
  closedBy!: UserRefDto | null;

  @ApiProperty({ type: String, nullable: true })
  closeNote!: string | null;
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

  @ApiProperty({ description: 'Confirmed volunteer and training hours' })
  confirmedHours!: number;
}

export class ConfirmHoursResponseDto implements ConfirmHoursResponse {
  @ApiProperty()
  activityId!: number;

  @ApiProperty({ format: 'date-time' })
  hoursConfirmedAt!: string;

  @ApiProperty({ type: 'integer' })
  confirmed!: number;

  @ApiProperty({ type: 'integer' })
  belowThreshold!: number;

  @ApiProperty({ type: 'integer' })
  openSessions!: number;

  @ApiProperty({ type: 'integer' })
  awaitingReview!: number;

  @ApiProperty({ type: 'integer' })
  pointsAwarded!: number;
}

export const ActivityListDto = ListOf(ActivityResponseDto);
export const CheckInListDto = ListOf(CheckInResponseDto);

export class MeetingRuleDto {
  @ApiProperty({ enum: MEETING_KINDS })
  kind!: MeetingKind;

  @ApiProperty({ enum: ['quarter', 'month'] })
  per!: 'quarter' | 'month';

  @ApiProperty({ type: 'integer' })
  min!: number;
}

export class MeetingRuleProgressDto extends MeetingRuleDto {
  @ApiProperty({ type: 'integer', isArray: true, description: 'Attended per period: one for a quarter rule, three months for a monthly one' })
  attended!: number[];

  @ApiProperty()
  met!: boolean;
}

export class MemberMeetingsDto {
  @ApiProperty({ type: UserRefDto })
  member!: UserRefDto;

  @ApiProperty({ type: [MeetingRuleProgressDto] })
  rules!: MeetingRuleProgressDto[];

  @ApiProperty()
  met!: boolean;
}

export class OrganizationMeetingsDto {
  @ApiProperty({ description: 'e.g. 2026Q4' })
  quarter!: string;

  @ApiProperty({ type: [MeetingRuleDto] })
  rules!: MeetingRuleDto[];

  @ApiProperty({ type: [MemberMeetingsDto] })
  items!: MemberMeetingsDto[];
}
