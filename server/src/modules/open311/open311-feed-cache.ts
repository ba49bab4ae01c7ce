import { Logger } from '@nestjs/common';

interface Snapshot {
  body: Buffer;
  /** When the load that made it started: the data is at least this fresh. */
  takenAt: number;
}

/** The share of the TTL after which a hit refreshes the answer in the background. */
const REFRESH_AT = 0.75;

export interface FeedCacheOptions {
  /** How old an answer may be when served; 0 turns the cache off. */
  ttlMs: number;
  /** Most bytes of answers held; the oldest go first. */
  maxBytes?: number;
  now?: () => number;
}

/**
 * The serialized answers of the public feed, per normalized query, for a short TTL (OPEN311_CACHE_S). City
 * platforms poll the same queries over and over; this answers them from memory. An answer is never older than the
 * TTL counted from when its data was read, so a report hidden by content security leaves the feed within the TTL.
 * Past three quarters of the TTL a hit starts one refresh in the background (so a polled query is seldom a miss, and
 * refreshed about once a TTL); a miss waits for the one load of its key already running (many pollers at once cost
 * one query). Per instance: with several instances each has its own copy, each
 * bounded by the same TTL.
 */
export class Open311FeedCache {
  private readonly logger = new Logger(Open311FeedCache.name);
  private readonly entries = new Map<string, Snapshot>();
  private readonly loading = new Map<string, Promise<Snapshot>>();
  private bytes = 0;

  constructor(private readonly options: FeedCacheOptions) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** The answer for `key`, from memory while younger than the TTL, else from `load` (once per key at a time). */
  async get(key: string, load: () => Promise<Buffer>): Promise<Buffer> {
    if (!this.enabled) return load();
    const hit = this.entries.get(key);
    const age = hit ? this.now() - hit.takenAt : Infinity;
    if (hit && age < this.options.ttlMs) {
      if (age >= this.options.ttlMs * REFRESH_AT && !this.loading.has(key)) {
        this.refresh(key, load).catch((e: unknown) => this.logger.warn({ key, err: (e as Error).message }, 'Open311 feed refresh failed; the cached answer expires with its TTL'));
      }
      return hit.body;
    }
    if (hit) this.drop(key);
    return (await (this.loading.get(key) ?? this.refresh(key, load))).body;
  }

  private refresh(key: string, load: () => Promise<Buffer>): Promise<Snapshot> {
    const takenAt = this.now();
    const running = load()
      .then((body) => {
        const snapshot = { body, takenAt };
        const current = this.entries.get(key);
        if (!current || current.takenAt <= takenAt) this.store(key, snapshot);
        return snapshot;
      })
      .finally(() => {
        if (this.loading.get(key) === running) this.loading.delete(key);
      });
    this.loading.set(key, running);
    return running;
  }

  private store(key: string, snapshot: Snapshot): void {
    this.drop(key);
    const max = this.options.maxBytes ?? 16 * 1024 * 1024;
    if (snapshot.body.length > max) return;
    while (this.bytes + snapshot.body.length > max) this.drop(this.entries.keys().next().value as string);
    this.entries.set(key, snapshot);
    this.bytes += snapshot.body.length;
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body.length;
  }
}
