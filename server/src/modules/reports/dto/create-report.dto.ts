import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreateReportRequest, REPORT_DESCRIPTION_MAX, REPORT_PHOTOS_MAX, REPORT_PHOTOS_MIN } from '@xjy/shared';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsLatitude, IsLongitude, IsNumber, IsOptional, IsPositive, IsString, MaxLength } from 'class-validator';

export class CreateReportDto implements CreateReportRequest {
  @ApiProperty({ example: 'traffic' })
  @IsString()
  @MaxLength(32)
  category: string;

  @ApiProperty({ maxLength: REPORT_DESCRIPTION_MAX })
  @IsString()
  @MaxLength(REPORT_DESCRIPTION_MAX)
  description: string;

  @ApiProperty({ description: 'GCJ-02 latitude' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat: number;

  @ApiProperty({ description: 'GCJ-02 longitude' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng: number;

  @ApiProperty({ type: [Number], minItems: REPORT_PHOTOS_MIN, maxItems: REPORT_PHOTOS_MAX })
  @IsArray()
  @ArrayMinSize(REPORT_PHOTOS_MIN)
  @ArrayMaxSize(REPORT_PHOTOS_MAX)
  @ArrayUnique()
  @IsInt({ each: true })
  @IsPositive({ each: true })
  mediaIds: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @IsPositive()
  stationId?: number;
}
