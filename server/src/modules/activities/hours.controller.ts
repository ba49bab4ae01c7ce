import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckInResponse, CLIENT_ID_HEADER, ConfirmHoursResponse, ListResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { Access, ANY_USER, CheckInThrottle, CurrentAuth, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CheckInReviewService } from './check-in-review.service';
import { CheckInListDto, CheckInResponseDto, ConfirmHoursResponseDto } from './dto/activity.response';
import { CheckOutDto, CloseSessionDto, ReviewCheckInDto } from './dto/hours.dto';
import { HoursService } from './hours.service';

/** The per-install id the app keeps and sends; anything else is treated as no id. */
export function parseClientId(raw: string | string[] | undefined): string | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && /^[A-Za-z0-9_-]{8,64}$/.test(v) ? v : null;
}

@ApiTags('activities')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class HoursController {
  constructor(
    private readonly hours: HoursService,
    private readonly review: CheckInReviewService,
  ) {}

  @Post('activities/:id/check-outs')
  @Access(ANY_USER)
  @CheckInThrottle()
  @ApiHeader({ name: CLIENT_ID_HEADER, required: false, description: 'The app install id (proxy suspicion)' })
  @ApiCreatedResponse({ type: CheckInResponseDto })
  @ApiOkResponse({ type: CheckInResponseDto, description: 'A repeat: the sign-out already recorded' })
  @ApiErrors(400, 404, 409, 422, 429)
  @ApiOperation({ summary: 'Sign out of a volunteer or training activity with the code and my location; 201 new, 200 repeat' })
  async checkOut(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CheckOutDto,
    @Headers(CLIENT_ID_HEADER) clientId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckInResponse> {
    const { checkIn, created } = await this.hours.checkOut(auth, id, dto, parseClientId(clientId));
    void reply.status(created ? 201 : 200);
    return checkIn;
  }

  @Post('activities/:id/confirm-hours')
  @HttpCode(200)
  @Access(STAFF, { resource: 'activity', from: 'param', key: 'id' })
  @ApiOkResponse({ type: ConfirmHoursResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'After the end: confirm the hours of every signed-out session (volunteer points once each)' })
  confirm(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<ConfirmHoursResponse> {
    return this.hours.confirm(auth, id);
  }

  @Post('check-ins/:id/close')
  @HttpCode(200)
  @Access(STAFF, { resource: 'check_in', from: 'param', key: 'id' })
  @ApiOkResponse({ type: CheckInResponseDto })
  @ApiErrors(400, 403, 404, 409, 422, 429)
  @ApiOperation({ summary: 'Close a forgotten sign-out by hand at the time the member left, with a note (audited)' })
  close(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: CloseSessionDto): Promise<CheckInResponse> {
    return this.hours.close(auth, id, dto);
  }

  @Get('check-ins/flagged')
  @Access(STAFF)
  @ApiOkResponse({ type: CheckInListDto })
  @ApiOperation({ summary: 'Check-ins waiting for review (待核实) in my scope, oldest first, with their reasons' })
  flagged(@CurrentAuth() auth: AuthContext): Promise<ListResponse<CheckInResponse>> {
    return this.review.flagged(auth);
  }

  @Post('check-ins/:id/review')
  @HttpCode(200)
  @Access(STAFF, { resource: 'check_in', from: 'param', key: 'id' })
  @ApiOkResponse({ type: CheckInResponseDto })
  @ApiErrors(400, 403, 404, 409, 429)
  @ApiOperation({ summary: 'Accept or reject a flagged check-in with a note' })
  reviewOne(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ReviewCheckInDto): Promise<CheckInResponse> {
    return this.review.review(auth, id, dto);
  }
}
