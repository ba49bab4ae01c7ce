import {
  chinaDateKey,
  chinaDayIndex,
  chinaIso,
  chinaWallClock,
  chinaWeekday,
  formatChinaClock,
  formatChinaDateTime,
  quarterOf,
  quarterRange,
  startOfChinaDay,
  startOfChinaMonth,
  startOfChinaWeek,
  startOfChinaYear,
} from './china-time';

// Sunday 2026-11-22 00:30 in China is still Saturday 16:30 in UTC: the cases below sit on that seam.
const SUN_0030 = new Date('2026-11-21T16:30:00Z');

describe('china-time', () => {
  it('starts the China day at 16:00 UTC the evening before', () => {
    expect(startOfChinaDay(SUN_0030).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(startOfChinaDay(new Date('2026-11-21T15:59:59Z')).toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(startOfChinaDay(Date.parse('2026-11-21T16:00:00Z')).toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });

  it('starts the week on Monday and the month on the 1st, in China', () => {
    expect(startOfChinaWeek(SUN_0030).toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(startOfChinaWeek(new Date('2026-11-22T16:30:00Z')).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(startOfChinaMonth(SUN_0030).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    // 1 Dec 01:00 in China is still November in UTC.
    expect(startOfChinaMonth(new Date('2026-11-30T17:00:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(startOfChinaYear(new Date('2026-12-31T17:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('gives the weekday in China (ISO: Monday 1 … Sunday 7), not in UTC', () => {
    expect(chinaWeekday(SUN_0030)).toBe(7);
    expect(chinaWeekday(Date.parse('2026-11-22T16:30:00Z'))).toBe(1);
    expect(chinaWeekday(Date.parse('2026-11-22T15:59:00Z'))).toBe(7);
    // Before 1970 the day index is negative; the weekday must still be right (1969-12-31 was a Wednesday).
    expect(chinaWeekday(Date.parse('1969-12-31T04:00:00Z'))).toBe(3);
  });

  it('formats the wall clock in China whatever the process zone', () => {
    expect(formatChinaClock(SUN_0030)).toBe('00:30');
    expect(chinaDateKey(SUN_0030)).toBe('2026-11-22');
    expect(formatChinaDateTime(new Date('2026-11-22T02:30:00Z'))).toBe('2026-11-22 10:30');
    expect(chinaWallClock(SUN_0030).getUTCHours()).toBe(0);
  });

  it('counts China days so that two instants of one China day share an index', () => {
    expect(chinaDayIndex(Date.parse('2026-11-21T16:00:00Z'))).toBe(chinaDayIndex(Date.parse('2026-11-22T15:59:59Z')));
    expect(chinaDayIndex(Date.parse('2026-11-22T16:00:00Z')) - chinaDayIndex(SUN_0030)).toBe(1);
  });

  it('writes a China date and clock as an ISO instant with the +08:00 offset', () => {
    expect(chinaIso('2026-11-22', '19:00')).toBe('2026-11-22T19:00:00+08:00');
    expect(new Date(chinaIso('2026-11-22', '19:00')).toISOString()).toBe('2026-11-22T11:00:00.000Z');
  });

  it('puts 31 Dec 17:00 UTC (1 Jan 01:00 in Beijing) in the next year Q1', () => {
    expect(quarterOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027Q1');
    expect(quarterOf(new Date('2026-12-31T15:00:00Z'))).toBe('2026Q4');
  });

  it('gives the range of a quarter as Beijing midnights', () => {
    expect(quarterRange('2026Q4')).toEqual({ from: new Date('2026-09-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    expect(quarterRange('2026Q1')!.from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('refuses a malformed quarter', () => {
    expect(quarterRange('2026Q5')).toBeNull();
    expect(quarterRange('26Q1')).toBeNull();
  });
});
