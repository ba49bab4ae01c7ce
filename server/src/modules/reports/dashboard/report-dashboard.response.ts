import { ApiProperty } from '@nestjs/swagger';
import { REPORT_STATUSES, ReportDashboardResponse, ReportStatus } from '@xjy/shared';

export class StatusCountDto {
  @ApiProperty({ enum: REPORT_STATUSES })
  status!: ReportStatus;

  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class CategoryCountDto {
  @ApiProperty()
  category!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class AreaCountDto {
  @ApiProperty()
  areaId!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer' })
  received!: number;

  @ApiProperty({ type: 'integer' })
  closed!: number;
}

export class ReportDashboardResponseDto implements ReportDashboardResponse {
  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiProperty({ type: 'integer' })
  received!: number;

  @ApiProperty({ type: 'integer' })
  closed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'closed ÷ received' })
  handlingRate!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  onTimeRate!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  medianAcceptMinutes!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  medianResolveMinutes!: number | null;

  @ApiProperty({ type: 'integer' })
  overdue!: number;

  @ApiProperty({ type: [StatusCountDto] })
  byStatus!: StatusCountDto[];

  @ApiProperty({ type: [CategoryCountDto] })
  byCategory!: CategoryCountDto[];

  @ApiProperty({ type: [AreaCountDto] })
  byArea!: AreaCountDto[];
}
