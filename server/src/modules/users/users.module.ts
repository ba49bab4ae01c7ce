import { Module } from '@nestjs/common';
import { AccessUserLoader } from '../../common/auth/access.ports';
import { InProcessTokenRevocation, TOKEN_REVOCATION } from '../../common/auth/token-revocation';
import { AdminUsersController } from './admin-users.controller';
import { AuthUserCache } from './auth-user.cache';
import { MeController } from './me.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [MeController, AdminUsersController],
  // TOKEN_REVOCATION is the seam for a shared bus (Redis pub/sub) when several instances run.
  providers: [
    UsersRepository,
    AuthUserCache,
    UsersService,
    { provide: AccessUserLoader, useExisting: AuthUserCache },
    { provide: TOKEN_REVOCATION, useClass: InProcessTokenRevocation },
  ],
  exports: [UsersRepository, AuthUserCache, UsersService, AccessUserLoader, TOKEN_REVOCATION],
})
export class UsersModule {}
