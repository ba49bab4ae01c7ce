import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  CreateReportCategoryRequest,
  REPORT_CATEGORY_KEY_PATTERN,
  REPORT_POINTS_MAX,
  REPORT_POINTS_MIN,
  UpdateReportCategoryRequest,
} from '@xjy/shared';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const HOURS_MAX = 24 * 90;

export class CreateReportCategoryDto implements CreateReportCategoryRequest {
  @ApiProperty({ example: 'traffic', description: 'Stable key, lower-case letters, digits and _' })
  @IsString()
  @Matches(REPORT_CATEGORY_KEY_PATTERN, { message: 'key must be lower-case letters, digits and _' })
  key: string;

  @ApiProperty({ maxLength: 32 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  label: string;

  @ApiProperty({ minimum: REPORT_POINTS_MIN, maximum: REPORT_POINTS_MAX })
  @IsInt()
  @Min(REPORT_POINTS_MIN)
  @Max(REPORT_POINTS_MAX)
  pointsMin: number;

  @ApiProperty({ minimum: REPORT_POINTS_MIN, maximum: REPORT_POINTS_MAX })
  @IsInt()
  @Min(REPORT_POINTS_MIN)
  @Max(REPORT_POINTS_MAX)
  pointsMax: number;

  @ApiPropertyOptional({ minimum: 1, maximum: HOURS_MAX })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(HOURS_MAX)
  acceptHours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: HOURS_MAX })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(HOURS_MAX)
  resolveHours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: HOURS_MAX, description: 'Hours a department has to sign for or return a dispatched case (default 4)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(HOURS_MAX)
  signHours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: HOURS_MAX, description: 'Hours staff have to verify a handled case (default 24)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(HOURS_MAX)
  verifyHours?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  sortOrder?: number;
}

/** Any field but the key (which never changes), each checked as on create; and whether it is offered. */
export class UpdateReportCategoryDto extends PartialType(OmitType(CreateReportCategoryDto, ['key'] as const)) implements UpdateReportCategoryRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
