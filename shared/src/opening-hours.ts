// Opening hours of a station: weekly ranges in Asia/Shanghai local time, plus temporary closures. Time in China comes
// from ./china-time (UTC+8 all year), computed from epoch milliseconds, never from the process's own time zone.

import { DAY_MS, startOfChinaWeek } from './china-time.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
export const WEEKDAY_LABELS: Record<Weekday, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' };

/**
 * One opening range starting on `day`. `close` at or before `open` means the range runs past midnight into the
 * next day ("22:00"–"02:00"); "00:00"–"24:00" is the whole day. Several ranges a day are allowed.
 */
export interface OpeningRange {
  day: Weekday;
  /** "HH:MM", 00:00–23:59. */
  open: string;
  /** "HH:MM", 00:00–24:00. */
  close: string;
}

/** A temporary closure: closed from `from` until `to` (ISO 8601 instants), whatever the weekly hours say. */
export interface Closure {
  from: string;
  to: string;
  reason?: string;
}

const MIN_MS = 60_000;
const DAY_MIN = 1440;
const WEEK_MIN = 7 * DAY_MIN;
const WEEK_MS = WEEK_MIN * MIN_MS;
const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes after midnight for "HH:MM", or null when malformed (24:00 is allowed, only as a closing time). */
export function parseHhmm(s: string, allow24 = false): number | null {
  const m = HHMM.exec(s);
  if (!m) return null;
  const min = Number(m[1]) * 60 + Number(m[2]);
  if (min > DAY_MIN || (min === DAY_MIN && !allow24)) return null;
  return min;
}

/** Why a range is invalid, in Chinese for the person who typed it, or null when it is fine. */
export function openingRangeProblem(r: OpeningRange): string | null {
  if (!WEEKDAYS.includes(r.day)) return '星期须为 1（周一）至 7（周日）';
  const open = parseHhmm(r.open);
  const close = parseHhmm(r.close, true);
  if (open === null) return '开始时间须在 00:00 至 23:59 之间';
  if (close === null) return '结束时间须在 00:00 至 24:00 之间';
  if (open === close) return '开始和结束时间不能相同（全天请填 00:00-24:00）';
  return null;
}

