import { Logger } from '@nestjs/common';
import type { RedisStore } from '../../common/redis/redis-store';
import { InMemoryPushReplayGuard, type PushReplayGuard } from './wechat-push-crypto';

/**
 * The replay memory every instance shares (SET NX PX in Redis), so a push replayed to another instance behind the
 * proxy is refused too. While Redis is unreachable this instance's own memory answers (the next best thing).
 */
export class SharedPushReplayGuard implements PushReplayGuard {
  private readonly logger = new Logger(SharedPushReplayGuard.name);
  private readonly local = new InMemoryPushReplayGuard();

  constructor(private readonly store: RedisStore) {}

  async firstSeen(key: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const redis = this.store.client;
    if (redis) {
      try {
        return (await redis.set(this.store.key(`push-seen:${key}`), '1', 'PX', ttlMs, 'NX')) === 'OK';
      } catch (e) {
        this.logger.warn(`shared replay memory unavailable, using this instance's: ${(e as Error).message}`);
      }
    }
    return this.local.firstSeen(key, ttlMs, nowMs);
  }
}
