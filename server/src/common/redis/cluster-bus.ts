import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { closeRedis, connectRedis } from './redis-connection';

/**
 * Messages every instance of the deployment hears: token revocations, station changes, cache invalidations.
 * A publish reaches this instance's listeners at once (before publish resolves) and the other instances through
 * Redis pub/sub when REDIS_URL is set. Delivery is at most once: every user of the bus keeps a slower fallback
 * (a cache lifetime or a database poll), so a message lost while Redis is away only delays, never breaks.
 */
export interface ClusterBus {
  /** True when the bus reaches other instances (Redis); false when it is this process only. */
  readonly distributed: boolean;
  /** Resolves once subscriptions are in place (at once in process). */
  readonly ready: Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, listener: (message: string) => void): void;
}

export const CLUSTER_BUS = Symbol('CLUSTER_BUS');

class Listeners {
  private readonly byChannel = new Map<string, Array<(message: string) => void>>();
  private readonly logger = new Logger('ClusterBus');

  add(channel: string, listener: (message: string) => void): boolean {
    const list = this.byChannel.get(channel);
    if (list) list.push(listener);
    else this.byChannel.set(channel, [listener]);
    return !list;
  }

  deliver(channel: string, message: string): void {
    for (const listener of this.byChannel.get(channel) ?? []) {
      try {
        listener(message);
      } catch (e) {
        this.logger.error(`listener on ${channel} failed: ${(e as Error).message}`);
      }
    }
  }
}

export class InProcessClusterBus implements ClusterBus {
  readonly distributed = false;
  readonly ready = Promise.resolve();
  private readonly listeners = new Listeners();

  publish(channel: string, message: string): Promise<void> {
    this.listeners.deliver(channel, message);
    return Promise.resolve();
  }

  subscribe(channel: string, listener: (message: string) => void): void {
    this.listeners.add(channel, listener);
  }
}

/** The bus over Redis pub/sub; channel names carry the deployment's prefix; an instance ignores its own echoes. */
export class RedisClusterBus implements ClusterBus, OnApplicationShutdown {
  readonly distributed = true;
  private readonly logger = new Logger(RedisClusterBus.name);
  private readonly listeners = new Listeners();
  private readonly instanceId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly pending: Array<Promise<unknown>> = [];

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.pub = connectRedis(url, 'bus-pub');
    this.sub = connectRedis(url, 'bus-sub');
    this.sub.on('message', (channel: string, raw: string) => {
      if (!channel.startsWith(this.prefix)) return;
      const bar = raw.indexOf('|');
      if (bar < 0 || raw.slice(0, bar) === this.instanceId) return;
      this.listeners.deliver(channel.slice(this.prefix.length), raw.slice(bar + 1));
    });
  }

  get ready(): Promise<void> {
    return Promise.all(this.pending).then(() => undefined);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.listeners.deliver(channel, message);
    try {
      await this.pub.publish(this.prefix + channel, `${this.instanceId}|${message}`);
    } catch (e) {
      this.logger.warn(`publish on ${channel} failed (the fallback will catch up): ${(e as Error).message}`);
    }
  }

  subscribe(channel: string, listener: (message: string) => void): void {
    if (!this.listeners.add(channel, listener)) return;
    this.pending.push(
      this.sub.subscribe(this.prefix + channel).catch((e: Error) => this.logger.warn(`subscribe to ${channel} failed: ${e.message}`)),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([closeRedis(this.pub), closeRedis(this.sub)]);
  }
}
