import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Global()
@Module({ imports: [JwtModule.register({})], controllers: [AuthController], providers: [TokenService, AuthService], exports: [TokenService] })
export class AuthModule {}
