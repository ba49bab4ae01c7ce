// The 500 m coverage rule on a grid of cells, pure so it runs the same in a worker thread and in tests.
import { M_PER_DEG_LAT, mPerDegLng, haversineM, pointInRing, ringBBox } from './geo.js';
import type { LatLng, Ring } from './geo.js';
import type { StationKind } from './enums.js';
import { COVERAGE_CELL_M, COVERAGE_RADIUS_M } from './station.js';
import type { CoverageBlock, CoverageGap, CoverageGrid, CoverageParams } from './station.js';

// The 15-minute circle (曹县's 15分钟电商党建服务圈): each station kind is measured by its own rule. A rest station
// (爱心驿站) every 500 m, as the source sets it; 党群服务中心 and 电商服务站 within 15 minutes on foot, 1,000 m by
// default and adjustable per request, since a town's service circle is drawn wider than a city's rest stations.
// Distances are straight lines from each cell's centre: walking routes are not modelled.

/** Bounds and default of the adjustable distance for service centres and commerce stations, in metres. */
export const COVERAGE_WALK_RADIUS_DEFAULT_M = 1000;
export const COVERAGE_WALK_RADIUS_MIN_M = 300;
export const COVERAGE_WALK_RADIUS_MAX_M = 3000;

export interface CoverageRule {
  kind: StationKind;
  /** A station within this distance of a cell's centre covers the cell. */
  radiusM: number;
  /**
   * The grid's cell side: 100 m for 500 m, growing with the distance (a fifth of it, in 100 m steps) so a wider
   * circle keeps the same detail relative to its size and the work per area stays the same.
   */
  cellM: number;
}

/** Per kind: the fixed distance (rest stations), or null when the distance is adjustable; and what it stands for. */
export const COVERAGE_RULES: { readonly [K in StationKind]: { fixedRadiusM: number | null; defaultRadiusM: number; basis: string } } = {
  rest_station: { fixedRadiusM: COVERAGE_RADIUS_M, defaultRadiusM: COVERAGE_RADIUS_M, basis: '每 500 米一处（步行 5 分钟）' },
  service_center: { fixedRadiusM: null, defaultRadiusM: COVERAGE_WALK_RADIUS_DEFAULT_M, basis: '15 分钟步行可达' },
  commerce_station: { fixedRadiusM: null, defaultRadiusM: COVERAGE_WALK_RADIUS_DEFAULT_M, basis: '15 分钟步行可达' },
};

/**
 * The rule for a kind and an optional requested distance; null when the distance is not allowed (a rest station's
 * is fixed, an adjustable one must be a whole number of metres within the bounds).
 */
export function coverageRuleFor(kind: StationKind, requestedM?: number): CoverageRule | null {
  const rule = COVERAGE_RULES[kind];
  const withCell = (radiusM: number): CoverageRule => ({ kind, radiusM, cellM: COVERAGE_CELL_M * Math.max(1, Math.round(radiusM / COVERAGE_RADIUS_M)) });
  if (requestedM === undefined) return withCell(rule.defaultRadiusM);
  if (rule.fixedRadiusM !== null) return requestedM === rule.fixedRadiusM ? withCell(requestedM) : null;
  if (!Number.isInteger(requestedM) || requestedM < COVERAGE_WALK_RADIUS_MIN_M || requestedM > COVERAGE_WALK_RADIUS_MAX_M) return null;
  return withCell(requestedM);
}

/** GET /api/stations/coverage with the station kind (rest stations when left out) and, for adjustable kinds, the distance. */
export interface CoverageKindParams extends CoverageParams {
  kind?: StationKind;
  radiusM?: number;
}

/** Rows and columns of the grid over the ring's bounding box: what computeCoverage will walk, known before it does. */
export function coverageGridSize(ring: Ring, cellM: number): { rows: number; cols: number; cells: number } {
  const box = ringBBox(ring);
  const midLat = (box.minLat + box.maxLat) / 2;
  const rows = Math.max(1, Math.ceil((box.maxLat - box.minLat) / (cellM / M_PER_DEG_LAT)));
  const cols = Math.max(1, Math.ceil((box.maxLng - box.minLng) / (cellM / mPerDegLng(midLat))));
  return { rows, cols, cells: rows * cols };
}

export interface CoverageFigure {
  cells: number;
  covered: number;
  share: number;
  gaps: CoverageGap[];
  grid: CoverageGrid;
  blocksCapped: boolean;
}

/**
 * The 500 m rule on a grid: the area's bounding box is cut into square cells of `cellM`; a cell counts when its
 * centre lies inside the boundary, and is covered when a station lies within `radiusM` of that centre. Uncovered
 * cells that share an edge form one gap; gaps come largest first, each with its cells as blocks (see toBlocks) until
 * `blocksMax` blocks have been handed out: from the first gap that does not fit whole, gaps come without blocks.
 */
