import { ApiProperty, PickType } from '@nestjs/swagger';
import { CreateStaffRequest, NICKNAME_MAX, PASSWORD_MAX, PASSWORD_MIN, UpdateStaffScopesRequest, USERNAME_MAX, USERNAME_MIN } from '@xjy/shared';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsPositive, IsString, Matches, MaxLength, MinLength } from 'class-validator';

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

  @ApiProperty({ enum: ['staff', 'admin'] })
  @IsIn(['staff', 'admin'])
  role: 'staff' | 'admin';

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @IsPositive({ each: true })
  scopeAreaIds: number[];
}

/** The scope areas alone, checked as on create. */
export class UpdateStaffScopesDto extends PickType(CreateStaffDto, ['scopeAreaIds'] as const) implements UpdateStaffScopesRequest {}
