import { ApiProperty } from '@nestjs/swagger';
import {
  FigureValue,
  REPORT_FIGURE_STAGES,
  REPORT_STATUSES,
  ReportDashboardResponse,
  ReportFigureBreakdown,
  ReportFigureCounts,
  ReportFigureStage,
  ReportFigureValues,
  ReportStageMedian,
} from '@xjy/shared';

export class FigureValueDto implements FigureValue {
  @ApiProperty({ type: Number, nullable: true, description: 'numerator ÷ denominator; null when the denominator is 0' })
  value!: number | null;

  @ApiProperty({ type: 'integer' })
  numerator!: number;

  @ApiProperty({ type: 'integer' })
  denominator!: number;
}

export class FigureCountsDto implements ReportFigureCounts {
  @ApiProperty({ type: 'integer', description: '受理数' }) received!: number;
  @ApiProperty({ type: 'integer', description: '立案数 = 应结案数' }) filed!: number;
  @ApiProperty({ type: 'integer', description: '缓办数' }) deferred!: number;
  @ApiProperty({ type: 'integer', description: '结案数 (closed as fixed)' }) closedFixed!: number;
  @ApiProperty({ type: 'integer', description: '按期结案数' }) closedOnTime!: number;
  @ApiProperty({ type: 'integer', description: '未解决结案数 (never counted as fixed)' }) closedNotFixed!: number;
  @ApiProperty({ type: 'integer', description: '派遣数' }) dispatched!: number;
  @ApiProperty({ type: 'integer', description: '处置数' }) handled!: number;
  @ApiProperty({ type: 'integer', description: '返工案件数' }) reworked!: number;
  @ApiProperty({ type: 'integer', description: '延期案件数' }) extended!: number;
  @ApiProperty({ type: 'integer', description: '已评价数' }) rated!: number;
  @ApiProperty({ type: 'integer' }) satisfied!: number;
  @ApiProperty({ type: 'integer' }) basic!: number;
  @ApiProperty({ type: 'integer' }) unsatisfied!: number;
}

class FigureValuesDto implements ReportFigureValues {
  @ApiProperty({ type: FigureValueDto, description: '结案率 = 结案数 ÷ (应结案数 − 缓办数)' }) closureRate!: FigureValue;
  @ApiProperty({ type: FigureValueDto, description: '按期结案率 = 按期结案数 ÷ (应结案数 − 缓办数)' }) onTimeClosureRate!: FigureValue;
  @ApiProperty({ type: FigureValueDto, description: '返工率 = 返工案件数 ÷ 派遣数' }) reworkRate!: FigureValue;
  @ApiProperty({ type: FigureValueDto, description: '延期率 = 延期案件数 ÷ 派遣数' }) extensionRate!: FigureValue;
  @ApiProperty({ type: FigureValueDto, description: '满意率 = (满意 + 基本满意) ÷ 已评价数' }) satisfactionRate!: FigureValue;
  @ApiProperty({ type: FigureValueDto, description: '处置率 = 处置数 ÷ 派遣数' }) handlingRate!: FigureValue;
}

export class FigureBreakdownDto implements ReportFigureBreakdown {
  @ApiProperty({ type: 'integer' }) received!: number;
  @ApiProperty({ type: 'integer' }) overdue!: number;
  @ApiProperty({ type: FigureCountsDto }) counts!: ReportFigureCounts;
  @ApiProperty({ type: FigureValuesDto }) figures!: ReportFigureValues;
}

export class AreaFiguresDto extends FigureBreakdownDto {
  @ApiProperty({ description: 'The area one level below the one asked for (0: reports in that area itself)' }) areaId!: number;
  @ApiProperty() name!: string;
}

export class CategoryFiguresDto extends FigureBreakdownDto {
  @ApiProperty() category!: string;
  @ApiProperty() label!: string;
}

export class DepartmentFiguresDto extends FigureBreakdownDto {
  @ApiProperty() departmentId!: number;
  @ApiProperty() name!: string;
}

export class WeekFiguresDto extends FigureBreakdownDto {
  @ApiProperty({ description: 'The Monday (China date) of the week the reports were received in' }) week!: string;
}

export class StageMedianDto implements ReportStageMedian {
  @ApiProperty({ enum: REPORT_FIGURE_STAGES }) stage!: ReportFigureStage;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number, nullable: true }) hours!: number | null;
  @ApiProperty({ type: 'integer' }) cases!: number;
}

export class StatusCountDto {
  @ApiProperty({ enum: REPORT_STATUSES }) status!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class ReportDashboardResponseDto extends FigureValuesDto implements ReportDashboardResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: 'integer' }) received!: number;
  @ApiProperty({ type: 'integer' }) overdue!: number;
  @ApiProperty({ type: FigureCountsDto }) counts!: ReportFigureCounts;
  @ApiProperty({ type: [StageMedianDto] }) medianHours!: ReportStageMedian[];
  @ApiProperty({ type: 'integer' }) medianSampleSize!: number;
  @ApiProperty({ type: [StatusCountDto] }) byStatus!: Array<{ status: string; count: number }>;
  @ApiProperty({ type: [AreaFiguresDto] }) byArea!: AreaFiguresDto[];
  @ApiProperty({ type: [CategoryFiguresDto] }) byCategory!: CategoryFiguresDto[];
  @ApiProperty({ type: [DepartmentFiguresDto] }) byDepartment!: DepartmentFiguresDto[];
  @ApiProperty({ type: [WeekFiguresDto] }) byWeek!: WeekFiguresDto[];
}
