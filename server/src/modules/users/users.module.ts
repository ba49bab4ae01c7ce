import { Module } from '@nestjs/common';
import { AccessUserLoader } from '../../common/auth/access.ports';
import { BusTokenRevocation, TOKEN_REVOCATION } from '../../common/auth/token-revocation';
import { CLUSTER_BUS, type ClusterBus } from '../../common/redis/cluster-bus';
import { AdminUsersController } from './admin-users.controller';
import { AuthUserCache } from './auth-user.cache';
import { MeController } from './me.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [MeController, AdminUsersController],
  // With REDIS_URL the cluster bus reaches every instance (Redis pub/sub); without it, this process only.
  providers: [
    UsersRepository,
    AuthUserCache,
    UsersService,
    { provide: AccessUserLoader, useExisting: AuthUserCache },
    { provide: TOKEN_REVOCATION, inject: [CLUSTER_BUS], useFactory: (bus: ClusterBus) => new BusTokenRevocation(bus) },
  ],
  exports: [UsersRepository, AuthUserCache, UsersService, AccessUserLoader, TOKEN_REVOCATION],
})
export class UsersModule {}
