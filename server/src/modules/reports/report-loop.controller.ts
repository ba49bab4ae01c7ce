import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DepartmentCasesResponse, EscalationPageResponse, ReportDetailResponse } from '@xjy/shared';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { Access, ANY_USER, CurrentAuth, DEPARTMENT, ScopedResource, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import type { Scoped } from '../../common/auth/scope-registry';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import {
  ApproveRequestDto,
  CloseReportDto,
  ConfirmReportDto,
  DeferralReportDto,
  ExtensionReportDto,
  HandledReportDto,
  RateReportDto,
  RefuseRequestDto,
  ResumeReportDto,
  ReturnReportDto,
  SignReportDto,
  SupplementReportDto,
  VerifyReportDto,
  WithdrawReportDto,
} from './dto/report-loop.dto';
import { DepartmentCasesResponseDto, EscalationPageResponseDto } from './dto/report-loop.response';
import { DepartmentCasesQuery, EscalationsQuery } from './dto/report-queries.dto';
import { ReportDetailResponseDto } from './dto/report.response';
import { ReportDepartmentService } from './report-department.service';
import { ReportEscalationService } from './report-escalation.service';
import { ReportReporterService } from './report-reporter.service';
import { ReportVerificationService } from './report-verification.service';

const IN_SCOPE = { resource: 'report', from: 'param', key: 'id' } as const;

/** 一办到底: the department's, staff's and reporter's steps after a case is filed, and the 督办 queue. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class ReportLoopController {
  constructor(
    private readonly department: ReportDepartmentService,
    private readonly verification: ReportVerificationService,
    private readonly reporter: ReportReporterService,
    private readonly escalations: ReportEscalationService,
  ) {}

  // Department (处置单位)

  @Get('department/cases')
  @Access(DEPARTMENT)
  @ApiOkResponse({ type: DepartmentCasesResponseDto })
  @ApiErrors(400)
  @ApiOperation({ summary: "The cases dispatched to the caller's department, by status or group, cursor-paged" })
  cases(@CurrentAuth() auth: AuthContext, @Query() q: DepartmentCasesQuery): Promise<DepartmentCasesResponse> {
    return this.department.cases(auth, q);
  }

  @Post('reports/:id/sign')
  @HttpCode(200)
  @Access(DEPARTMENT)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: '签收: the holding department takes a dispatched case (late is allowed, and marked)' })
  sign(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: SignReportDto): Promise<ReportDetailResponse> {
    return this.department.act('sign', auth, id, dto);
  }

  @Post('reports/:id/return')
  @HttpCode(200)
  @Access(DEPARTMENT)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: '退回: the holding department sends a dispatched case back to staff, with the reason' })
  return(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ReturnReportDto): Promise<ReportDetailResponse> {
    return this.department.act('return', auth, id, dto);
  }

  @Post('reports/:id/handled')
  @HttpCode(200)
  @Access(DEPARTMENT)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: '处置反馈: what was done, with photos the caller uploaded; staff verify next' })
  handled(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: HandledReportDto): Promise<ReportDetailResponse> {
    return this.department.act('handled', auth, id, dto);
  }

  @Post('reports/:id/extension')
  @HttpCode(200)
  @Access(DEPARTMENT)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: '延期: ask staff for more hours on the handle deadline' })
  extension(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ExtensionReportDto): Promise<ReportDetailResponse> {
    return this.department.act('request_extension', auth, id, dto);
  }

  @Post('reports/:id/deferral')
  @HttpCode(200)
  @Access(DEPARTMENT)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: '缓办: ask staff to postpone handling (no deadline runs while deferred)' })
  deferral(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: DeferralReportDto): Promise<ReportDetailResponse> {
    return this.department.act('request_deferral', auth, id, dto);
  }

  // Staff

  @Post('reports/:id/verify')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: '核查: pass closes the case as fixed; fail sends it back to the department as rework (返工)' })
  verify(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: VerifyReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.verification.verify(auth, id, dto, report);
  }

  @Post('reports/:id/close')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'Close without a fix: not fixable, or not our responsibility (never counted as fixed)' })
  close(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: CloseReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.verification.act('close', auth, id, dto, report);
  }

  @Post('reports/:id/extension/approve')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: "Approve the department's extension: the handle deadline moves by the hours asked" })
  approveExtension(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ApproveRequestDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.verification.act('approve_extension', auth, id, dto, report);
  }

  @Post('reports/:id/extension/refuse')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: "Refuse the department's extension, with a note" })
  refuseExtension(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: RefuseRequestDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.verification.act('refuse_extension', auth, id, dto, report);
  }

  @Post('reports/:id/deferral/approve')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: "Approve the department's deferral: 缓办, no deadline runs until resumed" })
  approveDeferral(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ApproveRequestDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.verification.act('approve_deferral', auth, id, dto, report);
  }

  @Post('reports/:id/deferral/refuse')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: "Refuse the department's deferral, with a note" })
  refuseDeferral(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: RefuseRequestDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.verification.act('refuse_deferral', auth, id, dto, report);
  }

  @Post('reports/:id/resume')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'Resume a deferred case: handling again with a whole handle period' })
  resume(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ResumeReportDto, @ScopedResource('report') report?: Scoped<'report'>): Promise<ReportDetailResponse> {
    return this.verification.act('resume', auth, id, dto, report);
  }

  @Get('escalations')
  @Access(STAFF)
  @ApiOkResponse({ type: EscalationPageResponseDto })
  @ApiErrors(400)
  @ApiOperation({ summary: '督办 queue: overdue cases whose area, or the area they were escalated to, is in scope' })
  escalationList(@CurrentAuth() auth: AuthContext, @Query() q: EscalationsQuery): Promise<EscalationPageResponse> {
    return this.escalations.list(auth, q);
  }

  // Reporter

  @Post('reports/:id/confirm')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409, 422)
  @ApiOperation({ summary: 'The reporter confirms the outcome after closure; a follow-up photo must be within 100 m; not fixed goes back to staff' })
  confirm(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ConfirmReportDto): Promise<ReportDetailResponse> {
    return this.reporter.act('confirm', auth, id, dto);
  }

  @Post('reports/:id/rate')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: '综合评价 once after closure: 满意 / 基本满意 / 不满意 (不满意 goes back to staff)' })
  rate(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: RateReportDto): Promise<ReportDetailResponse> {
    return this.reporter.act('rate', auth, id, dto);
  }

  @Post('reports/:id/supplement')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'The reporter adds information (text, photos) while the case is open' })
  supplement(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: SupplementReportDto): Promise<ReportDetailResponse> {
    return this.reporter.act('supplement', auth, id, dto);
  }

  @Post('reports/:id/withdraw')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: ReportDetailResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'The reporter withdraws the report before it is accepted' })
  withdraw(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: WithdrawReportDto): Promise<ReportDetailResponse> {
    return this.reporter.act('withdraw', auth, id, dto);
  }
}
