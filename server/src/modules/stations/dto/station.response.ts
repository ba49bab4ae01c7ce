import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AMENITIES,
  Amenity,
  Closure,
  CoverageBlock,
  CoverageGap,
  CoverageGrid,
  CoverageResponse,
  NearbyStation,
  NearbyStationsResponse,
  OpeningRange,
  STATION_FEEDBACK_RESOLUTIONS,
  STATION_FEEDBACK_STATUSES,
  STATION_FEEDBACK_TYPES,
  STATION_KINDS,
  STATION_STATUSES,
  StationCluster,
  StationDetailResponse,
  StationFeedbackResolution,
  StationFeedbackResponse,
  StationFeedbackStatus,
  StationFeedbackType,
  StationImportReport,
  StationImportRowError,
  StationKind,
  StationMapPoint,
  StationStatus,
  Weekday,
} from '@xjy/shared';
import { ListOf } from '../../../common/api-errors.decorator';
import { MediaResponseDto } from '../../media/dto/media.response';

export class OpeningRangeDto implements OpeningRange {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, description: '1 = Monday' })
  day!: Weekday;

  @ApiProperty({ description: 'HH:MM' })
  open!: string;

  @ApiProperty({ description: 'HH:MM, up to 24:00; at or before open runs past midnight' })
  close!: string;
}

export class ClosureDto implements Closure {
  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiPropertyOptional()
  reason?: string;
}

export class StationDetailResponseDto implements StationDetailResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: String, nullable: true })
  code!: string | null;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: STATION_KINDS })
  kind!: StationKind;

  @ApiProperty()
  hostUnit!: string;

  @ApiProperty()
  address!: string;

  @ApiProperty({ description: 'GCJ-02' })
  lat!: number;

  @ApiProperty({ description: 'GCJ-02' })
  lng!: number;

  @ApiProperty({ enum: AMENITIES, isArray: true })
  amenities!: Amenity[];

  @ApiProperty({ type: [OpeningRangeDto] })
  hours!: OpeningRange[];

  @ApiProperty({ type: [ClosureDto] })
  closures!: Closure[];

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: [MediaResponseDto] })
  photos!: MediaResponseDto[];

  @ApiProperty({ enum: STATION_STATUSES })
  status!: StationStatus;

  @ApiProperty()
  areaId!: number;

  @ApiProperty()
  areaName!: string;

  @ApiProperty({ type: String, nullable: true })
  lastConfirmedAt!: string | null;

  @ApiProperty()
  openNow!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextChange!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export const ManagedStationListDto = ListOf(StationDetailResponseDto, { total: { type: Number } }, 'ManagedStationListDto');

export class StationMapPointDto implements StationMapPoint {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: STATION_KINDS })
  kind!: StationKind;

  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;

  @ApiProperty({ enum: STATION_STATUSES })
  status!: StationStatus;
}

export class StationClusterDto implements StationCluster {
  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;

  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class StationMapPointsDto {
  @ApiProperty({ enum: ['points'] })
  mode!: 'points';

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: [StationMapPointDto] })
  points!: StationMapPoint[];
}

export class StationMapClustersDto {
  @ApiProperty({ enum: ['clusters'] })
  mode!: 'clusters';

  @ApiProperty({ type: 'integer' })
  total!: number;

  @ApiProperty({ type: [StationClusterDto] })
  clusters!: StationCluster[];
}

export class StationFeedbackResponseDto implements StationFeedbackResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  stationId!: number;

  @ApiProperty()
  stationName!: string;

  @ApiProperty({ enum: STATION_FEEDBACK_TYPES })
  type!: StationFeedbackType;

  @ApiProperty()
  note!: string;

  @ApiProperty({ enum: STATION_FEEDBACK_STATUSES })
  status!: StationFeedbackStatus;

  @ApiProperty({ enum: STATION_FEEDBACK_RESOLUTIONS, nullable: true })
  resolution!: StationFeedbackResolution | null;

  @ApiProperty({ type: String, nullable: true })
  resolutionNote!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;
}

export class StationImportRowErrorDto implements StationImportRowError {
  @ApiProperty({ type: 'integer', description: 'Spreadsheet row number (the header is row 1)' })
  row!: number;

  @ApiProperty()
  field!: string;

  @ApiProperty()
  message!: string;
}

export class StationImportReportDto implements StationImportReport {
  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ type: 'integer' })
  rows!: number;

  @ApiProperty({ type: 'integer' })
  created!: number;

  @ApiProperty({ type: 'integer' })
  updated!: number;

  @ApiProperty({ type: [StationImportRowErrorDto] })
  errors!: StationImportRowError[];
}

export class CoverageGridDto implements CoverageGrid {
  @ApiProperty()
  minLat!: number;

  @ApiProperty()
  minLng!: number;

  @ApiProperty()
  dLat!: number;

  @ApiProperty()
  dLng!: number;

  @ApiProperty({ type: 'integer' })
  rows!: number;

  @ApiProperty({ type: 'integer' })
  cols!: number;
}

export class CoverageGapDto implements CoverageGap {
  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;

  @ApiProperty({ type: 'integer' })
  cells!: number;

  @ApiProperty()
  areaM2!: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'integer' }, minItems: 4, maxItems: 4 },
    nullable: true,
    description: '[rowMin, colMin, rowMax, colMax] rectangles of whole cells; null when left out by the cap',
  })
  blocks!: CoverageBlock[] | null;
}

export class CoverageResponseDto implements CoverageResponse {
  @ApiProperty()
  areaId!: number;

  @ApiProperty()
  areaName!: string;

  @ApiProperty()
  cellM!: number;

  @ApiProperty()
  radiusM!: number;

  @ApiProperty({ type: 'integer' })
  cells!: number;

  @ApiProperty({ type: 'integer' })
  covered!: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  share!: number;

  @ApiProperty({ type: 'integer' })
  stations!: number;

  @ApiProperty({ type: [CoverageGapDto] })
  gaps!: CoverageGap[];

  @ApiProperty({ type: CoverageGridDto })
  grid!: CoverageGrid;

  @ApiProperty({ type: 'integer' })
  blocksMax!: number;

  @ApiProperty()
  blocksCapped!: boolean;
}

export class NearbyStationDto implements NearbyStation {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: STATION_KINDS })
  kind!: StationKind;

  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;

  @ApiProperty()
  distanceM!: number;

  @ApiProperty()
  openNow!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextChange!: string | null;

  @ApiProperty({ enum: AMENITIES, isArray: true })
  amenities!: Amenity[];

  @ApiProperty()
  address!: string;
}

/** Documented by hand on the fast route GET /api/stations/nearby; registered as an extra model there. */
@ApiExtraModels(NearbyStationDto)
export class NearbyStationsResponseDto implements NearbyStationsResponse {
  @ApiProperty({ type: [NearbyStationDto], description: 'Nearest first' })
  items!: NearbyStation[];
}

export const StationFeedbackListDto = ListOf(StationFeedbackResponseDto);
