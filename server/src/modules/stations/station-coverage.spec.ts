import { COVERAGE_CELLS_MAX, coverageBlockBounds, haversineM, M_PER_DEG_LAT, mPerDegLng, pointInRing, Ring } from '@xjy/shared';
import { AppException } from '../../common/app.exception';
import { computeCoverage, computeCoverageInWorker, CoverageFigure, coverageGridSize, coverageRule, toBlocks } from './station-coverage';

const LAT0 = 30;
const LNG0 = 110;
/** A point x metres east and y metres north of (LAT0, LNG0). */
const at = (xM: number, yM: number) => ({ lat: LAT0 + yM / M_PER_DEG_LAT, lng: LNG0 + xM / mPerDegLng(LAT0) });
/** A w × h metre rectangle from (LAT0, LNG0); sides a little short of whole cells so float error adds no row. */
const rect = (wM: number, hM: number): Ring => [at(0, 0), at(wM, 0), at(wM, hM), at(0, hM)].map((p) => [p.lng, p.lat]);
/** A plus of rest stations over a 1.5 km square, leaving one gap in each corner, of 9, 8, 8 and 6 cells. */
const SQUARE = rect(1495, 1495);
const PLUS = [at(750, 250), at(750, 750), at(750, 1250), at(200, 750), at(1250, 800)];

/** Every cell each gap's blocks cover, as "row:col", failing on a cell claimed twice. */
function blockCells(fig: CoverageFigure): Set<string>[] {
  const all = new Set<string>();
  return fig.gaps.map((g) => {
    const mine = new Set<string>();
    for (const [r0, c0, r1, c1] of g.blocks ?? []) {
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const key = `${r}:${c}`;
          if (all.has(key)) throw new Error(`cell ${key} is in two blocks`);
          all.add(key);
          mine.add(key);
        }
      }
    }
    return mine;
  });
}

describe(computeCoverage.name, () => {
  it('outlines each gap with blocks holding exactly its uncovered cells inside the boundary', () => {
    const fig = computeCoverage(SQUARE, PLUS, 100, 500, 10_000);
    expect(fig.blocksCapped).toBe(false);
    expect(fig.grid).toMatchObject({ rows: 15, cols: 15 });
    expect(fig.gaps.map((g) => g.cells)).toEqual([9, 8, 8, 6]);
    const cells = blockCells(fig);
    fig.gaps.forEach((g, i) => expect(cells[i].size).toBe(g.cells));
    for (const g of fig.gaps) {
      for (const block of g.blocks!) {
        const b = coverageBlockBounds(fig.grid, block);
        const [r0, c0, r1, c1] = block;
        for (let r = r0; r <= r1; r++) {
          for (let c = c0; c <= c1; c++) {
            const centre = { lat: fig.grid.minLat + (r + 0.5) * fig.grid.dLat, lng: fig.grid.minLng + (c + 0.5) * fig.grid.dLng };
            expect(pointInRing(centre, SQUARE)).toBe(true);
            expect(Math.min(...PLUS.map((s) => haversineM(centre, s)))).toBeGreaterThan(500);
            expect(centre.lat > b.minLat && centre.lat < b.maxLat && centre.lng > b.minLng && centre.lng < b.maxLng).toBe(true);
          }
        }
      }
    }
    expect(fig.cells - fig.covered).toBe(fig.gaps.reduce((n, g) => n + g.cells, 0));
  });

  it('sends one block for a rectangular gap, on a grid of whole cells from the south-west corner', () => {
    // 995 × 195 m with the station at the west end: cells with centres 50 … 450 m east are covered.
    const fig = computeCoverage(rect(995, 195), [at(0, 100)], 100, 500, 10_000);
    expect(fig.grid).toMatchObject({ rows: 2, cols: 10 });
    expect(fig.grid.minLat).toBeCloseTo(LAT0, 8);
    expect(fig.grid.dLat * M_PER_DEG_LAT).toBeCloseTo(100, 3);
    expect(fig.gaps).toHaveLength(1);
    expect(fig.gaps[0].blocks).toEqual([[0, 5, 1, 9]]);
    const b = coverageBlockBounds(fig.grid, fig.gaps[0].blocks![0]);
    expect(haversineM({ lat: b.minLat, lng: b.minLng }, at(500, 0))).toBeLessThan(1);
    expect(haversineM({ lat: b.maxLat, lng: b.maxLng }, at(1000, 200))).toBeLessThan(1);
  });

  it('keeps the largest gaps whole and leaves out every later gap once one does not fit the block cap, saying so', () => {
    const full = computeCoverage(SQUARE, PLUS, 100, 500, 10_000);
    expect(full.gaps.map((g) => g.blocks!.length)).toEqual([1, 2, 2, 1]);
    // Room for the first two and one more block: the third gap needs two; the fourth would fit but is smaller, so it goes too.
    const capped = computeCoverage(SQUARE, PLUS, 100, 500, 4);
    expect(capped.blocksCapped).toBe(true);
    expect(capped.gaps.map((g) => g.blocks)).toEqual([full.gaps[0].blocks, full.gaps[1].blocks, null, null]);
    expect(capped.gaps.map((g) => g.cells)).toEqual([9, 8, 8, 6]);
    expect(computeCoverage(SQUARE, PLUS, 100, 500, 6).blocksCapped).toBe(false);
  });

  it('has no gaps and no cap when every cell is covered', () => {
    const fig = computeCoverage(rect(295, 295), [at(150, 150)], 100, 500, 0);
    expect(fig).toMatchObject({ cells: 9, covered: 9, share: 1, gaps: [], blocksCapped: false });
  });
});

