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
  STATION_FEEDBACK_PRIORITIES,
  STATION_SERVICE_KINDS,
  StationConfirmationResponse,
  StationFavoriteResponse,
  StationFeedbackPriority,
  StationLastConfirmation,
  StationServiceBrief,
  StationServiceKind,
  StationServiceResponse,
  MyStationServiceResponse,
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

export class StationServiceBriefDto implements StationServiceBrief {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: STATION_SERVICE_KINDS })
  kind!: StationServiceKind;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty()
  host!: string;
}

export class StationServiceResponseDto extends StationServiceBriefDto implements StationServiceResponse {
  @ApiProperty()
  stationId!: number;

  @ApiProperty()
  stationName!: string;

  @ApiProperty()
  note!: string;

  @ApiProperty({ type: Number, nullable: true })
  capacity!: number | null;

  @ApiProperty()
  signups!: number;

  @ApiProperty({ description: 'The caller has signed up' })
  signedUp!: boolean;

  @ApiProperty()
  cancelled!: boolean;
}

export class MyStationServiceResponseDto extends StationServiceResponseDto implements MyStationServiceResponse {
  @ApiProperty({ description: 'Starts within 24 hours: show it as a reminder' })
  remindNow!: boolean;
}

export const StationServiceListDto = ListOf(StationServiceResponseDto);
export const MyStationServiceListDto = ListOf(MyStationServiceResponseDto);

export class StationLastConfirmationDto implements StationLastConfirmation {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty()
  open!: boolean;

  @ApiProperty()
  water!: boolean;

  @ApiProperty()
  charging!: boolean;
}

export class StationConfirmationResponseDto implements StationConfirmationResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  stationId!: number;

  @ApiProperty()
  distanceM!: number;

  @ApiProperty()
  open!: boolean;

  @ApiProperty()
  water!: boolean;

  @ApiProperty()
  charging!: boolean;

  @ApiProperty()
  pointsAwarded!: number;

  @ApiProperty({ description: 'This confirmation raised a high-priority item for staff' })
  escalated!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class StationFavoriteResponseDto implements StationFavoriteResponse {
  @ApiProperty()
  stationId!: number;

  @ApiProperty()
  favorite!: boolean;
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

  @ApiProperty({ description: 'Not confirmed within the configured days (待确认)' })
  needsConfirmation!: boolean;

  @ApiProperty({ type: StationLastConfirmationDto, nullable: true })
  lastConfirmation!: StationLastConfirmation | null;

  @ApiProperty({ description: 'The caller starred it' })
  favorite!: boolean;

  @ApiProperty({ type: StationServiceBriefDto, nullable: true })
  nextService!: StationServiceBrief | null;
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

  @ApiProperty({ enum: STATION_FEEDBACK_PRIORITIES })
  priority!: StationFeedbackPriority;
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

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastConfirmedAt!: string | null;

  @ApiProperty({ description: 'Not confirmed within the configured days (待确认)' })
  needsConfirmation!: boolean;

  @ApiProperty({ description: 'Starred by the caller; starred stations come first' })
  favorite!: boolean;

  @ApiProperty({ type: StationServiceBriefDto, nullable: true })
  nextService!: StationServiceBrief | null;
}

/** Documented by hand on the fast route GET /api/stations/nearby; registered as an extra model there. */
@ApiExtraModels(NearbyStationDto)
export class NearbyStationsResponseDto implements NearbyStationsResponse {
  @ApiProperty({ type: [NearbyStationDto], description: 'Nearest first' })
  items!: NearbyStation[];
}

export const StationFeedbackListDto = ListOf(StationFeedbackResponseDto);
