import { ApiProperty } from '@nestjs/swagger';
import type { DepartmentResponse } from '@xjy/shared';
import { ListOf } from '../../../common/api-errors.decorator';

export class DepartmentResponseDto implements DepartmentResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty()
  active!: boolean;
}

export const DepartmentListDto = ListOf(DepartmentResponseDto);
