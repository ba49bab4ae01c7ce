import { Global, Module } from '@nestjs/common';
import { AuthUserCache } from './auth-user.cache';
import { MeController } from './me.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Global()
@Module({ controllers: [MeController], providers: [UsersRepository, AuthUserCache, UsersService], exports: [UsersRepository, AuthUserCache] })
export class UsersModule {}
