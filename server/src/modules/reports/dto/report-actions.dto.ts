import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AcceptReportRequest,
  DispatchReportRequest,
  DuplicateReportRequest,
  REPORT_NOTE_MAX,
  REPORT_REJECT_REASONS,
  REPORT_RESOLUTION_PHOTOS_MAX,
  RejectReportRequest,
  ReopenReportRequest,
  ReportRejectReason,
  ResolveReportRequest,
} from '@xjy/shared';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, MaxLength } from 'class-validator';

export class AcceptReportDto implements AcceptReportRequest {
  @ApiProperty({ description: "Within the category's range (5–10 at most)" })
  @IsInt()
  points: number;

  @ApiPropertyOptional({ maxLength: REPORT_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_NOTE_MAX)
  note?: string;
}

export class RejectReportDto implements RejectReportRequest {
  @ApiProperty({ enum: REPORT_REJECT_REASONS })
  @IsIn(REPORT_REJECT_REASONS)
  reason: ReportRejectReason;

  @ApiPropertyOptional({ maxLength: REPORT_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_NOTE_MAX)
  note?: string;
}

export class DuplicateReportDto implements DuplicateReportRequest {
  @ApiProperty()
  @IsInt()
  @IsPositive()
  ofReportId: number;

  @ApiPropertyOptional({ maxLength: REPORT_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_NOTE_MAX)
  note?: string;
}

export class DispatchReportDto implements DispatchReportRequest {
  @ApiProperty()
  @IsInt()
  @IsPositive()
  departmentId: number;

  @ApiPropertyOptional({ maxLength: REPORT_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REPORT_NOTE_MAX)
  note?: string;
}

export class ResolveReportDto implements ResolveReportRequest {
  @ApiProperty({ maxLength: REPORT_NOTE_MAX, description: 'The outcome, in words' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REPORT_NOTE_MAX)
  note: string;

  @ApiPropertyOptional({ type: [Number], maxItems: REPORT_RESOLUTION_PHOTOS_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REPORT_RESOLUTION_PHOTOS_MAX)
  @ArrayUnique()
  @IsInt({ each: true })
  @IsPositive({ each: true })
  mediaIds?: number[];
}

export class ReopenReportDto implements ReopenReportRequest {
  @ApiProperty({ maxLength: REPORT_NOTE_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REPORT_NOTE_MAX)
  note: string;
}
