import type { CursorParams } from '@xjy/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SubscribeConsentRequest } from '@xjy/shared';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class SubscribeConsentDto implements SubscribeConsentRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  templateId: string;

  @ApiProperty({ enum: ['accept', 'reject'] })
  @IsIn(['accept', 'reject'])
  result: 'accept' | 'reject';
}

export class CursorQuery implements CursorParams {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[0-9A-Za-z_:.-]{1,64}$/)
  cursor?: string;
}
