import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { closeRedis, connectRedis } from './redis-connection';

type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The key-value side of Redis (the bus is in cluster-bus.ts): one connection that fails at once while Redis is
 * away, so every user can fall back to this process's own memory instead of answering 5xx. Null client without
 * REDIS_URL.
 */
@Injectable()
export class RedisStore implements OnApplicationShutdown {
  readonly client: Redis | null;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = config.redisUrl ? connectRedis(config.redisUrl, 'kv', { queueWhileOffline: false }) : null;
    this.prefix = config.redisPrefix;
  }

  key(name: string): string {
    return this.prefix + name;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client) await closeRedis(this.client);
  }
}

/**
 * Rate-limit counters every instance shares (the maintained @nest-lab Redis storage, one atomic script per hit),
 * so a limit of N per minute is N across the deployment, not N per instance. While Redis is unreachable each
 * instance counts in its own memory: limits loosen to N per instance for that time instead of refusing service.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly local = new ThrottlerStorageService();
  private readonly shared: ThrottlerStorageRedisService | null;
  private lastWarn = 0;

  constructor(private readonly store: RedisStore) {
    this.shared = store.client ? new ThrottlerStorageRedisService(store.client) : null;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerRecord> {
    if (this.shared) {
      try {
        return await this.shared.increment(this.store.key(`throttle:${key}`), ttl, limit, blockDuration, throttlerName);
      } catch (e) {
        if (Date.now() - this.lastWarn > 10_000) {
          this.lastWarn = Date.now();
          this.logger.warn(`shared rate limits unavailable, counting in this instance: ${(e as Error).message}`);
        }
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}
