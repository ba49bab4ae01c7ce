import type { UserResponse } from '@xjy/shared/auth';
import { AREA_LEVEL_LABELS, TRADE_LABELS, type AreaLevel, type Role } from '@xjy/shared/enums';

export const ROLE_LABELS: Record<Role, string> = {
  worker: '新就业群体',
  staff: '工作人员',
  admin: '管理员',
  department: '处置部门',
};

/** A worker is shown by trade (外卖骑手, 主播 …) when known; staff and admin by role. */
export function roleLabel(user: Pick<UserResponse, 'role' | 'trade'>): string {
  if (user.role === 'worker' && user.trade) return TRADE_LABELS[user.trade];
  return ROLE_LABELS[user.role];
}

export function areaLevelLabel(level: string): string {
  return level in AREA_LEVEL_LABELS ? AREA_LEVEL_LABELS[level as AreaLevel] : level;
}
