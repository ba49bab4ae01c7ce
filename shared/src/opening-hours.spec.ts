import { ALWAYS_OPEN, compileHours, formatHoursText, isOpenAt, openingRangeProblem, openingState, OpeningRange, parseClosures, parseHoursText } from './opening-hours';
import { chinaWeekday, formatChinaClock } from './china-time';

// 2026-11-23 is a Monday. Shanghai is UTC+8, so Monday 08:00 Shanghai is 00:00 UTC.
const sh = (day: string, time: string) => Date.parse(`2026-11-${day}T${time}:00+08:00`);
const MON = '23';
const TUE = '24';
const SAT = '28';
const SUN = '29';

const weekdays9to18: OpeningRange[] = [1, 2, 3, 4, 5].map((day) => ({ day: day as OpeningRange['day'], open: '09:00', close: '18:00' }));

describe('opening hours', () => {
  it('is open inside a range and closed outside it, by Shanghai time', () => {
    const h = compileHours(weekdays9to18);
    expect(isOpenAt(h, [], sh(MON, '09:00'))).toBe(true);
    expect(isOpenAt(h, [], sh(MON, '17:59'))).toBe(true);
    expect(isOpenAt(h, [], sh(MON, '18:00'))).toBe(false);
    expect(isOpenAt(h, [], sh(MON, '08:59'))).toBe(false);
    expect(isOpenAt(h, [], sh(SAT, '10:00'))).toBe(false);
  });

  it('does not depend on the process time zone: the instant decides', () => {
    const h = compileHours(weekdays9to18);
    // 01:30 UTC on Monday is 09:30 in Shanghai.
    expect(isOpenAt(h, [], Date.parse('2026-11-23T01:30:00Z'))).toBe(true);
    expect(chinaWeekday(Date.parse('2026-11-22T16:30:00Z'))).toBe(1);
    expect(formatChinaClock(Date.parse('2026-11-22T16:30:00Z'))).toBe('00:30');
  });

  it('keeps several ranges a day apart with a lunch break', () => {
    const h = compileHours([
      { day: 2, open: '08:00', close: '12:00' },
      { day: 2, open: '14:00', close: '18:00' },
    ]);
    expect(isOpenAt(h, [], sh(TUE, '11:00'))).toBe(true);
    expect(isOpenAt(h, [], sh(TUE, '13:00'))).toBe(false);
    expect(openingState(h, [], sh(TUE, '11:00')).nextChange).toBe(new Date(sh(TUE, '12:00')).toISOString());
    expect(openingState(h, [], sh(TUE, '13:00')).nextChange).toBe(new Date(sh(TUE, '14:00')).toISOString());
  });

  it('runs a range past midnight into the next day', () => {
    const h = compileHours([{ day: 5, open: '22:00', close: '02:00' }]);
    expect(isOpenAt(h, [], sh('27', '23:00'))).toBe(true);
    expect(isOpenAt(h, [], sh(SAT, '01:59'))).toBe(true);
    expect(isOpenAt(h, [], sh(SAT, '02:00'))).toBe(false);
    const state = openingState(h, [], sh('27', '23:00'));
    expect(state).toEqual({ openNow: true, nextChange: new Date(sh(SAT, '02:00')).toISOString() });
  });

  it('runs a Sunday night range into Monday morning across the week boundary', () => {
    const h = compileHours([{ day: 7, open: '20:00', close: '06:00' }]);
    expect(isOpenAt(h, [], sh(SUN, '23:30'))).toBe(true);
    expect(isOpenAt(h, [], Date.parse('2026-11-30T05:00:00+08:00'))).toBe(true);
    expect(isOpenAt(h, [], Date.parse('2026-11-30T06:00:00+08:00'))).toBe(false);
    expect(openingState(h, [], sh(SUN, '23:30')).nextChange).toBe('2026-11-29T22:00:00.000Z');
  });

  it('treats 24 h on every day as always open, with no next change', () => {
    const h = compileHours(ALWAYS_OPEN);
    expect(h.always).toBe(true);
    expect(openingState(h, [], sh(SUN, '23:59'))).toEqual({ openNow: true, nextChange: null });
  });

  it('merges a day ending at 24:00 with the next day starting at 00:00 so midnight is not a change', () => {
    const h = compileHours([
      { day: 1, open: '18:00', close: '24:00' },
      { day: 2, open: '00:00', close: '03:00' },
    ]);
    expect(openingState(h, [], sh(MON, '23:00')).nextChange).toBe(new Date(sh(TUE, '03:00')).toISOString());
  });

  it('is closed during a temporary closure, and the next change is when the closure ends into open hours', () => {
    const h = compileHours(ALWAYS_OPEN);
    const closures = parseClosures([{ from: '2026-11-23T10:00:00+08:00', to: '2026-11-23T14:00:00+08:00', reason: '设备检修' }]);
    expect(openingState(h, closures, sh(MON, '09:00'))).toEqual({ openNow: true, nextChange: new Date(sh(MON, '10:00')).toISOString() });
    expect(openingState(h, closures, sh(MON, '12:00'))).toEqual({ openNow: false, nextChange: new Date(sh(MON, '14:00')).toISOString() });
    expect(openingState(h, closures, sh(MON, '15:00'))).toEqual({ openNow: true, nextChange: null });
  });

  it('finds the first opening after a closure that ends outside the open hours', () => {
    const h = compileHours(weekdays9to18);
    // Closed all of Monday to Wednesday; reopens Thursday 09:00.
    const closures = parseClosures([{ from: '2026-11-23T00:00:00+08:00', to: '2026-11-26T00:00:00+08:00' }]);
    expect(openingState(h, closures, sh(MON, '10:00'))).toEqual({ openNow: false, nextChange: new Date(Date.parse('2026-11-26T09:00:00+08:00')).toISOString() });
  });

  it('finds the next opening beyond a closure longer than a week', () => {
    const h = compileHours(weekdays9to18);
    const closures = parseClosures([{ from: '2026-11-20T00:00:00+08:00', to: '2026-12-10T12:00:00+08:00' }]);
    expect(openingState(h, closures, sh(MON, '10:00')).nextChange).toBe(new Date(Date.parse('2026-12-10T12:00:00+08:00')).toISOString());
  });

  it('ignores a closure that has ended', () => {
    const h = compileHours(weekdays9to18);
    const closures = parseClosures([{ from: '2026-11-01T00:00:00+08:00', to: '2026-11-02T00:00:00+08:00' }]);
    expect(openingState(h, closures, sh(MON, '10:00')).openNow).toBe(true);
  });

  it('is never open with no hours, and never changes', () => {
    expect(openingState(compileHours([]), [], sh(MON, '10:00'))).toEqual({ openNow: false, nextChange: null });
  });

  it('names the problem with a malformed range', () => {
    expect(openingRangeProblem({ day: 1, open: '25:00', close: '26:00' })).toBe('开始时间须在 00:00 至 23:59 之间');
    expect(openingRangeProblem({ day: 1, open: '24:00', close: '02:00' })).toBe('开始时间须在 00:00 至 23:59 之间');
    expect(openingRangeProblem({ day: 1, open: '08:00', close: '24:01' })).toBe('结束时间须在 00:00 至 24:00 之间');
    expect(openingRangeProblem({ day: 8 as OpeningRange['day'], open: '08:00', close: '09:00' })).toBe('星期须为 1（周一）至 7（周日）');
    expect(openingRangeProblem({ day: 1, open: '08:00', close: '08:00' })).toBe('开始和结束时间不能相同（全天请填 00:00-24:00）');
    expect(openingRangeProblem({ day: 1, open: '00:00', close: '24:00' })).toBeNull();
  });
});

