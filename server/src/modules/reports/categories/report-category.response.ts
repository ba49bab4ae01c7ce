import { ApiProperty } from '@nestjs/swagger';
import type { ReportCategoriesResponse, ReportCategoryResponse } from '@xjy/shared';

export class ReportCategoryResponseDto implements ReportCategoryResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  key!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty({ type: 'integer' })
  pointsMin!: number;

  @ApiProperty({ type: 'integer' })
  pointsMax!: number;

  @ApiProperty()
  acceptHours!: number;

  @ApiProperty()
  resolveHours!: number;

  @ApiProperty({ type: 'integer', description: 'Hours a department has to sign for or return a dispatched case' })
  signHours!: number;

  @ApiProperty({ type: 'integer', description: 'Hours staff have to verify a handled case' })
  verifyHours!: number;

  @ApiProperty({ type: 'integer' })
  sortOrder!: number;

  @ApiProperty()
  active!: boolean;
}

export class ReportCategoriesResponseDto implements ReportCategoriesResponse {
  @ApiProperty({ type: [ReportCategoryResponseDto] })
  items!: ReportCategoryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Subscribe-message template for status changes' })
  subscribeTemplateId!: string | null;
}
