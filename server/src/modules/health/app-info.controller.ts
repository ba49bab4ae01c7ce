import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppInfoResponse, DEMO_ACCOUNTS } from '@xjy/shared';
import { Public } from '../../common/auth/access.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { AppInfoResponseDto } from './dto/health.response';

@ApiTags('health')
@Controller('app-info')
export class AppInfoController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: AppInfoResponseDto })
  @ApiOperation({ summary: 'What the client needs to know before login (demo login on?)' })
  info(): AppInfoResponse {
    return {
      name: '新就业群体服务',
      version: process.env.npm_package_version ?? '0.1.0',
      devLogin: this.config.devLogin,
      demoAccounts: this.config.devLogin ? [...DEMO_ACCOUNTS] : [],
      wechatConfigured: Boolean(this.config.wechat.appId),
    };
  }
}
