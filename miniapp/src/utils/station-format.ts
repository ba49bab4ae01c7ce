import { AMENITY_LABELS, type Amenity } from '@xjy/shared/enums';
import { chinaDayIndex, chinaWeekday, formatChinaClock } from '@xjy/shared/china-time';
import { rangesOn, WEEKDAY_LABELS, type OpeningRange } from '@xjy/shared/opening-hours';

/** One glyph per service so a rider can scan a list with one glance. */
export const AMENITY_ICONS: Record<Amenity, string> = {
  drinking_water: '💧',
  hot_water: '♨️',
  seating: '🪑',
  phone_charging: '🔋',
  ebike_charging: '⚡',
  restroom: '🚻',
  microwave: '🍱',
  first_aid: '⛑️',
  umbrella: '☂️',
  air_conditioning: '❄️',
  wifi: '📶',
};

export const amenityText = (a: Amenity) => `${AMENITY_ICONS[a]} ${AMENITY_LABELS[a]}`;

export function formatDistance(m: number): string {
  return m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

/** "营业中 · 18:00 打烊" / "已打烊 · 明天 08:00 开门", in Shanghai time. */
export function openingText(openNow: boolean, nextChange: string | null, nowMs = Date.now()): string {
  if (nextChange === null) return openNow ? '营业中 · 24 小时' : '暂停开放';
  const at = Date.parse(nextChange);
  const days = chinaDayIndex(at) - chinaDayIndex(nowMs);
  const when = `${days === 0 ? '' : days === 1 ? '明天 ' : `${WEEKDAY_LABELS[chinaWeekday(at)]} `}${formatChinaClock(at)}`;
  return openNow ? `营业中 · ${when} 打烊` : `已打烊 · ${when} 开门`;
}

/** Today's ranges as "08:30–12:00、14:00–18:00", or 今日不开放. */
export function todayHours(hours: OpeningRange[], nowMs = Date.now()): string {
  const today = rangesOn(hours, chinaWeekday(nowMs));
  if (!today.length) return '今日不开放';
  if (today.length === 1 && today[0].open === '00:00' && today[0].close === '24:00') return '全天开放';
  return today.map((r) => `${r.open}–${r.close <= r.open ? `次日${r.close}` : r.close}`).join('、');
}