describe('hours text', () => {
  it('parses day spans, lists and several ranges, and formats them back', () => {
    const parsed = parseHoursText('1-5 08:00-12:00,14:00-18:00; 6,7 09:00-17:00');
    if (!('ranges' in parsed)) throw new Error(parsed.error);
    expect(parsed.ranges).toHaveLength(12);
    expect(formatHoursText(parsed.ranges)).toBe('1-5 08:00-12:00,14:00-18:00; 6,7 09:00-17:00');
  });

  it('reads 24h and 全天 as always open', () => {
    for (const s of ['24h', '全天', '24小时']) {
      const parsed = parseHoursText(s);
      expect('ranges' in parsed && compileHours(parsed.ranges).always).toBe(true);
    }
    expect(formatHoursText(ALWAYS_OPEN)).toBe('24h');
  });

  it('refuses malformed text with a Chinese reason that names the part', () => {
    expect(parseHoursText('weekdays 9-5')).toEqual({ error: '第 1 段“weekdays 9-5”格式不对，应为星期加时间，如 1-5 08:30-12:00' });
    expect(parseHoursText('1-5 25:00-26:00')).toEqual({ error: '第 1 段时间“25:00-26:00”不对：开始时间须在 00:00 至 23:59 之间' });
    expect(parseHoursText('1-5 08:00-08:00')).toEqual({ error: '第 1 段时间“08:00-08:00”不对：开始和结束时间不能相同（全天请填 00:00-24:00）' });
    expect(parseHoursText('5-1 08:00-09:00')).toEqual({ error: '第 1 段的星期“5-1”前后颠倒，应如 1-5（周一至周五）' });
    expect(parseHoursText('1-5 08:00-12:00; 6,7 9:00-17:00')).toEqual({ error: '第 2 段时间“9:00-17:00”格式不对，应为 08:30-12:00' });
    expect(parseHoursText('')).toEqual({ error: '开放时间不能为空' });
  });
});
