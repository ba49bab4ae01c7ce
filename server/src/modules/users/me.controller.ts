import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserResponse } from '@xjy/shared';
import { Access, SIGNED_IN, CurrentAuth } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { UpdateMeDto } from './dto/update-me.dto';
import { UsersService } from './users.service';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { UserResponseDto } from './dto/user.response';

@ApiTags('me')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access(SIGNED_IN)
  @ApiOkResponse({ type: UserResponseDto })
  @ApiOperation({ summary: 'The logged-in user' })
  me(@CurrentAuth() auth: AuthContext): Promise<UserResponse> {
    return this.users.me(auth);
  }

  @Patch()
  @Access(SIGNED_IN)
  @ApiOkResponse({ type: UserResponseDto })
  @ApiErrors(400, 429)
  @ApiOperation({ summary: 'Update my nickname, trade or phone' })
  update(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateMeDto): Promise<UserResponse> {
    return this.users.updateMe(auth, dto);
  }
}
