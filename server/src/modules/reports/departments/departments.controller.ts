import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DepartmentResponse, ListResponse } from '@xjy/shared';
import { Access, ADMIN, CurrentAuth, STAFF } from '../../../common/auth/access.decorator';
import type { AuthContext } from '../../../common/auth/auth-context';
import { ParseIdPipe } from '../../../common/parse-id.pipe';
import { CreateDepartmentDto, UpdateDepartmentDto } from './department.dto';
import { DepartmentsService } from './departments.service';
import { ApiAuthErrors, ApiErrors } from '../../../common/api-errors.decorator';
import { DepartmentListDto, DepartmentResponseDto } from './department.response';

@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get('departments')
  @Access(STAFF)
  @ApiOkResponse({ type: DepartmentListDto })
  @ApiOperation({ summary: 'Departments reports can be dispatched to (admin also sees archived ones)' })
  list(@CurrentAuth() auth: AuthContext): Promise<ListResponse<DepartmentResponse>> {
    return this.departments.list(auth.role === 'admin');
  }

  @Post('admin/departments')
  @Access(ADMIN)
  @ApiCreatedResponse({ type: DepartmentResponseDto })
  @ApiErrors(400, 409, 429)
  @ApiOperation({ summary: 'Create a department (admin)' })
  create(@Body() dto: CreateDepartmentDto): Promise<DepartmentResponse> {
    return this.departments.create(dto);
  }

  @Patch('admin/departments/:id')
  @Access(ADMIN)
  @ApiOkResponse({ type: DepartmentResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Rename, change the phone of, or archive a department (admin)' })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateDepartmentDto): Promise<DepartmentResponse> {
    return this.departments.update(id, dto);
  }
}
