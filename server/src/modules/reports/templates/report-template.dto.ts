import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateReportTemplateRequest,
  REPORT_TEMPLATE_ACTIONS,
  REPORT_TEMPLATE_BODY_MAX,
  REPORT_TEMPLATE_TITLE_MAX,
  ReportTemplateAction,
  ReportTemplateResponse,
  ReportTemplatesParams,
  UpdateReportTemplateRequest,
} from '@xjy/shared';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ListOf } from '../../../common/api-errors.decorator';
import { OptionalIdParam } from '../../../common/query-params';

export class ReportTemplatesQuery implements ReportTemplatesParams {
  @OptionalIdParam('The case’s category: its own templates first, then the general ones; without it, only the general ones')
  categoryId?: number;

  @ApiPropertyOptional({ enum: REPORT_TEMPLATE_ACTIONS })
  @IsOptional()
  @IsIn(REPORT_TEMPLATE_ACTIONS)
  action?: ReportTemplateAction;
}

export class CreateReportTemplateDto implements CreateReportTemplateRequest {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null or absent: for every category' })
  @IsOptional()
  @ValidateIf((o: CreateReportTemplateDto) => o.categoryId !== null)
  @IsInt()
  @IsPositive()
  categoryId?: number | null;

  @ApiProperty({ enum: REPORT_TEMPLATE_ACTIONS })
  @IsIn(REPORT_TEMPLATE_ACTIONS)
  action: ReportTemplateAction;

  @ApiProperty({ maxLength: REPORT_TEMPLATE_TITLE_MAX, example: '已清理' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REPORT_TEMPLATE_TITLE_MAX)
  title: string;

  @ApiProperty({ maxLength: REPORT_TEMPLATE_BODY_MAX, example: '经现场核查，问题已处理完毕，感谢您的反映。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REPORT_TEMPLATE_BODY_MAX)
  body: string;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(9999)
  sortOrder?: number;
}

export class UpdateReportTemplateDto implements UpdateReportTemplateRequest {
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @ValidateIf((o: UpdateReportTemplateDto) => o.categoryId !== null)
  @IsInt()
  @IsPositive()
  categoryId?: number | null;

  @ApiPropertyOptional({ enum: REPORT_TEMPLATE_ACTIONS })
  @IsOptional()
  @IsIn(REPORT_TEMPLATE_ACTIONS)
  action?: ReportTemplateAction;

  @ApiPropertyOptional({ maxLength: REPORT_TEMPLATE_TITLE_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(REPORT_TEMPLATE_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ maxLength: REPORT_TEMPLATE_BODY_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(REPORT_TEMPLATE_BODY_MAX)
  body?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(9999)
  sortOrder?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ReportTemplateResponseDto implements ReportTemplateResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: Number, nullable: true })
  categoryId!: number | null;

  @ApiProperty({ enum: REPORT_TEMPLATE_ACTIONS })
  action!: ReportTemplateAction;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty()
  sortOrder!: number;

  @ApiProperty()
  active!: boolean;
}

export const ReportTemplateListDto = ListOf(ReportTemplateResponseDto);
