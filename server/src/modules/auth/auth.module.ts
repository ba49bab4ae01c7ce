import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Global()
@Module({ controllers: [AuthController], providers: [TokenService, AuthService], exports: [TokenService] })
export class AuthModule {}
