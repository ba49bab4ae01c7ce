import type { CoverageFigure, LatLng, Ring } from '@xjy/shared';
import { Worker } from 'node:worker_threads';
import { AppException } from '../../common/app.exception';
import { WorkLimiter } from '../../common/work-limiter';

export { computeCoverage, coverageGridSize, toBlocks } from '@xjy/shared';
export type { CoverageFigure } from '@xjy/shared';

// Plain JavaScript run in a worker thread: the compiled shared package's computeCoverage, resolved from this file
// the way Node resolves it (never through a test runner's module map), so tests and production run the same code.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { computeCoverage } = createRequire(workerData.from)('@xjy/shared/coverage');
const w = workerData;
parentPort.postMessage(computeCoverage(w.ring, w.stations, w.cellM, w.radiusM, w.blocksMax));
`;

/**
 * Coverage walks every cell of the boundary's box (up to COVERAGE_CELLS_MAX), which takes long enough to stall other
 * requests: one computation at a time, each user one running and one waiting, four waiting overall.
 */
export const COVERAGE_WORK = new WorkLimiter('coverage', { concurrency: 1, queueMax: 4, perKeyConcurrency: 1, perKeyQueue: 1 }, 'coverage_busy');

/** computeCoverage in a worker thread, so the event loop (and /api/health/live) stays free while it runs. */
export function computeCoverageInWorker(
  owner: string | number,
  args: { ring: Ring; stations: LatLng[]; cellM: number; radiusM: number; blocksMax: number },
  timeoutMs = 30_000,
): Promise<CoverageFigure> {
  return COVERAGE_WORK.run(owner, () => runWorker(args, timeoutMs));
}

function runWorker(args: { ring: Ring; stations: LatLng[]; cellM: number; radiusM: number; blocksMax: number }, timeoutMs: number): Promise<CoverageFigure> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...args, from: __filename } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const failed = (why: string) => new AppException('server_busy', { work: 'coverage', reason: why });
    const timer = setTimeout(() => finish(() => reject(failed('timeout'))), timeoutMs);
    worker.once('message', (fig: CoverageFigure) => finish(() => resolve(fig)));
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(failed(`worker exited with code ${code}`))));
  });
}
