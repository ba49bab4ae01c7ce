import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityResponse, CheckInResponse, CLIENT_ID_HEADER, ListResponse, QrTokenResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { Access, ANY_USER, CheckInThrottle, CurrentAuth, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ActivitiesService } from './activities.service';
import { CheckInsService } from './check-ins.service';
import { ApproveCheckInDto, CheckInDto, CreateActivityDto, ListActivitiesQuery, UpdateActivityDto } from './dto/activity.dto';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { parseClientId } from './hours.controller';
import { ActivityListDto, ActivityResponseDto, CheckInListDto, CheckInResponseDto, QrTokenResponseDto } from './dto/activity.response';

@ApiTags('activities')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly checkIns: CheckInsService,
  ) {}

  @Post('activities')
  @Access(STAFF, { resource: 'organization', from: 'body', key: 'organizationId' })
  @ApiCreatedResponse({ type: ActivityResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Create an activity at an organization in your scope' })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateActivityDto): Promise<ActivityResponse> {
    return this.activities.create(auth, dto);
  }

  @Get('activities')
  @Access(ANY_USER)
  @ApiOkResponse({ type: ActivityListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'scope=mine: activities of both my organizations and all volunteer service; scope=managed: staff, in scope' })
  list(@CurrentAuth() auth: AuthContext, @Query() q: ListActivitiesQuery): Promise<ListResponse<ActivityResponse>> {
    return this.activities.list(auth, q.scope ?? 'mine', q.organizationId);
  }

  @Get('activities/:id')
  @Access(ANY_USER)
  @ApiOkResponse({ type: ActivityResponseDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'One activity, with whether I may check in and whether I did' })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<ActivityResponse> {
    return this.activities.get(auth, id);
  }

  @Patch('activities/:id')
  @Access(STAFF, { resource: 'activity', from: 'param', key: 'id' })
  @ApiOkResponse({ type: ActivityResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Edit an activity' })
  update(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateActivityDto): Promise<ActivityResponse> {
    return this.activities.update(auth, id, dto);
  }

  @Post('activities/:id/cancel')
  @HttpCode(200)
  @Access(STAFF, { resource: 'activity', from: 'param', key: 'id' })
  @ApiOkResponse({ type: ActivityResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Cancel an activity (check-ins are refused from then on)' })
  cancel(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<ActivityResponse> {
    return this.activities.cancel(auth, id);
  }

  @Get('activities/:id/qr-token')
  @Access(STAFF, { resource: 'activity', from: 'param', key: 'id' })
  @ApiOkResponse({ type: QrTokenResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'The rotating check-in code for the staff screen (30-second slots), also as a 6-digit code to type' })
  qr(@Param('id', ParseIdPipe) id: number): Promise<QrTokenResponse> {
    return this.activities.qrToken(id);
  }

  @Post('activities/:id/check-ins')
  @Access(ANY_USER)
  @CheckInThrottle()
  @ApiHeader({ name: CLIENT_ID_HEADER, required: false, description: 'The app install id (proxy suspicion)' })
  @ApiCreatedResponse({ type: CheckInResponseDto })
  @ApiOkResponse({ type: CheckInResponseDto, description: 'A repeat: the attendance already recorded' })
  @ApiErrors(400, 404, 409, 422, 429)
  @ApiOperation({ summary: 'Check in with the scanned or typed code and my location; 201 new, 200 repeat, 422 refused with the reason as code; suspicion is flagged (待核实), not refused' })
  async checkIn(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CheckInDto,
    @Headers(CLIENT_ID_HEADER) clientId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckInResponse> {
    const { checkIn, created } = await this.checkIns.checkIn(auth, id, dto, parseClientId(clientId));
    void reply.status(created ? 201 : 200);
    return checkIn;
  }

  @Get('activities/:id/check-ins')
  @Access(STAFF, { resource: 'activity', from: 'param', key: 'id' })
  @ApiOkResponse({ type: CheckInListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Live attendance list, refused attempts included with their reasons' })
  listCheckIns(@Param('id', ParseIdPipe) id: number): Promise<ListResponse<CheckInResponse>> {
    return this.checkIns.listCheckIns(id);
  }

  @Post('check-ins/:id/approve')
  @HttpCode(200)
  @Access(STAFF, { resource: 'check_in', from: 'param', key: 'id' })
  @ApiOkResponse({ type: CheckInResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Approve a refused check-in by hand, with a note (audited)' })
  approve(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ApproveCheckInDto): Promise<CheckInResponse> {
    return this.checkIns.approve(auth, id, dto.note);
  }

  @Get('check-ins/mine')
  @Access(ANY_USER)
  @ApiOkResponse({ type: CheckInListDto })
  @ApiOperation({ summary: 'My check-ins, newest first' })
  mine(@CurrentAuth() auth: AuthContext): Promise<ListResponse<CheckInResponse>> {
    return this.checkIns.mine(auth);
  }
}
