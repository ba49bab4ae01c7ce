import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReportCategoriesResponse, ReportCategoryResponse } from '@xjy/shared';
import { Access, ADMIN, ANY_USER, CurrentAuth } from '../../../common/auth/access.decorator';
import type { AuthContext } from '../../../common/auth/auth-context';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import { ReportCategoriesService } from './report-categories.service';
import { CreateReportCategoryDto, UpdateReportCategoryDto } from './report-category.dto';
import { ApiAuthErrors, ApiErrors } from '../../../common/api-errors.decorator';
import { ReportCategoriesResponseDto, ReportCategoryResponseDto } from './report-category.response';

@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class ReportCategoriesController {
  constructor(private readonly categories: ReportCategoriesService) {}

  @Get('report-categories')
  @Access(ANY_USER)
  @ApiOkResponse({ type: ReportCategoriesResponseDto })
  @ApiOperation({ summary: 'Report categories (admin also sees archived ones) and the subscribe-message template' })
  list(@CurrentAuth() auth: AuthContext): Promise<ReportCategoriesResponse> {
    return this.categories.list(auth.role === 'admin');
  }

  @Post('admin/report-categories')
  @Access(ADMIN)
  @ApiCreatedResponse({ type: ReportCategoryResponseDto })
  @ApiErrors(400, 409, 429)
  @ApiOperation({ summary: 'Create a report category (admin)' })
  create(@Body() dto: CreateReportCategoryDto): Promise<ReportCategoryResponse> {
    return this.categories.create(dto);
  }

  @Patch('admin/report-categories/:id')
  @Access(ADMIN)
  @ApiOkResponse({ type: ReportCategoryResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Change a category: label, points range, deadlines, order, archive (admin)' })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateReportCategoryDto): Promise<ReportCategoryResponse> {
    return this.categories.update(id, dto);
  }
}
