// China time (Asia/Shanghai) from epoch milliseconds, whatever the process's or device's own zone. China has had no
// daylight saving since 1991, so it is UTC+8 all year: every helper here shifts by that one constant and reads the
// UTC fields of the shifted instant, which then show the wall clock in China.

export const CHINA_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;
/** The offset as ISO 8601 writes it. */
export const CHINA_ISO_OFFSET = '+08:00';

type Instant = Date | number;
const ms = (t: Instant) => (typeof t === 'number' ? t : t.getTime());
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The instant shifted so its UTC fields read the wall clock in China. Use only to read fields or to write a cell
 * that has no zone (Excel); never compare it with real instants.
 */
export function chinaWallClock(t: Instant): Date {
  return new Date(ms(t) + CHINA_OFFSET_MS);
}

/** Whole days since 1970-01-01 in China time: two instants share a China day when their indexes are equal. */
export function chinaDayIndex(t: Instant): number {
  return Math.floor((ms(t) + CHINA_OFFSET_MS) / DAY_MS);
}

/** Midnight in China at or before `t`. */
export function startOfChinaDay(t: Instant): Date {
  return new Date(chinaDayIndex(t) * DAY_MS - CHINA_OFFSET_MS);
}

/** ISO weekday in China: 1 = Monday … 7 = Sunday. */
export function chinaWeekday(t: Instant): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((chinaDayIndex(t) + 3) % 7) + 7) % 7 + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** Monday 00:00 in China of the week holding `t`. */
export function startOfChinaWeek(t: Instant): Date {
  return new Date((chinaDayIndex(t) - (chinaWeekday(t) - 1)) * DAY_MS - CHINA_OFFSET_MS);
}

/** The 1st of the month, 00:00 in China, of the month holding `t`. */
export function startOfChinaMonth(t: Instant): Date {
  const w = chinaWallClock(t);
  return new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), 1) - CHINA_OFFSET_MS);
}

/** January 1st, 00:00 in China, of the year holding `t`. */
export function startOfChinaYear(t: Instant): Date {
  return new Date(Date.UTC(chinaWallClock(t).getUTCFullYear(), 0, 1) - CHINA_OFFSET_MS);
}

/** "2026-11-22": the China date of `t`, usable as a day key. */
export function chinaDateKey(t: Instant): string {
  const w = chinaWallClock(t);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
}

/** "10:30": the China wall-clock time of `t`. */
export function formatChinaClock(t: Instant): string {
  const w = chinaWallClock(t);
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** "2026-11-22 10:30" in China time. */
export function formatChinaDateTime(t: Instant): string {
  return `${chinaDateKey(t)} ${formatChinaClock(t)}`;
}

/** The ISO 8601 instant of a China date ("2026-11-22") and wall-clock time ("19:00"). */
export function chinaIso(date: string, clock: string): string {
  return `${date}T${clock}:00${CHINA_ISO_OFFSET}`;
}

/** "2026Q4": the quarter holding `t`, in China time. */
export function quarterOf(t: Instant): string {
  const w = chinaWallClock(t);
  return `${w.getUTCFullYear()}Q${Math.floor(w.getUTCMonth() / 3) + 1}`;
}

/** The [start, end) instants of a quarter like "2026Q4", in China time; null if malformed. */
export function quarterRange(quarter: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  return { from: new Date(Date.UTC(year, (q - 1) * 3, 1) - CHINA_OFFSET_MS), to: new Date(Date.UTC(year, q * 3, 1) - CHINA_OFFSET_MS) };
}
