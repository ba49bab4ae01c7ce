import { ApiProperty } from '@nestjs/swagger';
import type { MediaResponse } from '@xjy/shared';

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
