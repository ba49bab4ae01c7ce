import { ApiProperty } from '@nestjs/swagger';
import type { LoginResponse, UserResponse } from '@xjy/shared';
import { UserResponseDto } from '../../users/dto/user.response';

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ description: 'Bearer token for the Authorization header' })
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ type: UserResponseDto })
  user!: UserResponse;
}
