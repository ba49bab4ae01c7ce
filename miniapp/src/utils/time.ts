import { chinaWallClock, formatChinaClock } from '@xjy/shared/china-time';

/** "11月22日 周六 19:00" in Beijing time, whatever the device's zone. */
export function formatWhen(iso: string): string {
  const at = Date.parse(iso);
  const d = chinaWallClock(at);
  const week = ['日', '一', '二', '三', '四', '五', '六'][d.getUTCDay()];
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${week} ${formatChinaClock(at)}`;
}

export function formatTime(iso: string): string {
  return formatChinaClock(Date.parse(iso));
}

export type ActivityPhase = 'upcoming' | 'open' | 'ended' | 'cancelled';

/** Where an activity stands for check-in right now. */
export function activityPhase(a: { status: string; checkInOpensAt: string; endsAt: string }, now = Date.now()): ActivityPhase {
  if (a.status === 'cancelled') return 'cancelled';
  if (now < new Date(a.checkInOpensAt).getTime()) return 'upcoming';
  if (now > new Date(a.endsAt).getTime()) return 'ended';
  return 'open';
}

export const PHASE_LABELS: Record<ActivityPhase, string> = { upcoming: '未开始', open: '可签到', ended: '已结束', cancelled: '已取消' };
