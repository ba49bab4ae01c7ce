import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { CreateStaffRequest, NICKNAME_MAX, PASSWORD_MAX, PASSWORD_MIN, UpdateStaffScopesRequest, USERNAME_MAX, USERNAME_MIN } from '@xjy/shared';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty({ minLength: USERNAME_MIN, maxLength: USERNAME_MAX })
  @IsString()
  @MinLength(USERNAME_MIN)
  @MaxLength(USERNAME_MAX)
  @Matches(/^[a-z0-9_.-]+$/, { message: 'username may hold only lower-case letters, digits, _ . -' })
  username: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password: string;

  @ApiProperty({ maxLength: NICKNAME_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NICKNAME_MAX)
  nickname: string;

  @ApiProperty({ enum: ['staff', 'admin', 'department'] })
  @IsIn(['staff', 'admin', 'department'])
  role: 'staff' | 'admin' | 'department';

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @IsPositive({ each: true })
  scopeAreaIds: number[];

  @ApiPropertyOptional({ description: 'Required for a department handler: the department whose cases they handle' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  departmentId?: number;
}

/** The scope areas alone, checked as on create. */
export class UpdateStaffScopesDto extends PickType(CreateStaffDto, ['scopeAreaIds'] as const) implements UpdateStaffScopesRequest {}