describe(toBlocks.name, () => {
  const cols = 6;
  const idx = (r: number, c: number) => r * cols + c;

  it('grows a rectangle down through rows with the same run and starts a new one where the run changes', () => {
    // ###...
    // ###...
    // #.##..
    const cells = [idx(0, 0), idx(0, 1), idx(0, 2), idx(1, 0), idx(1, 1), idx(1, 2), idx(2, 0), idx(2, 2), idx(2, 3)];
    expect(toBlocks(cells.reverse(), cols)).toEqual([
      [0, 0, 1, 2],
      [2, 0, 2, 0],
      [2, 2, 2, 3],
    ]);
  });

  it('does not join a run across a row boundary or across an empty row', () => {
    // .....#
    // #.....   (cells 5 and 6 are consecutive indexes but not neighbours)
    // ......
    // #.....
    expect(toBlocks([idx(0, 5), idx(1, 0), idx(3, 0)], cols)).toEqual([
      [0, 5, 0, 5],
      [1, 0, 1, 0],
      [3, 0, 3, 0],
    ]);
  });
});

describe(computeCoverageInWorker.name, () => {
  it('gives in a worker thread exactly the hand-checked answer of computeCoverage', async () => {
    const fig = await computeCoverageInWorker('user-1', { ring: SQUARE, stations: PLUS, cellM: 100, radiusM: 500, blocksMax: 10_000 });
    expect(fig.gaps.map((g) => g.cells)).toEqual([9, 8, 8, 6]);
    expect(fig).toEqual(computeCoverage(SQUARE, PLUS, 100, 500, 10_000));
  }, 30_000);
});

describe(coverageGridSize.name, () => {
  it('counts the cells computeCoverage walks, before walking them', () => {
    expect(coverageGridSize(SQUARE, 100)).toEqual({ rows: 15, cols: 15, cells: 225 });
    // 100 × 94 km (its east edge measured at the southern latitude, so a little under 1,000 columns at mid-height).
    const size = coverageGridSize(rect(100_000, 94_000), 100);
    expect(size.rows).toBe(940);
    expect(size.cells).toBe(size.rows * size.cols);
    expect(size.cells).toBeGreaterThan(COVERAGE_CELLS_MAX);
  });
});

describe(coverageRule.name, () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof AppException ? { code: e.code, field: e.details?.fields?.[0]?.field, message: e.message } : e;
    }
    return 'no refusal';
  };

  it('measures rest stations at a fixed 500 m on 100 m cells, also when no kind is named', () => {
    expect(coverageRule()).toEqual({ kind: 'rest_station', radiusM: 500, cellM: 100 });
    expect(coverageRule('rest_station', 500)).toEqual({ kind: 'rest_station', radiusM: 500, cellM: 100 });
    expect(refusal(() => coverageRule('rest_station', 1000))).toEqual({ code: 'validation_failed', field: 'radiusM', message: '爱心驿站按 500 米计算，不能调整' });
  });

  it('measures service centres and commerce stations on foot, 1,000 m unless asked, cells a fifth of the distance', () => {
    expect(coverageRule('service_center')).toEqual({ kind: 'service_center', radiusM: 1000, cellM: 200 });
    expect(coverageRule('commerce_station', 1500)).toEqual({ kind: 'commerce_station', radiusM: 1500, cellM: 300 });
    expect(coverageRule('commerce_station', 300)).toEqual({ kind: 'commerce_station', radiusM: 300, cellM: 100 });
    expect(coverageRule('service_center', 3000)).toEqual({ kind: 'service_center', radiusM: 3000, cellM: 600 });
    for (const bad of [299, 3001, 1000.5]) expect(refusal(() => coverageRule('service_center', bad))).toMatchObject({ code: 'validation_failed', field: 'radiusM' });
  });

  it('keeps the work per area about the same whatever the distance: the cells each station reaches stay bounded', () => {
    for (const r of [300, 500, 1000, 1500, 2000, 3000]) {
      const rule = coverageRule(r === 500 ? 'rest_station' : 'service_center', r);
      expect(rule.radiusM / rule.cellM).toBeGreaterThanOrEqual(3);
      expect(rule.radiusM / rule.cellM).toBeLessThanOrEqual(7);
    }
  });
});