export function computeCoverage(ring: Ring, stations: readonly LatLng[], cellM: number, radiusM: number, blocksMax: number): CoverageFigure {
  const box = ringBBox(ring);
  const midLat = (box.minLat + box.maxLat) / 2;
  const dLat = cellM / M_PER_DEG_LAT;
  const dLng = cellM / mPerDegLng(midLat);
  const rows = Math.max(1, Math.ceil((box.maxLat - box.minLat) / dLat));
  const cols = Math.max(1, Math.ceil((box.maxLng - box.minLng) / dLng));
  // Stations bucketed by cell so each cell checks only its neighbourhood.
  const reach = Math.ceil(radiusM / cellM) + 1;
  const buckets = new Map<number, LatLng[]>();
  for (const s of stations) {
    const r = Math.floor((s.lat - box.minLat) / dLat);
    const c = Math.floor((s.lng - box.minLng) / dLng);
    if (r < -reach || r > rows + reach || c < -reach || c > cols + reach) continue;
    const key = (r + reach) * (cols + 2 * reach + 1) + (c + reach);
    const list = buckets.get(key);
    if (list) list.push(s);
    else buckets.set(key, [s]);
  }
  const inside = new Uint8Array(rows * cols);
  const uncovered = new Uint8Array(rows * cols);
  let cells = 0;
  let covered = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const centre = { lat: box.minLat + (r + 0.5) * dLat, lng: box.minLng + (c + 0.5) * dLng };
      if (!pointInRing(centre, ring)) continue;
      inside[r * cols + c] = 1;
      cells++;
      let hit = false;
      for (let rr = r - reach; rr <= r + reach && !hit; rr++) {
        for (let cc = c - reach; cc <= c + reach && !hit; cc++) {
          const list = buckets.get((rr + reach) * (cols + 2 * reach + 1) + (cc + reach));
          if (list) hit = list.some((s) => haversineM(centre, s) <= radiusM);
        }
      }
      if (hit) covered++;
      else uncovered[r * cols + c] = 1;
    }
  }
  const found: Array<{ gap: Omit<CoverageGap, 'blocks'>; members: number[] }> = [];
  const seen = new Uint8Array(rows * cols);
  for (let start = 0; start < rows * cols; start++) {
    if (!uncovered[start] || seen[start]) continue;
    const stack = [start];
    const members: number[] = [];
    seen[start] = 1;
    let n = 0;
    let sumR = 0;
    let sumC = 0;
    while (stack.length) {
      const i = stack.pop()!;
      const r = Math.floor(i / cols);
      const c = i % cols;
      members.push(i);
      n++;
      sumR += r;
      sumC += c;
      for (const [nr, nc] of [
        [r - 1, c],
        [r + 1, c],
        [r, c - 1],
        [r, c + 1],
      ]) {
        if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) continue;
        const j = nr * cols + nc;
        if (uncovered[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    found.push({ gap: { lat: round6(box.minLat + (sumR / n + 0.5) * dLat), lng: round6(box.minLng + (sumC / n + 0.5) * dLng), cells: n, areaM2: n * cellM * cellM }, members });
  }
  found.sort((a, b) => b.gap.cells - a.gap.cells || a.gap.lat - b.gap.lat || a.gap.lng - b.gap.lng);
  let budget = blocksMax;
  let blocksCapped = false;
  const gaps: CoverageGap[] = found.map(({ gap, members }) => {
    if (blocksCapped) return { ...gap, blocks: null };
    const blocks = toBlocks(members, cols);
    if (blocks.length > budget) {
      blocksCapped = true;
      return { ...gap, blocks: null };
    }
    budget -= blocks.length;
    return { ...gap, blocks };
  });
  const grid: CoverageGrid = { minLat: round9(box.minLat), minLng: round9(box.minLng), dLat: round9(dLat), dLng: round9(dLng), rows, cols };
  return { cells, covered, share: cells ? Math.round((covered / cells) * 10000) / 10000 : 1, gaps, grid, blocksCapped };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
// The grid is sent to 1e-9° (≈0.1 mm) so that a few thousand cells from the origin still land within a centimetre.
const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * Cells (as row·cols + col indexes) to rectangles covering exactly those cells: each row's runs of adjacent cells,
 * and a run directly above one with the same columns extends that rectangle instead of starting a new one.
 */
export function toBlocks(members: readonly number[], cols: number): CoverageBlock[] {
  const sorted = [...members].sort((a, b) => a - b);
  const blocks: CoverageBlock[] = [];
  // Rectangles still growing, keyed by "colMin:colMax"; only those that reached the previous row may grow.
  let open = new Map<string, CoverageBlock>();
  let i = 0;
  while (i < sorted.length) {
    const row = Math.floor(sorted[i] / cols);
    const next = new Map<string, CoverageBlock>();
    while (i < sorted.length && Math.floor(sorted[i] / cols) === row) {
      const colMin = sorted[i] % cols;
      let colMax = colMin;
      while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1 && Math.floor(sorted[i + 1] / cols) === row) {
        i++;
        colMax++;
      }
      i++;
      const key = `${colMin}:${colMax}`;
      const above = open.get(key);
      if (above && above[2] === row - 1) {
        above[2] = row;
        next.set(key, above);
      } else {
        const block: CoverageBlock = [row, colMin, row, colMax];
        blocks.push(block);
        next.set(key, block);
      }
    }
    open = next;
  }
  return blocks;
}
