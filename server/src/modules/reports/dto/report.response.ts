import { ApiProperty } from '@nestjs/swagger';
import {
  NearbyReportResponse,
  REPORT_ACTIONS,
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

  @ApiProperty({ enum: ['worker', 'staff', 'admin'] })
  role!: 'worker' | 'staff' | 'admin';
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

  @ApiProperty({ enum: REPORT_ACTIONS, isArray: true, description: 'What the caller may do next' })
  actions!: ReportAction[];

  @ApiProperty({ type: [ReportEventResponseDto] })
  timeline!: ReportEventResponse[];
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
