import type { CoverageParams, ManagedStationsParams, StationFeedbackQueueParams, StationImportParams, StationMapParams } from '@xjy/shared';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  AMENITIES,
  Amenity,
  Closure,
  closureProblem,
  COORD_SYSTEMS,
  CoordSystem,
  CreateStationRequest,
  isInChina,
  OpeningRange,
  openingRangeProblem,
  ResolveStationFeedbackRequest,
  STATION_ADDRESS_MAX,
  STATION_CLOSURES_MAX,
  STATION_CODE_MAX,
  STATION_FEEDBACK_NOTE_MAX,
  STATION_FEEDBACK_RESOLUTIONS,
  STATION_FEEDBACK_STATUSES,
  STATION_FEEDBACK_TYPES,
  STATION_HOST_UNIT_MAX,
  STATION_HOURS_RANGES_MAX,
  STATION_KINDS,
  STATION_NAME_MAX,
  STATION_PHONE_PATTERN,
  STATION_PHOTOS_MAX,
  STATION_STATUSES,
  StationFeedbackRequest,
  StationFeedbackResolution,
  StationFeedbackStatus,
  StationFeedbackType,
  StationKind,
  StationStatus,
  UpdateStationRequest,
} from '@xjy/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';
import { OptionalIdParam } from '../../../common/query-params';

function customRule(name: string, check: (value: unknown) => string | null, options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    let last = '';
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message: () => `${propertyName}: ${last}`, ...options },
      validator: {
        validate(value: unknown) {
          const problem = check(value);
          last = problem ?? '';
          return problem === null;
        },
      },
    });
  };
}

/** Weekly ranges: each one a valid { day, open, close }. */
export const IsOpeningHours = () =>
  customRule('isOpeningHours', (v) => {
    if (!Array.isArray(v)) return 'must be an array of { day, open, close }';
    if (v.length > STATION_HOURS_RANGES_MAX) return `at most ${STATION_HOURS_RANGES_MAX} ranges`;
    for (const [i, r] of v.entries()) {
      if (typeof r !== 'object' || r === null || Object.keys(r).some((k) => !['day', 'open', 'close'].includes(k))) return `range ${i} must be { day, open, close }`;
      const problem = typeof (r as OpeningRange).open === 'string' && typeof (r as OpeningRange).close === 'string' ? openingRangeProblem(r as OpeningRange) : 'open and close must be HH:MM';
      if (problem) return `range ${i}: ${problem}`;
    }
    return null;
  });

export const IsClosures = () =>
  customRule('isClosures', (v) => {
    if (!Array.isArray(v)) return 'must be an array of { from, to, reason? }';
    if (v.length > STATION_CLOSURES_MAX) return `at most ${STATION_CLOSURES_MAX} closures`;
    for (const [i, c] of v.entries()) {
      if (typeof c !== 'object' || c === null || typeof (c as Closure).from !== 'string' || typeof (c as Closure).to !== 'string') return `closure ${i} must be { from, to, reason? }`;
      if ((c as Closure).reason !== undefined && (typeof (c as Closure).reason !== 'string' || (c as Closure).reason!.length > 64)) return `closure ${i}: reason must be text up to 64 characters`;
      const problem = closureProblem(c as Closure);
      if (problem) return `closure ${i}: ${problem}`;
    }
    return null;
  });

export class CreateStationDto implements CreateStationRequest {
  @ApiPropertyOptional({ type: String, maxLength: STATION_CODE_MAX, nullable: true, description: 'External code; imports match on it' })
  @IsOptional()
  @ValidateIf((o: CreateStationDto) => o.code !== null)
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code may hold only letters, digits, - and _' })
  code?: string | null;

