import type { User } from '../../src/modules/users/user.entity';
import { nextId } from './sequence';

/** A user row: a worker unless told otherwise. */
export function userFactory(over: Partial<User> = {}): User {
  const id = over.id ?? nextId();
  return {
    id,
    role: 'worker',
    openid: over.role && over.role !== 'worker' ? null : `openid-${id}`,
    unionid: null,
    username: null,
    passwordHash: null,
    nickname: `骑手${id}`,
    trade: null,
    phone: null,
    employer: null,
    pointsBalance: 0,
    demoAccount: null,
    disabledAt: null,
    tokenVersion: 0,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}
