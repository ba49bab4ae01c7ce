import { ApiProperty } from '@nestjs/swagger';
import {
  NearbyReportResponse,
  REPORT_ACTIONS,
  REPORT_DEADLINES,
  REPORT_OUTCOMES,
  REPORT_PENDING_REQUESTS,
  REPORT_RATINGS,
  REPORT_STAGES,
  ROLES,
  ReportDeadline,
  ReportHolderResponse,
  ReportOutcome,
  ReportPendingRequest,
  ReportRating,
  ReportStage,
  ReportStageResponse,
  Role,
  REPORT_EVENT_TYPES,
  REPORT_REJECT_REASONS,
  REPORT_STATUS_GROUPS,
  REPORT_STATUSES,
  ReportAction,
  ReportDetailResponse,
  ReportEventResponse,
  ReportEventType,
  ReportPageResponse,
  ReportRejectReason,
  ReportStatus,
  ReportStatusGroup,
  ReportSummaryResponse,
} from '@xjy/shared';
import { MediaResponseDto } from '../../media/dto/media.response';
import { DepartmentResponseDto } from '../departments/department.response';

export class ReportActorDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  nickname!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;
}

export class ReportEventResponseDto implements ReportEventResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: REPORT_EVENT_TYPES })
  type!: ReportEventType;

  @ApiProperty({ type: ReportActorDto, nullable: true })
  actor!: ReportActorDto | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  points!: number | null;

  @ApiProperty({ enum: REPORT_REJECT_REASONS, nullable: true })
  reason!: ReportRejectReason | null;

  @ApiProperty({ type: String, nullable: true })
  departmentName!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  ofReportId!: number | null;

  @ApiProperty({ type: [MediaResponseDto] })
  photos!: MediaResponseDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ enum: REPORT_STATUSES, nullable: true, description: 'The status after the event (null before the closed loop)' })
  status!: ReportStatus | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The deadline the event started' })
  dueAt!: string | null;

  @ApiProperty({ description: 'The step ended after the deadline it ran under' })
  late!: boolean;

  @ApiProperty({ enum: REPORT_OUTCOMES, nullable: true })
  outcome!: ReportOutcome | null;

  @ApiProperty({ enum: REPORT_RATINGS, nullable: true })
  rating!: ReportRating | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Extension hours asked or granted' })
  hours!: number | null;

  @ApiProperty({ type: Boolean, nullable: true, description: "confirmed: the reporter's answer" })
  fixed!: boolean | null;

  @ApiProperty({ type: 'integer', nullable: true })
  escalationLevel!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'escalated: the area raised to' })
  escalatedToName!: string | null;
}

export class ReportStageResponseDto implements ReportStageResponse {
  @ApiProperty({ enum: REPORT_STAGES })
  stage!: ReportStage;

  @ApiProperty()
  label!: string;

  @ApiProperty({ enum: ['done', 'current', 'pending'] })
  state!: 'done' | 'current' | 'pending';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty()
  overdue!: boolean;
}

export class ReportHolderResponseDto implements ReportHolderResponse {
  @ApiProperty({ enum: ['department', 'staff'] })
  kind!: 'department' | 'staff';

  @ApiProperty({ description: 'The department, or 社区 for staff' })
  name!: string;

  @ApiProperty({ type: 'integer', nullable: true })
  departmentId!: number | null;
}

export class ReportDeadlineResponseDto {
  @ApiProperty({ enum: REPORT_DEADLINES })
  kind!: ReportDeadline;

  @ApiProperty()
  label!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty()
  overdue!: boolean;
}

export class ReportPendingRequestDto {
  @ApiProperty({ enum: REPORT_PENDING_REQUESTS })
  kind!: ReportPendingRequest;

  @ApiProperty({ type: 'integer', nullable: true })
  hours!: number | null;

  @ApiProperty()
  reason!: string;
}

