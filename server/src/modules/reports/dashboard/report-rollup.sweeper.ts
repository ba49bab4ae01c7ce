import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app.config';
import { ReportRollupRepository } from './report-rollup.repository';

/** How often the roll-up is brought up to date. */
export const ROLLUP_SWEEP_MS = 5_000;
/** How long one sweep may rebuild days before it lets the next tick go on (a bulk load leaves a year dirty). */
export const ROLLUP_SWEEP_BUDGET_MS = 3_000;

/**
 * Keeps the dashboard's roll-up current: every few seconds, rebuilds the days written since (see
 * ReportRollupRepository.rebuildDay). The dashboard is exact meanwhile (it counts dirty days directly), so this only
 * decides how fast it is. Not under test (a test calls sweep() itself).
 */
@Injectable()
export class ReportRollupSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReportRollupSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly rollup: ReportRollupRepository,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'env'>,
  ) {}

  onModuleInit(): void {
    if (this.config.env === 'test') return;
    this.timer = setInterval(() => void this.sweep().catch((e: Error) => this.logger.warn({ err: e.message }, 'roll-up sweep failed')), ROLLUP_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Let a sweep under way finish its day before the connections close.
    await this.running?.catch(() => undefined);
  }

  /** Rebuilds dirty days for up to the budget; returns how many. One sweep at a time in this process. */
  sweep(budgetMs = ROLLUP_SWEEP_BUDGET_MS): Promise<number> {
    if (this.running) return Promise.resolve(0);
    const run = this.rollup.sweep(budgetMs);
    this.running = run;
    return run.finally(() => {
      this.running = null;
    });
  }
}