export function closureProblem(c: Closure): string | null {
  const from = Date.parse(c.from);
  const to = Date.parse(c.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return 'from and to must be ISO 8601 instants';
  if (to <= from) return 'to must be after from';
  return null;
}

/** Weekly hours as merged [start, end) minute intervals within one week (Monday 00:00 = 0), sorted. */
export interface CompiledHours {
  intervals: Int32Array;
  /** True when the weekly ranges cover the whole week. */
  always: boolean;
}

export function compileHours(ranges: readonly OpeningRange[]): CompiledHours {
  const raw: Array<[number, number]> = [];
  for (const r of ranges) {
    const open = parseHhmm(r.open);
    const close = parseHhmm(r.close, true);
    if (open === null || close === null || open === close) continue;
    const start = (r.day - 1) * DAY_MIN + open;
    const end = (r.day - 1) * DAY_MIN + (close > open ? close : close + DAY_MIN);
    if (end > WEEK_MIN) {
      raw.push([start, WEEK_MIN], [0, end - WEEK_MIN]);
    } else raw.push([start, end]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of raw) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const always = merged.length === 1 && merged[0][0] === 0 && merged[0][1] === WEEK_MIN;
  return { intervals: Int32Array.from(merged.flat()), always };
}

const weekStartMs = (ms: number): number => startOfChinaWeek(ms).getTime();

function weeklyOpenAt(h: CompiledHours, ms: number): boolean {
  if (h.always) return true;
  const minute = (ms - weekStartMs(ms)) / MIN_MS;
  const iv = h.intervals;
  for (let i = 0; i < iv.length; i += 2) {
    if (minute < iv[i]) return false;
    if (minute < iv[i + 1]) return true;
  }
  return false;
}

export interface ParsedClosure {
  from: number;
  to: number;
}

export function parseClosures(closures: readonly Closure[]): ParsedClosure[] {
  return closures.map((c) => ({ from: Date.parse(c.from), to: Date.parse(c.to) })).filter((c) => Number.isFinite(c.from) && c.to > c.from);
}

function closedAt(closures: readonly ParsedClosure[], ms: number): boolean {
  for (const c of closures) if (ms >= c.from && ms < c.to) return true;
  return false;
}

export function isOpenAt(h: CompiledHours, closures: readonly ParsedClosure[], ms: number): boolean {
  return weeklyOpenAt(h, ms) && !closedAt(closures, ms);
}

export interface OpeningState {
  openNow: boolean;
  /** When openNow next flips (ISO 8601, UTC), or null when it never does (always open, or no hours at all). */
  nextChange: string | null;
}

/** Weekly boundaries in [fromMs, fromMs + 8 days), as epoch ms. */
function weeklyBoundaries(h: CompiledHours, fromMs: number, out: number[]): void {
  if (h.always) return;
  const horizon = fromMs + 8 * DAY_MS;
  for (let week = weekStartMs(fromMs); week < horizon; week += WEEK_MS) {
    for (let i = 0; i < h.intervals.length; i++) {
      const t = week + h.intervals[i] * MIN_MS;
      if (t > fromMs && t <= horizon) out.push(t);
    }
  }
}

/** Open now, and when that next changes, from the weekly hours and the closures. */
export function openingState(h: CompiledHours, closures: readonly ParsedClosure[], nowMs: number): OpeningState {
  const openNow = isOpenAt(h, closures, nowMs);
  if (h.intervals.length === 0) return { openNow: false, nextChange: null };
  const candidates: number[] = [];
  weeklyBoundaries(h, nowMs, candidates);
  for (const c of closures) {
    if (c.to <= nowMs) continue;
    if (c.from > nowMs) candidates.push(c.from);
    candidates.push(c.to);
    // A long closure pushes the next opening past the usual horizon: look a week beyond its end too.
    weeklyBoundaries(h, c.to, candidates);
  }
  candidates.sort((a, b) => a - b);
  for (const t of candidates) {
    if (isOpenAt(h, closures, t) !== openNow) return { openNow, nextChange: new Date(t).toISOString() };
  }
  return { openNow, nextChange: null };
}

/** The ranges of one weekday in display order, with those that started the evening before and run into it. */
export function rangesOn(ranges: readonly OpeningRange[], day: Weekday): OpeningRange[] {
  return ranges.filter((r) => r.day === day).sort((a, b) => a.open.localeCompare(b.open));
}


/** True when the ranges say 00:00–24:00 on all seven days. */
export function isAlwaysOpen(ranges: readonly OpeningRange[]): boolean {
  return ranges.length > 0 && compileHours(ranges).always;
}

export const ALWAYS_OPEN: OpeningRange[] = WEEKDAYS.map((day) => ({ day, open: '00:00', close: '24:00' }));

/**
 * Hours as one line of text, for spreadsheets: "24h", or "; "-separated groups "days times" where days are
 * 1–7 (Monday = 1) as a list or span ("1-5", "6,7") and times are comma-separated "HH:MM-HH:MM" ranges,
 * e.g. "1-5 08:00-12:00,14:00-18:00; 6-7 09:00-17:00". A range whose end is not after its start runs past midnight.
 */
export function parseHoursText(text: string): { ranges: OpeningRange[] } | { error: string } {
  const s = text.trim();
  if (/^(24h|24小时|全天)$/i.test(s)) return { ranges: ALWAYS_OPEN.map((r) => ({ ...r })) };
  if (!s) return { error: '开放时间不能为空' };
  const ranges: OpeningRange[] = [];
  // Messages are shown as they are (import rows, the staff form), so they name the part by its place: "第 2 段".
  for (const [g, group] of s.split(/[;；]/).map((x) => x.trim()).filter(Boolean).entries()) {
    const at = `第 ${g + 1} 段`;
    const m = /^([1-7](?:\s*[-,，]\s*[1-7])*)\s+(.+)$/.exec(group);
    if (!m) return { error: `${at}“${group}”格式不对，应为星期加时间，如 1-5 08:30-12:00` };
    const days = new Set<Weekday>();
    for (const part of m[1].split(/[,，]/)) {
      const [a, b] = part.split('-').map((x) => Number(x.trim()));
      if (b !== undefined && b < a) return { error: `${at}的星期“${part.trim()}”前后颠倒，应如 1-5（周一至周五）` };
      for (let d = a; d <= (b ?? a); d++) days.add(d as Weekday);
    }
    for (const span of m[2].split(/[,，]/).map((x) => x.trim())) {
      const t = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(span);
      if (!t) return { error: `${at}时间“${span}”格式不对，应为 08:30-12:00` };
      for (const day of [...days].sort()) {
        const r: OpeningRange = { day, open: t[1], close: t[2] };
        const problem = openingRangeProblem(r);
        if (problem) return { error: `${at}时间“${span}”不对：${problem}` };
        ranges.push(r);
      }
    }
  }
  return { ranges };
}

/** The inverse of parseHoursText: days with identical ranges are grouped ("1-5 08:00-18:00; 6,7 09:00-17:00"). */
export function formatHoursText(ranges: readonly OpeningRange[]): string {
  if (isAlwaysOpen(ranges) && ranges.length === 7 && ranges.every((r) => r.open === '00:00' && r.close === '24:00')) return '24h';
  const byDay = new Map<Weekday, string>();
  for (const day of WEEKDAYS) {
    const spans = rangesOn(ranges, day).map((r) => `${r.open}-${r.close}`);
    if (spans.length) byDay.set(day, spans.join(','));
  }
  const groups = new Map<string, Weekday[]>();
  for (const [day, spans] of byDay) groups.set(spans, [...(groups.get(spans) ?? []), day]);
  const dayList = (days: Weekday[]) => {
    const contiguous = days.every((d, i) => i === 0 || d === days[i - 1] + 1);
    return contiguous && days.length > 2 ? `${days[0]}-${days[days.length - 1]}` : days.join(',');
  };
  return [...groups].map(([spans, days]) => `${dayList(days)} ${spans}`).join('; ');
}
