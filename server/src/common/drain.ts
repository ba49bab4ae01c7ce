import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app.config';

/**
 * Graceful stop. On SIGTERM Nest runs this before it closes the HTTP listener: readiness answers 503 and every
 * response asks its client to close the connection, for SHUTDOWN_GRACE_S seconds, so the proxy or the platform
 * moves new work to other instances; then the listener closes and requests already in flight finish (Fastify
 * waits for them) before the database and Redis connections close.
 */
@Injectable()
export class DrainState implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DrainState.name);
  private drainingSince: number | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.drainingSince = Date.now();
    const graceMs = this.config.shutdownGraceS * 1000;
    if (!graceMs) return;
    this.logger.log(`${signal ?? 'shutdown'}: draining for ${this.config.shutdownGraceS} s (readiness 503), then closing`);
    await new Promise((resolve) => setTimeout(resolve, graceMs));
  }
}
