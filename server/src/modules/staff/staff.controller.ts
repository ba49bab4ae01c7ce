import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListResponse, StaffResponse } from '@xjy/shared';
import { Access, ADMIN, CurrentAuth } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CreateStaffDto, UpdateStaffScopesDto } from './dto/staff.dto';
import { StaffService } from './staff.service';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { StaffListDto, StaffResponseDto } from './dto/staff.response';

@ApiTags('admin')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('admin/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @Access(ADMIN)
  @ApiOkResponse({ type: StaffListDto })
  @ApiOperation({ summary: 'Staff and admin accounts with their scopes' })
  list(): Promise<ListResponse<StaffResponse>> {
    return this.staff.list();
  }

  @Post()
  @Access(ADMIN)
  @ApiCreatedResponse({ type: StaffResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Create a staff or admin account' })
  create(@Body() dto: CreateStaffDto): Promise<StaffResponse> {
    return this.staff.create(dto);
  }

  @Put(':id/scopes')
  @Access(ADMIN)
  @ApiOkResponse({ type: StaffResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Replace the areas a staff account looks after' })
  scopes(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateStaffScopesDto): Promise<StaffResponse> {
    return this.staff.replaceScopes(id, dto.scopeAreaIds);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOkResponse({ type: StaffResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Disable an account (its tokens stop working)' })
  disable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StaffResponse> {
    return this.staff.setDisabled(auth, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOkResponse({ type: StaffResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Enable a disabled account' })
  enable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StaffResponse> {
    return this.staff.setDisabled(auth, id, false);
  }
}
