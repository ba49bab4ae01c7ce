/** "11月22日 周六 19:00" in Beijing time, whatever the device's zone. */
export function formatWhen(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const week = ['日', '一', '二', '三', '四', '五', '六'][d.getUTCDay()];
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${week} ${hh}:${mm}`;
}

export function formatTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
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