export class ReportSummaryResponseDto implements ReportSummaryResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ description: 'Category key' })
  category!: string;

  @ApiProperty()
  categoryLabel!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;

  @ApiProperty({ enum: REPORT_STATUS_GROUPS })
  statusGroup!: ReportStatusGroup;

  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;

  @ApiProperty()
  areaId!: number;

  @ApiProperty()
  areaName!: string;

  @ApiProperty({ type: 'integer' })
  priority!: number;

  @ApiProperty({ type: 'integer' })
  witnessCount!: number;

  @ApiProperty({ type: 'integer' })
  pointsAwarded!: number;

  @ApiProperty()
  overdue!: boolean;

  @ApiProperty({ description: 'Hidden from other users until staff review it' })
  flagged!: boolean;

  @ApiProperty({ type: String, nullable: true })
  thumbUrl!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  acceptDueAt!: string;

  @ApiProperty({ format: 'date-time' })
  resolveDueAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The current department stage deadline (sign, handle, verify)' })
  stageDeadlineAt!: string | null;

  @ApiProperty({ type: 'integer', description: '督办: 0 none, 1 raised to the street, 2 to the district' })
  escalationLevel!: number;
}

export class ReporterDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  nickname!: string;
}

export class ReportDetailResponseDto extends ReportSummaryResponseDto implements ReportDetailResponse {
  @ApiProperty({ type: ReporterDto, nullable: true })
  reporter!: ReporterDto | null;

  @ApiProperty({ type: [MediaResponseDto] })
  photos!: MediaResponseDto[];

  @ApiProperty({ type: [MediaResponseDto] })
  resolutionPhotos!: MediaResponseDto[];

  @ApiProperty({ type: DepartmentResponseDto, nullable: true })
  department!: DepartmentResponseDto | null;

  @ApiProperty({ type: Number, nullable: true })
  duplicateOfId!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  stationId!: number | null;

  @ApiProperty({ enum: REPORT_ACTIONS, isArray: true, description: 'What the caller may do next as staff in scope or as the holding department' })
  actions!: ReportAction[];

  @ApiProperty({ enum: REPORT_ACTIONS, isArray: true, description: 'What the caller may do next as the reporter' })
  reporterActions!: ReportAction[];

  @ApiProperty({ type: [ReportEventResponseDto] })
  timeline!: ReportEventResponse[];

  @ApiProperty({ type: [ReportStageResponseDto], description: 'The seven stages with their times and deadlines' })
  stages!: ReportStageResponse[];

  @ApiProperty({ type: ReportHolderResponseDto, nullable: true, description: 'Who holds the case now' })
  holder!: ReportHolderResponse | null;

  @ApiProperty({ type: ReportDeadlineResponseDto, nullable: true })
  currentDeadline!: ReportDeadlineResponseDto | null;

  @ApiProperty({ enum: REPORT_OUTCOMES, nullable: true })
  outcome!: ReportOutcome | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: string | null;

  @ApiProperty({ type: 'integer' })
  reworkCount!: number;

  @ApiProperty({ type: 'integer' })
  extensionCount!: number;

  @ApiProperty({ type: ReportPendingRequestDto, nullable: true })
  pendingRequest!: ReportPendingRequestDto | null;

  @ApiProperty({ type: Boolean, nullable: true })
  reporterFixed!: boolean | null;

  @ApiProperty({ enum: REPORT_RATINGS, nullable: true })
  rating!: ReportRating | null;

  @ApiProperty({ type: String, nullable: true })
  ratingNote!: string | null;
}

export class NearbyReportResponseDto implements NearbyReportResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  category!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;

  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;

  @ApiProperty()
  distanceM!: number;

  @ApiProperty({ type: 'integer' })
  witnessCount!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class NearbyReportListDto {
  @ApiProperty({ type: [NearbyReportResponseDto] })
  items!: NearbyReportResponse[];
}

export class ReportPageResponseDto implements ReportPageResponse {
  @ApiProperty({ type: [ReportSummaryResponseDto] })
  items!: ReportSummaryResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
