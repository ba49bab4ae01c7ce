import { quarterOf, quarterRange } from './activity';

describe('quarters in Asia/Shanghai', () => {
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
