import { CoverageGap, haversineM, LatLng, M_PER_DEG_LAT, mPerDegLng, pointInRing, Ring, ringBBox } from '@xjy/shared';

export interface CoverageFigure {
  cells: number;
  covered: number;
  share: number;
  gaps: CoverageGap[];
}

/**
 * The 500 m rule on a grid: the area's bounding box is cut into square cells of `cellM`; a cell counts when its
 * centre lies inside the boundary, and is covered when a station lies within `radiusM` of that centre. Uncovered
 * cells that share an edge form one gap; gaps come largest first.
 */
export function computeCoverage(ring: Ring, stations: readonly LatLng[], cellM: number, radiusM: number): CoverageFigure {
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
  const gaps: CoverageGap[] = [];
  const seen = new Uint8Array(rows * cols);
  for (let start = 0; start < rows * cols; start++) {
    if (!uncovered[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let n = 0;
    let sumR = 0;
    let sumC = 0;
    while (stack.length) {
      const i = stack.pop()!;
      const r = Math.floor(i / cols);
      const c = i % cols;
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
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    gaps.push({ lat: round(box.minLat + (sumR / n + 0.5) * dLat), lng: round(box.minLng + (sumC / n + 0.5) * dLng), cells: n, areaM2: n * cellM * cellM });
  }
  gaps.sort((a, b) => b.cells - a.cells || a.lat - b.lat || a.lng - b.lng);
  return { cells, covered, share: cells ? Math.round((covered / cells) * 10000) / 10000 : 1, gaps };
}
