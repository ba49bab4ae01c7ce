import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AbsenteeResponse, AttendanceResponse, ListResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import { Access, ANY_USER, CurrentAuth, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { AbsenteeListDto } from '../organizations/dto/membership.response';
import { AttendanceResponseDto, OrganizationMeetingsDto } from './dto/activity.response';
import { MeetingsService, OrganizationMeetingsResponse } from './meetings.service';
import { QuarterQuery, RegisterExportQuery } from '../organizations/dto/membership.dto';
import { AttendanceService } from './attendance.service';
import { RegisterService } from './register.service';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly register: RegisterService,
    private readonly meetings: MeetingsService,
  ) {}

  @Get('organizations/:id/meetings')
  @Access(STAFF, { resource: 'organization', from: 'param', key: 'id' })
  @ApiOkResponse({ type: OrganizationMeetingsDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: '三会一课: each verified member\'s quarter against the rule set, meetings at either organization counted once' })
  meetingsOf(@Param('id', ParseIdPipe) id: number, @Query() q: QuarterQuery): Promise<OrganizationMeetingsResponse> {
    return this.meetings.quarter(id, q.quarter);
  }

  @Get('organizations/:id/absentees')
  @Access(STAFF, { resource: 'organization', from: 'param', key: 'id' })
  @ApiOkResponse({ type: AbsenteeListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Verified members with no meeting attended this quarter at either of their organizations' })
  absentees(@Param('id', ParseIdPipe) id: number, @Query() q: QuarterQuery): Promise<ListResponse<AbsenteeResponse> & { quarter: string }> {
    return this.attendance.absentees(id, q.quarter);
  }

  @Get('attendance/mine')
  @Access(ANY_USER)
  @ApiOkResponse({ type: AttendanceResponseDto })
  @ApiErrors(400)
  @ApiOperation({ summary: 'My attendance this quarter: meetings at either organization counted once' })
  mine(@CurrentAuth() auth: AuthContext, @Query() q: QuarterQuery): Promise<AttendanceResponse> {
    return this.attendance.mine(auth, q.quarter);
  }

  @Get('register/export.xlsx')
  @Access(STAFF, { resource: 'area', from: 'query', key: 'areaId', optional: true })
  @ApiOkResponse({ description: 'The spreadsheet', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'The register (台账) of members in scope by trade and area, with membership and attendance columns' })
  async export(@CurrentAuth() auth: AuthContext, @Query() q: RegisterExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const { buffer, filename } = await this.register.export(auth, q.areaId, q.quarter);
    await reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="register.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(buffer);
  }
}
