import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MediaResponse, MediaUploadResponse } from '@xjy/shared';

export class MediaResponseDto implements MediaResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ description: 'Signed, time-limited link to the photo' })
  url!: string;

  @ApiProperty({ description: 'Signed, time-limited link to the 400 px thumbnail' })
  thumbUrl!: string;

  @ApiProperty({ type: 'integer' })
  width!: number;

  @ApiProperty({ type: 'integer' })
  height!: number;
}

export class ExifLocationDto {
  @ApiProperty()
  lat!: number;

  @ApiProperty()
  lng!: number;
}

export class MediaUploadResponseDto extends MediaResponseDto implements MediaUploadResponse {
  @ApiPropertyOptional({ type: ExifLocationDto, nullable: true, description: 'Only with withLocation=true: the EXIF GPS position as GCJ-02, null when the photo has none' })
  exifLocation?: { lat: number; lng: number } | null;
}
