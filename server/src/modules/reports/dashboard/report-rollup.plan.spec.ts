import { chinaDay, chinaDayStart, mondayOf, planWindow } from './report-rollup.plan';

const HOUR = 3600_000;
/** Monday 2025-03-03 00:00 in China. */
const T = Date.UTC(2025, 2, 2, 16);
const at = (h: number) => new Date(T + h * HOUR);
const D = chinaDay(at(0));

describe('planWindow', () => {
  it('numbers China days and weeks from 1970-01-01 (UTC+8), Monday first', () => {
    expect(chinaDayStart(D)).toEqual(at(0));
    expect(chinaDay(at(-0.001))).toBe(D - 1);
    expect(mondayOf(D)).toBe(D);
    expect(mondayOf(D + 6)).toBe(D);
    expect(mondayOf(D - 1)).toBe(D - 7);
  });

  it('takes clean whole weeks from the roll-up, clean whole days around them, partial days directly', () => {
    // Saturday 05:00 before week D to Wednesday 07:00 of week D+14.
    const plan = planWindow(at(-43), at(24 * 16 + 7), new Set());
    expect(plan.weeks).toEqual([D, D + 7]);
    expect(plan.days).toEqual([D - 1, D + 14, D + 15]);
    expect(plan.direct).toEqual([
      { from: at(-43), to: at(-24) },
      { from: at(24 * 16), to: at(24 * 16 + 7) },
    ]);
  });

  it('counts dirty days directly, merged with their neighbours, and breaks their week into days', () => {
    const plan = planWindow(at(-43), at(24 * 16 + 7), new Set([D - 1, D + 9, D + 10, D + 30]));
    expect(plan.weeks).toEqual([D]);
    expect(plan.days).toEqual([D + 7, D + 8, D + 11, D + 12, D + 13, D + 14, D + 15]);
    expect(plan.direct).toEqual([
      { from: at(-43), to: at(0) },
      { from: at(24 * 9), to: at(24 * 11) },
      { from: at(24 * 16), to: at(24 * 16 + 7) },
    ]);
  });

  it('counts a window without a whole day directly', () => {
    expect(planWindow(at(3), at(20), new Set())).toEqual({ weeks: [], days: [], direct: [{ from: at(3), to: at(20) }] });
    expect(planWindow(at(0), at(24), new Set())).toEqual({ weeks: [], days: [D], direct: [] });
  });
});
