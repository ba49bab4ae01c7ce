import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReportDashboardResponse } from '@xjy/shared';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Access, CurrentAuth, STAFF } from '../../../common/auth/access.decorator';
import type { AuthContext } from '../../../common/auth/auth-context';
import { DashboardQuery } from '../dto/report-queries.dto';
import { ReportDashboardService } from './report-dashboard.service';
import { ApiAuthErrors, ApiErrors } from '../../../common/api-errors.decorator';
import { ReportDashboardResponseDto } from './report-dashboard.response';

const AREA_IN_SCOPE = { resource: 'area', from: 'query', key: 'areaId', optional: true } as const;

@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class ReportDashboardController {
  constructor(private readonly dashboard: ReportDashboardService) {}

  @Get('dashboard/reports')
  @Access(STAFF, AREA_IN_SCOPE)
  @ApiOkResponse({ type: ReportDashboardResponseDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: '数字城管 figures (结案率, 按期结案率, 返工率, 延期率, 满意率, 处置率) and median hours per stage for reports received in a range, by area, category, department and week' })
  figures(@CurrentAuth() auth: AuthContext, @Query() q: DashboardQuery): Promise<ReportDashboardResponse> {
    return this.dashboard.figures(auth, q);
  }

  @Get('reports/export.xlsx')
  @Access(STAFF, AREA_IN_SCOPE)
  @ApiOkResponse({ description: 'The spreadsheet', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'The reports of the dashboard range as a spreadsheet (streamed), with the figures and breakdowns' })
  async export(@CurrentAuth() auth: AuthContext, @Query() q: DashboardQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    const body = await this.dashboard.exportXlsx(auth, q);
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="reports-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`随手拍-${day}.xlsx`)}`);
    return body;
  }
}
