import type { CursorParams, DepartmentCasesParams, EscalationParams, ListReportsParams, NearbyReportsParams, ReportDashboardParams } from '@xjy/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_QUEUE_SORTS, REPORT_STATUS_GROUPS, REPORT_STATUSES, ReportQueueSort, ReportStatus, ReportStatusGroup } from '@xjy/shared';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsLatitude, IsLongitude, IsNumber, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalIdParam } from '../../../common/query-params';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value);

/** Status keys and group names; `closed` is both a status and a group, and as a filter it means the group. */
const STATUS_FILTERS = [...new Set<string>([...REPORT_STATUSES, ...REPORT_STATUS_GROUPS])];

export class NearbyReportsQuery implements NearbyReportsParams {
  @ApiPropertyOptional()
  @Type(() => Number)
  @IsNumber()
  @IsLatitude()
  lat: number;

  @ApiPropertyOptional()
  @Type(() => Number)
  @IsNumber()
  @IsLongitude()
  lng: number;

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(32)
  category: string;
}

export class MineQuery implements CursorParams {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,12}$/)
  cursor?: string;
}

export class ListReportsQuery implements ListReportsParams {
  @ApiPropertyOptional({ description: 'A status key, or a group: open, fixed, closed (the group, which holds the status closed too)', enum: STATUS_FILTERS })
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status?: ReportStatus | ReportStatusGroup;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  category?: string;

  @OptionalIdParam()
  areaId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only reports content security flagged' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  flagged?: boolean;

  @ApiPropertyOptional({ description: 'priority (default): most witnessed first, then newest; deadline: open cases by running deadline', enum: REPORT_QUEUE_SORTS })
  @IsOptional()
  @IsIn(REPORT_QUEUE_SORTS)
  sort?: ReportQueueSort;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, under the same sort' })
  @IsOptional()
  @Matches(/^[0-9]{1,15}:[0-9]{1,12}$/, { message: 'cursor is invalid' })
  cursor?: string;
}

export class DashboardQuery implements ReportDashboardParams {
  @OptionalIdParam()
  areaId?: number;

  @ApiPropertyOptional({ description: 'ISO date or time; default 30 days ago' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'ISO date or time; default now' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

export class DepartmentCasesQuery implements DepartmentCasesParams {
  @ApiPropertyOptional({ description: 'A status key, or a group: open, fixed, closed (the group, which holds the status closed too)', enum: STATUS_FILTERS })
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status?: ReportStatus | ReportStatusGroup;

  @ApiPropertyOptional({ description: 'priority (default), or deadline: open cases by running deadline', enum: REPORT_QUEUE_SORTS })
  @IsOptional()
  @IsIn(REPORT_QUEUE_SORTS)
  sort?: ReportQueueSort;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page, under the same sort' })
  @IsOptional()
  @Matches(/^[0-9]{1,15}:[0-9]{1,12}$/, { message: 'cursor is invalid' })
  cursor?: string;
}

export class EscalationsQuery implements EscalationParams {
  @ApiPropertyOptional({ description: 'Only cases escalated at least once in their current stage' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  escalated?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9]{1,12}$/)
  cursor?: string;
}
