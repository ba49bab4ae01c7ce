import type { ErrorCode } from '@xjy/shared';
import { AppException } from './app.exception';

export interface WorkLimits {
  /** Tasks running at once, over all keys. */
  concurrency: number;
  /** Tasks waiting for a slot, over all keys; past it the server is busy (503). */
  queueMax: number;
  /** Tasks one key (a user) may have running at once. */
  perKeyConcurrency: number;
  /** Tasks one key may have waiting; past it that user is told to slow down (429). */
  perKeyQueue: number;
}

interface Waiting {
  key: string;
  start: () => void;
}

/**
 * Bounds costly work (image decoding, coverage) per user and overall, and answers at once when a bound is reached
 * instead of letting one user's pile of requests make everyone else wait: `busyCode` (a 429 code) when the caller already has
 * as much running and waiting as allowed, 503 `server_busy` when the shared queue is full. Both carry the limits
 * and a retryAfterS hint in details.
 */
export class WorkLimiter {
  private running = 0;
  private readonly runningByKey = new Map<string, number>();
  private readonly waitingByKey = new Map<string, number>();
  private readonly queue: Waiting[] = [];

  constructor(
    readonly name: string,
    private readonly limits: WorkLimits,
    private readonly busyCode: ErrorCode,
  ) {}

  async run<T>(key: string | number, task: () => Promise<T>): Promise<T> {
    const k = String(key);
    const mine = (this.runningByKey.get(k) ?? 0) + (this.waitingByKey.get(k) ?? 0);
    if (mine >= this.limits.perKeyConcurrency + this.limits.perKeyQueue) {
      throw new AppException(this.busyCode, { work: this.name, perUser: this.limits.perKeyConcurrency + this.limits.perKeyQueue, retryAfterS: 5 });
    }
    if (!this.canStart(k)) {
      if (this.queue.length >= this.limits.queueMax) {
        throw new AppException('server_busy', { work: this.name, queueMax: this.limits.queueMax, retryAfterS: 10 });
      }
      this.waitingByKey.set(k, (this.waitingByKey.get(k) ?? 0) + 1);
      await new Promise<void>((start) => this.queue.push({ key: k, start }));
    }
    try {
      return await task();
    } finally {
      this.release(k);
    }
  }

  /** Running and waiting counts, for tests and the health endpoint. */
  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  private canStart(k: string): boolean {
    if (this.running >= this.limits.concurrency || (this.runningByKey.get(k) ?? 0) >= this.limits.perKeyConcurrency) return false;
    this.take(k);
    return true;
  }

  private take(k: string): void {
    this.running++;
    this.runningByKey.set(k, (this.runningByKey.get(k) ?? 0) + 1);
  }

  private release(k: string): void {
    this.running--;
    const n = (this.runningByKey.get(k) ?? 1) - 1;
    if (n) this.runningByKey.set(k, n);
    else this.runningByKey.delete(k);
    // The oldest waiting task whose user has a free slot starts next, so one user's queue cannot hold up others.
    for (let i = 0; i < this.queue.length && this.running < this.limits.concurrency; i++) {
      const w = this.queue[i];
      if ((this.runningByKey.get(w.key) ?? 0) >= this.limits.perKeyConcurrency) continue;
      this.queue.splice(i--, 1);
      const waiting = (this.waitingByKey.get(w.key) ?? 1) - 1;
      if (waiting) this.waitingByKey.set(w.key, waiting);
      else this.waitingByKey.delete(w.key);
      this.take(w.key);
      w.start();
    }
  }
}
