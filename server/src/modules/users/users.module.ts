import { Module } from '@nestjs/common';
import { AccessUserLoader } from '../../common/auth/access.ports';
import { AuthUserCache } from './auth-user.cache';
import { MeController } from './me.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [MeController],
  providers: [UsersRepository, AuthUserCache, UsersService, { provide: AccessUserLoader, useExisting: AuthUserCache }],
  exports: [UsersRepository, AuthUserCache, AccessUserLoader],
})
export class UsersModule {}
