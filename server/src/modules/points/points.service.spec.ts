import { startOfChinaDay } from '@xjy/shared';
import { periodStart } from './points.service';

describe('periods in China time', () => {
  // 2026-11-22 (a Sunday) 01:30 in Beijing is 2026-11-21 17:30 UTC.
  const now = new Date('2026-11-21T17:30:00Z');

  it('starts the day at Beijing midnight, for the daily cap', () => {
    expect(startOfChinaDay(now).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(periodStart('day', now)!.toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });

  it('starts the week on Monday and the month on the 1st; all time has no start', () => {
    expect(periodStart('week', now)!.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(periodStart('month', now)!.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(periodStart('all', now)).toBeNull();
  });
});
