import type { ListAreasParams } from '@xjy/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AREA_CODE_MAX, AREA_LEVELS, AREA_NAME_MAX, AreaLevel, CreateAreaRequest, Ring, UpdateAreaRequest } from '@xjy/shared';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsPositive, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsBoundaryRing } from '../../../common/validators';
import { OptionalIdParam } from '../../../common/query-params';

export class ListAreasQuery implements ListAreasParams {
  @OptionalIdParam('Children of this area; omit for the top level')
  parentId?: number;
}

export class CreateAreaDto implements CreateAreaRequest {
  @ApiProperty({ type: Number, nullable: true, description: 'null for a district (top level)' })
  @ValidateIf((o: CreateAreaDto) => o.parentId !== null)
  @IsInt()
  @IsPositive()
  parentId: number | null;

  @ApiProperty({ enum: AREA_LEVELS })
  @IsIn(AREA_LEVELS)
  level: AreaLevel;

  @ApiProperty({ maxLength: AREA_NAME_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(AREA_NAME_MAX)
  name: string;

  @ApiProperty({ maxLength: AREA_CODE_MAX, description: 'Unique code, e.g. the civil-affairs code' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may hold only letters, digits, - and _' })
  @MaxLength(AREA_CODE_MAX)
  code: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'number' } }, nullable: true })
  @IsOptional()
  @IsBoundaryRing()
  boundary?: Ring | null;
}

export class UpdateAreaDto implements UpdateAreaRequest {
  @ApiPropertyOptional({ maxLength: AREA_NAME_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(AREA_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'array', items: { type: 'number' } }, nullable: true })
  @IsOptional()
  @IsBoundaryRing()
  boundary?: Ring | null;
}
