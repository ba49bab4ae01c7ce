import { Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { TokenRevocation } from '../auth/token-revocation';

export const REVOCATION_CHANNEL = 'xjy:token-revocation';

/**
 * The revocation bus across instances: a publish goes to this instance's listeners at once and to every other
 * instance through Redis pub/sub. A message lost while Redis is away costs at most the user cache's one-second
 * lifetime, so Redis being down never lets a revoked token live on; it only makes revocation that much slower.
 */
export class RedisTokenRevocation implements TokenRevocation, OnApplicationShutdown {
  private readonly logger = new Logger(RedisTokenRevocation.name);
  private readonly listeners: Array<(userId: number) => void> = [];
  private readonly pub: Redis;
  private readonly sub: Redis;
  /** Resolves once the subscription is in place, so a test (or a readiness check) can wait for it. */
  readonly ready: Promise<void>;

  constructor(url: string) {
    const options = { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true } as const;
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const c of [this.pub, this.sub]) c.on('error', (e: Error) => this.logger.warn(`redis: ${e.message}`));
    this.sub.on('message', (channel: string, message: string) => {
      if (channel !== REVOCATION_CHANNEL) return;
      const userId = Number(message);
      if (Number.isSafeInteger(userId) && userId > 0) this.notify(userId);
    });
    this.ready = this.sub.subscribe(REVOCATION_CHANNEL).then(
      () => undefined,
      (e: Error) => this.logger.warn(`redis subscribe failed: ${e.message}`),
    );
  }

  async publish(userId: number): Promise<void> {
    this.notify(userId);
    try {
      await this.pub.publish(REVOCATION_CHANNEL, String(userId));
    } catch (e) {
      this.logger.warn(`redis publish failed for user ${userId}: ${(e as Error).message}`);
    }
  }

  subscribe(listener: (userId: number) => void): void {
    this.listeners.push(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }

  private notify(userId: number): void {
    for (const listener of this.listeners) listener(userId);
  }
}
