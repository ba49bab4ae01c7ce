import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffResponse } from '@xjy/shared';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { Access, ADMIN, CurrentAuth } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { StaffResponseDto } from '../staff/dto/staff.response';
import { UsersService } from './users.service';

/** Any account, workers included (staff accounts also have their own routes under /admin/staff). */
@ApiTags('admin')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post(':id/disable')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOkResponse({ type: StaffResponseDto })
  @ApiErrors(404, 409, 429)
  @ApiOperation({ summary: 'Disable any account, a worker too (its tokens stop working at once, on every instance)' })
  disable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StaffResponse> {
    return this.users.setDisabled(auth, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOkResponse({ type: StaffResponseDto })
  @ApiErrors(404, 429)
  @ApiOperation({ summary: 'Enable a disabled account (tokens from before the disable stay revoked)' })
  enable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StaffResponse> {
    return this.users.setDisabled(auth, id, false);
  }
}
