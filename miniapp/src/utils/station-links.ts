import { chinaDayIndex, formatChinaClock } from '@xjy/shared/china-time';

/** A point to navigate to: GCJ-02 (what the API and both Chinese map apps use) and a name to show. */
export interface NavTarget {
  lat: number;
  lng: number;
  name: string;
}

/** Amap (高德) marker page: opens the app when installed, the web map otherwise. */
export function amapMarkerUrl(t: NavTarget): string {
  return `https://uri.amap.com/marker?position=${t.lng},${t.lat}&name=${encodeURIComponent(t.name)}&coordinate=gaode&callnative=1`;
}

/** Tencent Maps (腾讯地图) marker page. */
export function tencentMarkerUrl(t: NavTarget): string {
  return `https://apis.map.qq.com/uri/v1/marker?marker=${encodeURIComponent(`coord:${t.lat},${t.lng};title:${t.name}`)}&referer=${encodeURIComponent('新就业群体服务')}`;
}

/** The href that dials a number from a browser. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** "刚刚" / "N 分钟前" / "N 小时前" / "N 天前": how long ago something happened. */
export function agoText(iso: string, nowMs = Date.now()): string {
  const mins = Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 60_000));
  if (mins < 1) return '刚刚';
  if (mins < 60) return `${mins} 分钟前`;
  if (mins < 48 * 60) return `${Math.floor(mins / 60)} 小时前`;
  return `${Math.floor(mins / 1440)} 天前`;
}

/** A service session's time as "今天 15:00–17:00" / "明天 09:00–11:00" / "12月5日 09:00–11:00", in China time. */
export function sessionTime(startsAt: string, endsAt: string, nowMs = Date.now()): string {
  const start = Date.parse(startsAt);
  const days = chinaDayIndex(start) - chinaDayIndex(nowMs);
  const local = new Date(start + 8 * 3_600_000);
  const day = days === 0 ? '今天' : days === 1 ? '明天' : `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
  return `${day} ${formatChinaClock(start)}–${formatChinaClock(Date.parse(endsAt))}`;
}
