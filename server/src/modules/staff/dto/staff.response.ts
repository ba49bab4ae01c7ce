import { ApiProperty } from '@nestjs/swagger';
import type { StaffResponse } from '@xjy/shared';
import { ListOf } from '../../../common/api-errors.decorator';
import { UserResponseDto } from '../../users/dto/user.response';

export class StaffResponseDto extends UserResponseDto implements StaffResponse {
  @ApiProperty()
  disabled!: boolean;
}

export const StaffListDto = ListOf(StaffResponseDto);
