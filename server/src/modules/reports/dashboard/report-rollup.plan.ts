// How the dashboard answers a window [from, to): whole China weeks and days from the roll-up when they are clean,
// everything else (the partial days at the edges, days written since their last build) straight from `report`.

export const DAY_MS = 24 * 3600_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China day (UTC+8) of an instant, as days since 1970-01-01 (1970-01-05, day 4, is a Monday). */
export function chinaDay(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** When a China day starts (its 00:00 in China). */
export function chinaDayStart(day: number): Date {
  return new Date(day * DAY_MS - CHINA_OFFSET_MS);
}

/** The Monday of the China week a day is in. */
export function mondayOf(day: number): number {
  return day - ((((day - 4) % 7) + 7) % 7);
}

export interface TimeRange {
  from: Date;
  to: Date;
}

export interface WindowPlan {
  /** Mondays of the clean whole China weeks inside the window (roll-up rows of span 7). */
  weeks: number[];
  /** Clean whole China days inside the window outside those weeks (roll-up rows of span 1). */
  days: number[];
  /** The rest, counted from `report`: partial days at the edges and dirty days, adjacent ones merged. */
  direct: TimeRange[];
}

/** The whole China days inside [from, to), as [first, end). */
export function wholeDays(from: Date, to: Date): { first: number; end: number } {
  const d = chinaDay(from);
  const first = chinaDayStart(d).getTime() < from.getTime() ? d + 1 : d;
  return { first, end: Math.max(first, chinaDay(to)) };
}

/**
 * Splits [from, to) given the days the roll-up does not hold exactly now (dirty days, or days whose overdue count
 * has aged) and the weeks whose overdue count has aged (their clean days are still used one by one).
 */
export function planWindow(from: Date, to: Date, dirty: ReadonlySet<number>, staleWeeks: ReadonlySet<number> = new Set()): WindowPlan {
  const { first, end } = wholeDays(from, to);
  if (first >= end) return { weeks: [], days: [], direct: from < to ? [{ from, to }] : [] };
  const plan: WindowPlan = { weeks: [], days: [], direct: [] };
  const direct = (r: TimeRange) => {
    const last = plan.direct[plan.direct.length - 1];
    if (last && last.to.getTime() === r.from.getTime()) last.to = r.to;
    else if (r.from < r.to) plan.direct.push({ ...r });
  };
  direct({ from, to: chinaDayStart(first) });
  const cleanWeek = (m: number) => m >= first && m + 7 <= end && !staleWeeks.has(m) && Array.from({ length: 7 }, (_, i) => m + i).every((d) => !dirty.has(d));
  for (let d = first; d < end; d++) {
    if (dirty.has(d)) direct({ from: chinaDayStart(d), to: chinaDayStart(d + 1) });
    else if (d === mondayOf(d) && cleanWeek(d)) {
      plan.weeks.push(d);
      d += 6;
    } else plan.days.push(d);
  }
  direct({ from: chinaDayStart(end), to });
  return plan;
}
