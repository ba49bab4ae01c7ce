import { ApiProperty } from '@nestjs/swagger';
import {
  DepartmentCasesResponse,
  EscalationItemResponse,
  EscalationPageResponse,
  REPORT_DEADLINES,
  REPORT_STATUSES,
  ReportDeadline,
  ReportHolderResponse,
  ReportStatus,
  ReportSummaryResponse,
} from '@xjy/shared';
import { ReportHolderResponseDto, ReportPageResponseDto, ReportSummaryResponseDto } from './report.response';

export class DepartmentRefDto {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty()
  name!: string;
}

export class DepartmentCasesResponseDto extends ReportPageResponseDto implements DepartmentCasesResponse {
  @ApiProperty({ type: DepartmentRefDto, description: "The caller's department" })
  department!: DepartmentRefDto;
}

export class AreaRefShortDto {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty()
  name!: string;
}

export class EscalationItemResponseDto implements EscalationItemResponse {
  @ApiProperty({ type: ReportSummaryResponseDto })
  report!: ReportSummaryResponse;

  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;

  @ApiProperty({ enum: REPORT_DEADLINES, description: 'The stage whose deadline passed' })
  stage!: ReportDeadline;

  @ApiProperty()
  stageLabel!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ description: 'Hours past the deadline, one decimal' })
  hoursOverdue!: number;

  @ApiProperty({ type: ReportHolderResponseDto, description: 'Who holds the case: a department, or staff (社区)' })
  holder!: ReportHolderResponse;

  @ApiProperty({ type: 'integer', description: '0 not yet escalated; 1 the street; 2 the district' })
  escalationLevel!: number;

  @ApiProperty({ type: AreaRefShortDto, nullable: true })
  escalatedTo!: AreaRefShortDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  escalatedAt!: string | null;
}

export class EscalationPageResponseDto implements EscalationPageResponse {
  @ApiProperty({ type: [EscalationItemResponseDto] })
  items!: EscalationItemResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
