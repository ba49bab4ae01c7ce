/** Thrown when the wait queue is full: the caller answers "busy" at once instead of piling up work. */
export class SemaphoreFullError extends Error {
  constructor(readonly label: string) {
    super(`${label}: too many waiting`);
    this.name = 'SemaphoreFullError';
  }
}

/**
 * At most `limit` tasks run at once and at most `queueLimit` wait; anything beyond is refused immediately. Used
 * for CPU-heavy work on the libuv thread pool (scrypt), where an unbounded burst would starve every other request
 * that needs a pool thread (file reads, DNS, zlib) and stall the whole server.
 */
export class BoundedSemaphore {
  private active = 0;
  private peak = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly label: string,
    readonly limit: number,
    readonly queueLimit: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queueLimit) throw new SemaphoreFullError(this.label);
      // The slot is handed over by release(), so active never drops below the limit while others wait.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Running now, waiting now, and the most ever running at once since the last reset (for tests and metrics). */
  stats(): { active: number; queued: number; peak: number } {
    return { active: this.active, queued: this.waiting.length, peak: this.peak };
  }

  resetPeak(): void {
    this.peak = this.active;
  }
}
