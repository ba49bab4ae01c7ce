import { ApiPropertyOptional } from '@nestjs/swagger';
import { COVERAGE_WALK_RADIUS_MAX_M, COVERAGE_WALK_RADIUS_MIN_M, CoverageKindParams, STATION_KINDS, StationKind } from '@xjy/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CoverageQuery } from './station.dto';

/** The 15-minute circle: which kind of station to measure, and for service centres and commerce stations how far. */
export class CoverageKindQuery extends CoverageQuery implements CoverageKindParams {
  @ApiPropertyOptional({ enum: STATION_KINDS, default: 'rest_station', description: 'rest_station: 500 m; service_center and commerce_station: a walking distance, 1,000 m unless radiusM says' })
  @IsOptional()
  @IsIn(STATION_KINDS)
  kind?: StationKind;

  @ApiPropertyOptional({ minimum: COVERAGE_WALK_RADIUS_MIN_M, maximum: COVERAGE_WALK_RADIUS_MAX_M, description: 'Metres, for service_center and commerce_station only' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(COVERAGE_WALK_RADIUS_MIN_M)
  @Max(COVERAGE_WALK_RADIUS_MAX_M)
  radiusM?: number;
}
