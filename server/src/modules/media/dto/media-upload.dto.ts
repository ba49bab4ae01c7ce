import { ApiPropertyOptional } from '@nestjs/swagger';
import type { MediaUploadParams } from '@xjy/shared';
import { IsIn, IsOptional } from 'class-validator';

export class MediaUploadQuery implements MediaUploadParams {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: also offer where the photo says it was taken (EXIF GPS, as GCJ-02); never stored' })
  @IsOptional()
  @IsIn(['true', 'false'])
  withLocation?: 'true' | 'false';
}
