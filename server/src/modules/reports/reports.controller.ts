import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NearbyReportResponse, ReportDetailResponse, ReportPageResponse } from '@xjy/shared';
import { Access, ANY_USER, CurrentAuth, ScopedResource, SIGNED_IN, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CreateReportDto } from './dto/create-report.dto';
import { AcceptReportDto, DispatchReportDto, DuplicateReportDto, RejectReportDto, ReopenReportDto, ResolveReportDto } from './dto/report-actions.dto';
import { ListReportsQuery, MineQuery, NearbyReportsQuery } from './dto/report-queries.dto';
import type { Scoped } from '../../common/auth/scope-registry';
import { WitnessReportDto } from './dto/witness-report.dto';
import { ReportQueriesService } from './report-queries.service';
import { ReportReviewService } from './report-review.service';
import { ReportSubmissionService } from './report-submission.service';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { NearbyReportListDto, NearbyReportResponseDto, ReportDetailResponseDto, ReportPageResponseDto } from './dto/report.response';

const IN_SCOPE = { resource: 'report', from: 'param', key: 'id' } as const;

@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly submission: ReportSubmissionService,
    private readonly review: ReportReviewService,
    private readonly queries: ReportQueriesService,
  ) {}

  @Post()
  @HttpCode(201)
  @Access(ANY_USER)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Client-made key; a retry with the same key returns the same report' })
  @ApiCreatedResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: '随手拍: send a report with 1–3 photos' })
  create(@CurrentAuth() auth: AuthContext, @Headers('idempotency-key') key: string | undefined, @Body() dto: CreateReportDto): Promise<ReportDetailResponse> {
    return this.submission.create(auth, key, dto);
  }

  @Get('nearby')
  @Access(ANY_USER)
  @ApiOkResponse({ type: NearbyReportListDto })
  @ApiErrors(400)
  @ApiOperation({ summary: 'Open reports of a category within 250 m in the last 7 days (no reporter, no photos)' })
  nearby(@CurrentAuth() auth: AuthContext, @Query() q: NearbyReportsQuery): Promise<{ items: NearbyReportResponse[] }> {
    return this.queries.nearby(auth, q);
  }

  @Get('mine')
  @Access(ANY_USER)
  @ApiOkResponse({ type: ReportPageResponseDto })
  @ApiErrors(400)
  @ApiOperation({ summary: 'My reports, newest first' })
  mine(@CurrentAuth() auth: AuthContext, @Query() q: MineQuery): Promise<ReportPageResponse> {
    return this.queries.mine(auth, q.cursor);
  }

  @Get()
  @Access(STAFF, { resource: 'area', from: 'query', key: 'areaId', optional: true })
  @ApiOkResponse({ type: ReportPageResponseDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'The staff queue in scope: filters by status or group, category, area, overdue, flagged' })
  list(@CurrentAuth() auth: AuthContext, @Query() q: ListReportsQuery): Promise<ReportPageResponse> {
    return this.queries.list(auth, q);
  }

  @Get(':id')
  // Not a guard scope rule: the reporter is a worker; the service checks reporter, staff in scope, or the holding department.
  @Access(SIGNED_IN)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'One report with photos and its timeline (the reporter, or staff in scope)' })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<ReportDetailResponse> {
    return this.queries.detail(auth, id);
  }

  @Post(':id/witness')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: NearbyReportResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: '我也看到: confirm an open report instead of sending a duplicate (no points)' })
  @ApiOperation({ summary: '我也看到: confirm an open report the nearby list shows where the user is now (no points)' })
  witness(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: WitnessReportDto): Promise<NearbyReportResponse> {
    return this.submission.witness(auth, id, dto);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: "Accept and award points within the category's range (once, whatever the retries)" })
  accept(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: AcceptReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.review.act('accept', auth, id, dto, report);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Reject with a reason (reverses points of an earlier acceptance)' })
  reject(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: RejectReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.review.act('reject', auth, id, dto, report);
  }

  @Post(':id/duplicate')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Close as a duplicate of another report' })
  duplicate(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: DuplicateReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.review.act('duplicate', auth, id, dto, report);
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Dispatch an accepted report to a department' })
  dispatch(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: DispatchReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.review.act('dispatch', auth, id, dto, report);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Close with the outcome (and photos of it)' })
  resolve(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ResolveReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.review.act('resolve', auth, id, dto, report);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Reopen a finished report for review again' })
  reopen(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ReopenReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.review.act('reopen', auth, id, dto, report);
  }
}
