import { addFigureCounts, computeFigure, computeFigures, EMPTY_FIGURE_COUNTS, medianOf, REPORT_FIGURE_KEYS, REPORT_FIGURES } from './report-figures';

const counts = { ...EMPTY_FIGURE_COUNTS, received: 12, filed: 10, deferred: 2, closedFixed: 6, closedOnTime: 4, closedNotFixed: 1, dispatched: 8, handled: 7, reworked: 2, extended: 1, rated: 5, satisfied: 2, basic: 1, unsatisfied: 2 };

describe('report figures', () => {
  it('computes 结案率 = 结案数 ÷ (应结案数 − 缓办数), never counting closed-not-fixed as fixed', () => {
    expect(computeFigure('closureRate', counts)).toEqual({ value: 6 / 8, numerator: 6, denominator: 8 });
    expect(computeFigure('onTimeClosureRate', counts)).toEqual({ value: 4 / 8, numerator: 4, denominator: 8 });
  });

  it('computes 返工率, 延期率 and 处置率 over dispatched cases and 满意率 over rated ones', () => {
    const f = computeFigures(counts);
    expect(f.reworkRate).toEqual({ value: 2 / 8, numerator: 2, denominator: 8 });
    expect(f.extensionRate).toEqual({ value: 1 / 8, numerator: 1, denominator: 8 });
    expect(f.handlingRate).toEqual({ value: 7 / 8, numerator: 7, denominator: 8 });
    expect(f.satisfactionRate).toEqual({ value: 3 / 5, numerator: 3, denominator: 5 });
  });

  it('gives null, not 0 or NaN, when there is nothing to divide by', () => {
    const f = computeFigures(EMPTY_FIGURE_COUNTS);
    for (const k of REPORT_FIGURE_KEYS) expect(f[k]).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(computeFigure('closureRate', { ...EMPTY_FIGURE_COUNTS, filed: 2, deferred: 2 }).value).toBeNull();
  });

  it('names every figure in Chinese with its formula', () => {
    for (const k of REPORT_FIGURE_KEYS) {
      expect(REPORT_FIGURES[k].key).toBe(k);
      expect(REPORT_FIGURES[k].name).toMatch(/^[\u4e00-\u9fff]+率$/);
      expect(REPORT_FIGURES[k].formula).toContain('÷');
    }
  });

  it('adds counts field by field, and takes medians', () => {
    expect(addFigureCounts(counts, counts).filed).toBe(20);
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNull();
  });
});
