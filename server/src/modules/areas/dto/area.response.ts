import { ApiProperty } from '@nestjs/swagger';
import { AREA_LEVELS, AreaDetailResponse, AreaLevel, AreaResponse, Ring } from '@xjy/shared';
import { ListOf } from '../../../common/api-errors.decorator';

export class AreaResponseDto implements AreaResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: Number, nullable: true })
  parentId!: number | null;

  @ApiProperty({ enum: AREA_LEVELS })
  level!: AreaLevel;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  code!: string;

  @ApiProperty({ description: 'Materialized path of ids, e.g. /1/4/17/' })
  path!: string;

  @ApiProperty({ type: Number, nullable: true })
  centerLat!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  centerLng!: number | null;

  @ApiProperty({ type: 'integer' })
  childCount!: number;
}

export class AreaAncestorDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: AREA_LEVELS })
  level!: AreaLevel;
}

export class AreaDetailResponseDto extends AreaResponseDto implements AreaDetailResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
    nullable: true,
    description: 'Outer ring in GCJ-02 [lng, lat] pairs',
  })
  boundary!: Ring | null;

  @ApiProperty({ type: [AreaAncestorDto] })
  ancestors!: AreaAncestorDto[];
}

export const AreaListDto = ListOf(AreaResponseDto);
