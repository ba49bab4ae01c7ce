import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ApproveRequestRequest,
  CloseReportRequest,
  ConfirmReportRequest,
  DeferralReportRequest,
  ExtensionReportRequest,
  HandledReportRequest,
  RateReportRequest,
  RefuseRequestRequest,
  REPORT_CLOSE_OUTCOMES,
  REPORT_EXTENSION_HOURS_MAX,
  REPORT_NOTE_MAX,
  REPORT_PHOTOS_MAX,
  REPORT_RATINGS,
  REPORT_RESOLUTION_PHOTOS_MAX,
  ReportCloseOutcome,
  ReportRating,
  ResumeReportRequest,
  ReturnReportRequest,
  SignReportRequest,
  SupplementReportRequest,
  VerifyReportRequest,
  WithdrawReportRequest,
} from '@xjy/shared';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsLatitude, IsLongitude, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString, Max, MaxLength, Min } from 'class-validator';

// The closed loop's requests: department (sign, return, handled, extension, deferral), staff (verify, close,
// approve/refuse, resume) and reporter (confirm, rate, supplement, withdraw).

function NoteField(required: boolean, description?: string) {
  const decorators = [IsString(), MaxLength(REPORT_NOTE_MAX), ...(required ? [IsNotEmpty()] : [IsOptional()])];
  const doc = required ? ApiProperty({ maxLength: REPORT_NOTE_MAX, description }) : ApiPropertyOptional({ maxLength: REPORT_NOTE_MAX, description });
  return (target: object, key: string) => [doc, ...decorators].forEach((d) => d(target, key));
}

function PhotoIds(max: number) {
  const decorators = [ApiPropertyOptional({ type: [Number], maxItems: max, description: 'Photos the caller uploaded through POST /api/media' }), IsOptional(), IsArray(), ArrayMaxSize(max), ArrayUnique(), IsInt({ each: true }), IsPositive({ each: true })];
  return (target: object, key: string) => decorators.forEach((d) => d(target, key));
}

export class SignReportDto implements SignReportRequest {
  @NoteField(false)
  note?: string;
}

export class ReturnReportDto implements ReturnReportRequest {
  @NoteField(true, 'Why the department sends it back')
  reason: string;
}

export class HandledReportDto implements HandledReportRequest {
  @NoteField(true, 'What was done')
  note: string;

  @PhotoIds(REPORT_RESOLUTION_PHOTOS_MAX)
  mediaIds?: number[];
}

export class ExtensionReportDto implements ExtensionReportRequest {
  @ApiProperty({ minimum: 1, maximum: REPORT_EXTENSION_HOURS_MAX, description: 'Hours added to the handle deadline' })
  @IsInt({ message: '延期时长须为整数小时' })
  @Min(1, { message: '延期时长至少 1 小时' })
  @Max(REPORT_EXTENSION_HOURS_MAX, { message: `延期时长最多 ${REPORT_EXTENSION_HOURS_MAX} 小时` })
  hours: number;

  @NoteField(true)
  reason: string;
}

export class DeferralReportDto implements DeferralReportRequest {
  @NoteField(true)
  reason: string;
}

export class VerifyReportDto implements VerifyReportRequest {
  @ApiProperty({ description: 'true: closed as fixed; false: back to the department as rework (a note is then required)' })
  @IsBoolean()
  pass: boolean;

  @NoteField(false)
  note?: string;
}

export class CloseReportDto implements CloseReportRequest {
  @ApiProperty({ enum: REPORT_CLOSE_OUTCOMES })
  @IsIn(REPORT_CLOSE_OUTCOMES)
  outcome: ReportCloseOutcome;

  @NoteField(true)
  reason: string;
}

export class ApproveRequestDto implements ApproveRequestRequest {
  @NoteField(false)
  note?: string;
}

export class RefuseRequestDto implements RefuseRequestRequest {
  @NoteField(true, 'Why it is refused')
  note: string;
}

export class ResumeReportDto implements ResumeReportRequest {
  @NoteField(false)
  note?: string;
}

export class ConfirmReportDto implements ConfirmReportRequest {
  @ApiProperty({ description: 'Whether the reporter finds the problem fixed' })
  @IsBoolean()
  fixed: boolean;

  @PhotoIds(REPORT_PHOTOS_MAX)
  mediaIds?: number[];

  @ApiPropertyOptional({ description: 'Where the follow-up photo was taken (GCJ-02); required with a photo' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat?: number;

  @ApiPropertyOptional({ description: 'Where the follow-up photo was taken (GCJ-02); required with a photo' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng?: number;

  @NoteField(false)
  note?: string;
}

export class RateReportDto implements RateReportRequest {
  @ApiProperty({ enum: REPORT_RATINGS })
  @IsIn(REPORT_RATINGS)
  rating: ReportRating;

  @NoteField(false)
  note?: string;
}

export class SupplementReportDto implements SupplementReportRequest {
  @NoteField(true, 'What the reporter adds')
  text: string;

  @PhotoIds(REPORT_PHOTOS_MAX)
  mediaIds?: number[];
}

export class WithdrawReportDto implements WithdrawReportRequest {
  @NoteField(false)
  note?: string;
}
