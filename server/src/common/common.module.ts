import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { ScopeRegistry } from './auth/scope-registry';
import { DrainState } from './drain';
import { FastRoutes } from './fast-routes';
import { CLUSTER_BUS, InProcessClusterBus, RedisClusterBus } from './redis/cluster-bus';
import { RedisStore, SharedThrottlerStorage } from './redis/redis-store';

/**
 * What every feature may use without importing it: the typed config, the scope registry, the fast routes, and
 * what instances share (the cluster bus and the Redis store; in process without REDIS_URL).
 */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        ScopeRegistry,
        FastRoutes,
        DrainState,
        RedisStore,
        SharedThrottlerStorage,
        { provide: CLUSTER_BUS, useFactory: () => (config.redisUrl ? new RedisClusterBus(config.redisUrl, config.redisPrefix) : new InProcessClusterBus()) },
      ],
      exports: [APP_CONFIG, ScopeRegistry, FastRoutes, DrainState, RedisStore, SharedThrottlerStorage, CLUSTER_BUS],
    };
  }
}
