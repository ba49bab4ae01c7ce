import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StaffResponse } from '@xjy/shared';
import { Access, ADMIN, CurrentAuth } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { UsersService } from './users.service';

/** Any account, workers included (staff accounts also have their own routes under /admin/staff). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post(':id/disable')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOperation({ summary: 'Disable any account, a worker too (its tokens stop working at once, on every instance)' })
  disable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StaffResponse> {
    return this.users.setDisabled(auth, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Access(ADMIN)
  @ApiOperation({ summary: 'Enable a disabled account (tokens from before the disable stay revoked)' })
  enable(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StaffResponse> {
    return this.users.setDisabled(auth, id, false);
  }
}
