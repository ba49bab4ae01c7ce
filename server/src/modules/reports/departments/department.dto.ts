import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateDepartmentRequest, UpdateDepartmentRequest } from '@xjy/shared';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const PHONE = /^[0-9+\-() ]{3,20}$/;

export class CreateDepartmentDto implements CreateDepartmentRequest {
  @ApiProperty({ maxLength: 32, example: '城管' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0311-88001234' })
  @IsOptional()
  @ValidateIf((o: CreateDepartmentDto) => o.phone !== null)
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;
}

export class UpdateDepartmentDto implements UpdateDepartmentRequest {
  @ApiPropertyOptional({ maxLength: 32 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((o: UpdateDepartmentDto) => o.phone !== null)
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
