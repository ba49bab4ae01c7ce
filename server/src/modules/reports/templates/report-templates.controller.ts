import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListResponse, ReportTemplateResponse } from '@xjy/shared';
import { ApiAuthErrors, ApiErrors } from '../../../common/api-errors.decorator';
import { Access, ADMIN } from '../../../common/auth/access.decorator';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import { CreateReportTemplateDto, ReportTemplateListDto, ReportTemplateResponseDto, ReportTemplatesQuery, UpdateReportTemplateDto } from './report-template.dto';
import { ReportTemplatesService } from './report-templates.service';

/** Who picks templates while handling a case. */
export const TEMPLATE_USERS = ['staff', 'admin', 'department'] as const;

@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class ReportTemplatesController {
  constructor(private readonly templates: ReportTemplatesService) {}

  @Get('report-templates')
  @Access(TEMPLATE_USERS)
  @ApiOkResponse({ type: ReportTemplateListDto })
  @ApiErrors(404)
  @ApiOperation({ summary: 'Active response templates for an action, the category’s own first, then the general ones' })
  forAction(@Query() q: ReportTemplatesQuery): Promise<ListResponse<ReportTemplateResponse>> {
    return this.templates.forAction(q);
  }

  @Get('admin/report-templates')
  @Access(ADMIN)
  @ApiOkResponse({ type: ReportTemplateListDto })
  @ApiOperation({ summary: 'Every response template, archived ones too (admin)' })
  listAll(): Promise<ListResponse<ReportTemplateResponse>> {
    return this.templates.listAll();
  }

  @Post('admin/report-templates')
  @Access(ADMIN)
  @ApiCreatedResponse({ type: ReportTemplateResponseDto })
  @ApiErrors(404, 429)
  @ApiOperation({ summary: 'Write a response template for an action, for one category or all (admin)' })
  create(@Body() dto: CreateReportTemplateDto): Promise<ReportTemplateResponse> {
    return this.templates.create(dto);
  }

  @Patch('admin/report-templates/:id')
  @Access(ADMIN)
  @ApiOkResponse({ type: ReportTemplateResponseDto })
  @ApiErrors(404, 429)
  @ApiOperation({ summary: 'Edit, archive (active: false) or restore a response template (admin)' })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateReportTemplateDto): Promise<ReportTemplateResponse> {
    return this.templates.update(id, dto);
  }

  @Delete('admin/report-templates/:id')
  @Access(ADMIN)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404, 429)
  @ApiOperation({ summary: 'Delete a response template (admin)' })
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.templates.remove(id);
  }
}