  @ApiProperty({ maxLength: STATION_NAME_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(STATION_NAME_MAX)
  name: string;

  @ApiProperty({ enum: STATION_KINDS })
  @IsIn(STATION_KINDS)
  kind: StationKind;

  @ApiProperty({ maxLength: STATION_HOST_UNIT_MAX })
  @IsString()
  @MaxLength(STATION_HOST_UNIT_MAX)
  hostUnit: string;

  @ApiProperty({ maxLength: STATION_ADDRESS_MAX })
  @IsString()
  @MaxLength(STATION_ADDRESS_MAX)
  address: string;

  @ApiProperty({ description: 'GCJ-02 latitude' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ description: 'GCJ-02 longitude' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiProperty({ enum: AMENITIES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(AMENITIES, { each: true })
  amenities: Amenity[];

  @ApiProperty({ type: 'array', items: { type: 'object', properties: { day: { type: 'integer', minimum: 1, maximum: 7 }, open: { type: 'string' }, close: { type: 'string' } } } })
  @IsOpeningHours()
  hours: OpeningRange[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' } } } })
  @IsOptional()
  @IsClosures()
  closures?: Closure[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((o: CreateStationDto) => o.phone !== null)
  @IsString()
  @Matches(STATION_PHONE_PATTERN, { message: 'phone must be a mobile or landline number' })
  phone?: string | null;

  @ApiPropertyOptional({ type: [Number], maxItems: STATION_PHOTOS_MAX, description: 'Ids from POST /api/media' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STATION_PHOTOS_MAX)
  @ArrayUnique()
  @IsInt({ each: true })
  @IsPositive({ each: true })
  photoMediaIds?: number[];

  @ApiProperty({ description: 'The community or grid the station belongs to' })
  @IsInt()
  @IsPositive()
  areaId: number;
}

/** Any field of a station, each checked as on create. */
export class UpdateStationDto extends PartialType(CreateStationDto) implements UpdateStationRequest {}

export class StationMapQuery implements StationMapParams {
  @ApiProperty({ description: 'minLng,minLat,maxLng,maxLat (GCJ-02)' })
  @IsString()
  bbox: string;
}

export class ManagedStationsQuery implements ManagedStationsParams {
  @ApiPropertyOptional({ description: 'Name, code or address contains' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  q?: string;

  @ApiPropertyOptional({ enum: STATION_STATUSES })
  @IsOptional()
  @IsIn(STATION_STATUSES)
  status?: StationStatus;

  @OptionalIdParam('Only stations in this area subtree')
  areaId?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only active stations not confirmed within the configured days (待确认), stalest first' })
  @IsOptional()
  @IsIn(['true', 'false'])
  needsConfirmation?: 'true' | 'false';
}

export class StationImportQuery implements StationImportParams {
  @ApiProperty({ enum: ['true', 'false'], description: 'true: check every row and write nothing' })
  @IsIn(['true', 'false'])
  dryRun: 'true' | 'false';

  @ApiPropertyOptional({ enum: COORD_SYSTEMS, description: 'Coordinate system of rows whose coord_system column is empty (default gcj02)' })
  @IsOptional()
  @IsIn(COORD_SYSTEMS)
  coordSystem?: CoordSystem;
}

export class StationFeedbackDto implements StationFeedbackRequest {
  @ApiProperty({ enum: STATION_FEEDBACK_TYPES })
  @IsIn(STATION_FEEDBACK_TYPES)
  type: StationFeedbackType;

  @ApiPropertyOptional({ maxLength: STATION_FEEDBACK_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(STATION_FEEDBACK_NOTE_MAX)
  note?: string;
}

export class FeedbackQueueQuery implements StationFeedbackQueueParams {
  @ApiPropertyOptional({ enum: STATION_FEEDBACK_STATUSES })
  @IsOptional()
  @IsIn(STATION_FEEDBACK_STATUSES)
  status?: StationFeedbackStatus;
}

export class ResolveFeedbackDto implements ResolveStationFeedbackRequest {
  @ApiProperty({ enum: STATION_FEEDBACK_RESOLUTIONS })
  @IsIn(STATION_FEEDBACK_RESOLUTIONS)
  resolution: StationFeedbackResolution;

  @ApiPropertyOptional({ maxLength: STATION_FEEDBACK_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(STATION_FEEDBACK_NOTE_MAX)
  note?: string;
}

export class CoverageQuery implements CoverageParams {
  @ApiProperty({ description: 'A community (or any area with a boundary) to measure' })
  @Type(() => Number)
  @IsInt()
  @IsPositive()
  areaId: number;
}

export const isPointInChina = (lat: number, lng: number) => isInChina({ lat, lng });
