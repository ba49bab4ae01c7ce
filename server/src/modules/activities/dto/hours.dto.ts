import { ApiProperty } from '@nestjs/swagger';
import { ACTIVITY_NOTE_MAX, CheckOutRequest, CloseSessionRequest, ReviewCheckInRequest } from '@xjy/shared';
import { IsBoolean, IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CheckInDto } from './activity.dto';

export class CheckOutDto extends CheckInDto implements CheckOutRequest {}

export class CloseSessionDto implements CloseSessionRequest {
  @ApiProperty({ example: '2026-11-22T21:00:00+08:00', description: 'When the member left, as staff verified it' })
  @IsISO8601({ strict: true })
  signedOutAt: string;

  @ApiProperty({ maxLength: ACTIVITY_NOTE_MAX, description: 'Why it is closed by hand (kept for audit)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_NOTE_MAX)
  note: string;
}

export class ReviewCheckInDto implements ReviewCheckInRequest {
  @ApiProperty({ description: 'true: the check-in stands; false: it is rejected and no longer counts' })
  @IsBoolean()
  accept: boolean;

  @ApiProperty({ maxLength: ACTIVITY_NOTE_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_NOTE_MAX)
  note: string;
}
