import { finishedOnTime, median } from './report-dashboard.service';

const at = (h: number) => new Date(Date.UTC(2026, 10, 1) + h * 3600_000);

describe('dashboard figures', () => {
  it('takes the median of odd and even counts, and null of none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts a report on time only when reviewed within the accept deadline and, if accepted, resolved within the resolve deadline', () => {
    const base = { acceptDueAt: at(24), resolveDueAt: at(168) };
    expect(finishedOnTime({ ...base, status: 'resolved', reviewedAt: at(2), finishedAt: at(100) })).toBe(true);
    expect(finishedOnTime({ ...base, status: 'resolved', reviewedAt: at(30), finishedAt: at(100) })).toBe(false);
    expect(finishedOnTime({ ...base, status: 'resolved', reviewedAt: at(2), finishedAt: at(200) })).toBe(false);
    expect(finishedOnTime({ ...base, status: 'rejected', reviewedAt: at(2), finishedAt: at(2) })).toBe(true);
    expect(finishedOnTime({ ...base, status: 'rejected', reviewedAt: null, finishedAt: null })).toBe(false);
  });
});
