import { ApiProperty } from '@nestjs/swagger';
import type { WitnessReportRequest } from '@xjy/shared';
import { IsLatitude, IsLongitude, IsNumber } from 'class-validator';

export class WitnessReportDto implements WitnessReportRequest {
  @ApiProperty({ description: 'Where the user is now, GCJ-02 latitude' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat: number;

  @ApiProperty({ description: 'Where the user is now, GCJ-02 longitude' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng: number;
}
