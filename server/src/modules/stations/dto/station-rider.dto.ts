import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CreateStationServiceRequest,
  STATION_SERVICE_CAPACITY_MAX,
  STATION_SERVICE_HOST_MAX,
  STATION_SERVICE_KINDS,
  STATION_SERVICE_NOTE_MAX,
  StationConfirmationRequest,
  StationServiceKind,
} from '@xjy/shared';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** POST /api/stations/:id/confirmations: where the rider is, and the three taps. */
export class StationConfirmationDto implements StationConfirmationRequest {
  @ApiProperty({ description: 'GCJ-02 latitude of the rider' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ description: 'GCJ-02 longitude of the rider' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiProperty({ description: 'Open now?' })
  @IsBoolean()
  open: boolean;

  @ApiProperty({ description: 'Drinking water available?' })
  @IsBoolean()
  water: boolean;

  @ApiProperty({ description: 'Phone charging possible?' })
  @IsBoolean()
  charging: boolean;
}

export class CreateStationServiceDto implements CreateStationServiceRequest {
  @ApiProperty({ enum: STATION_SERVICE_KINDS })
  @IsIn(STATION_SERVICE_KINDS)
  kind: StationServiceKind;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({ maxLength: STATION_SERVICE_HOST_MAX, description: 'Who runs it (a lawyer, a counsellor, a unit)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(STATION_SERVICE_HOST_MAX)
  host: string;

  @ApiPropertyOptional({ maxLength: STATION_SERVICE_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(STATION_SERVICE_NOTE_MAX)
  note?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: STATION_SERVICE_CAPACITY_MAX })
  @IsOptional()
  @ValidateIf((o: CreateStationServiceDto) => o.capacity !== null)
  @IsInt()
  @Min(1)
  @Max(STATION_SERVICE_CAPACITY_MAX)
  capacity?: number | null;
}
