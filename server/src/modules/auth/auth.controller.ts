import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginResponse } from '@xjy/shared';
import { Access, SIGNED_IN, CurrentAuth, LoginThrottle, Public } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { AuthService } from './auth.service';
import { DevLoginDto, PasswordLoginDto, WechatLoginDto } from './dto/login.dto';
import { ApiErrors } from '../../common/api-errors.decorator';
import { LoginResponseDto } from './dto/login.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('wechat')
  @HttpCode(200)
  @Public()
  @LoginThrottle()
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 403, 429, 503)
  @ApiOperation({ summary: 'Log in with a wx.login code (the server calls jscode2session)' })
  wechat(@Body() dto: WechatLoginDto): Promise<LoginResponse> {
    return this.auth.loginWithWechat(dto.code);
  }

  @Post('password')
  @HttpCode(200)
  @Public()
  @LoginThrottle()
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 401, 403, 429, 503)
  @ApiOperation({ summary: 'Staff and admin log in with username and password' })
  password(@Body() dto: PasswordLoginDto): Promise<LoginResponse> {
    return this.auth.loginWithPassword(dto.username, dto.password);
  }

  @Post('dev')
  @HttpCode(200)
  @Public()
  @LoginThrottle()
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors(400, 403, 404, 429, 503)
  @ApiOperation({ summary: 'One-tap demo login (only when DEV_LOGIN is on)' })
  dev(@Body() dto: DevLoginDto): Promise<LoginResponse> {
    return this.auth.loginAsDemo(dto.account);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @Access(SIGNED_IN)
  @ApiOperation({ summary: "Log out: ends every session of the caller's account, on every instance, within a second" })
  @ApiErrors(400, 401, 429)
  @ApiNoContentResponse({ description: 'Logged out; the token (and any other token of this account) is refused from now on' })
  async logout(@CurrentAuth() auth: AuthContext): Promise<void> {
    await this.auth.logout(auth.userId);
  }
}
