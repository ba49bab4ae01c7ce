import { Module } from '@nestjs/common';
import { AccessUserLoader } from '../../common/auth/access.ports';
import { InProcessTokenRevocation, TOKEN_REVOCATION } from '../../common/auth/token-revocation';
import { RedisTokenRevocation } from '../../common/redis/redis-token-revocation';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { AdminUsersController } from './admin-users.controller';
import { AuthUserCache } from './auth-user.cache';
import { MeController } from './me.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [MeController, AdminUsersController],
  // With REDIS_URL the revocation bus reaches every instance (Redis pub/sub); without it, this process only.
  providers: [
    UsersRepository,
    AuthUserCache,
    UsersService,
    { provide: AccessUserLoader, useExisting: AuthUserCache },
    { provide: TOKEN_REVOCATION, inject: [APP_CONFIG], useFactory: (c: AppConfig) => (c.redisUrl ? new RedisTokenRevocation(c.redisUrl) : new InProcessTokenRevocation()) },
  ],
  exports: [UsersRepository, AuthUserCache, UsersService, AccessUserLoader, TOKEN_REVOCATION],
})
export class UsersModule {}
