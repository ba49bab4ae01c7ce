import { Module } from '@nestjs/common';
import { AccessTokenVerifier } from '../../common/auth/access.ports';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Module({
  imports: [UsersModule, WechatModule],
  controllers: [AuthController],
  providers: [TokenService, AuthService, { provide: AccessTokenVerifier, useExisting: TokenService }],
  exports: [TokenService, AccessTokenVerifier],
})
export class AuthModule {}
