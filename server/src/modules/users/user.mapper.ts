import type { AreaRef, UserResponse } from '@xjy/shared';
import type { Area } from '../areas/area.entity';
import type { User } from './user.entity';

export function mapAreaRef(a: Area): AreaRef {
  return { id: a.id, name: a.name, level: a.level, path: a.path };
}

export function mapUser(user: User, scopes: Area[]): UserResponse {
  return {
    id: user.id,
    role: user.role,
    nickname: user.nickname,
    username: user.username,
    trade: user.trade,
    phone: user.phone,
    employer: user.employer,
    scopes: scopes.map(mapAreaRef),
    departmentId: user.role === 'department' ? user.departmentId : null,
    pointsBalance: user.pointsBalance,
    createdAt: user.createdAt.toISOString(),
  };
}
