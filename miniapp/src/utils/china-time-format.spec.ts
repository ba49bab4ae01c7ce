import { ALWAYS_OPEN } from '@xjy/shared/opening-hours';
import { openingText, todayHours } from './station-format';
import { formatTime, formatWhen } from './time';

// 2026-11-22 is a Sunday. 23:30 in China is 15:30 UTC, still Sunday in both; 00:30 Monday in China is Sunday in UTC.
const chinaMs = (iso: string) => Date.parse(`${iso}+08:00`);

describe('times shown in China time whatever the device zone', () => {
  it('formats an instant as the China wall clock', () => {
    expect(formatWhen('2026-11-22T16:30:00Z')).toBe('11月23日 周一 00:30');
    expect(formatTime('2026-11-22T16:30:00Z')).toBe('00:30');
  });

  it('says 明天 for a change after midnight in China, even when it is still the same day in UTC', () => {
    const now = chinaMs('2026-11-22T23:30:00');
    expect(openingText(false, new Date(chinaMs('2026-11-23T08:00:00')).toISOString(), now)).toBe('已打烊 · 明天 08:00 开门');
    expect(openingText(true, new Date(chinaMs('2026-11-22T23:50:00')).toISOString(), now)).toBe('营业中 · 23:50 打烊');
    expect(openingText(false, new Date(chinaMs('2026-11-25T08:00:00')).toISOString(), now)).toBe('已打烊 · 周三 08:00 开门');
  });

  it("reads today's ranges from the China weekday", () => {
    const mondayOnly = [{ day: 1 as const, open: '08:00', close: '12:00' }];
    expect(todayHours(mondayOnly, chinaMs('2026-11-23T00:30:00'))).toBe('08:00–12:00');
    expect(todayHours(mondayOnly, chinaMs('2026-11-22T23:30:00'))).not.toBe('08:00–12:00');
    expect(todayHours(ALWAYS_OPEN, chinaMs('2026-11-22T23:30:00'))).toBeTruthy();
  });
});
