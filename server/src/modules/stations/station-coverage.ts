import { COVERAGE_RULES, COVERAGE_WALK_RADIUS_MAX_M, COVERAGE_WALK_RADIUS_MIN_M, coverageRuleFor, STATION_KIND_LABELS } from '@xjy/shared';
import type { CoverageFigure, CoverageRule, LatLng, Ring, StationKind } from '@xjy/shared';
import { AppException, fieldError } from '../../common/app.exception';
import { WorkLimiter } from '../../common/work-limiter';
import { runWorkerTask } from '../../common/worker-task';

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
 * The rule a coverage request asks for: rest stations (500 m) unless a kind is named; a distance only where the
 * kind's is adjustable, within its bounds. Anything else is 400 validation_failed naming radiusM.
 */
export function coverageRule(kind: StationKind = 'rest_station', radiusM?: number): CoverageRule {
  const rule = coverageRuleFor(kind, radiusM);
  if (rule) return rule;
  const fixed = COVERAGE_RULES[kind].fixedRadiusM;
  throw fieldError(
    'validation_failed',
    'radiusM',
    fixed !== null ? `${STATION_KIND_LABELS[kind]}按 ${fixed} 米计算，不能调整` : `步行距离须在 ${COVERAGE_WALK_RADIUS_MIN_M}–${COVERAGE_WALK_RADIUS_MAX_M} 米之间`,
  );
}

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
  return runWorkerTask(
    WORKER_SOURCE,
    { ...args, from: __filename },
    timeoutMs,
    (fig: CoverageFigure) => fig,
    (end) => (end.kind === 'error' ? end.error : new AppException('server_busy', { work: 'coverage', reason: end.kind === 'timeout' ? 'timeout' : `worker exited with code ${end.code}` })),
  );
}
