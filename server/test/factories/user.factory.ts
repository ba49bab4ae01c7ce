import type { User } from '../../src/modules/users/user.entity';
import { userFactory as userRow } from './entities';
import { nextId } from './sequence';

const CREATED = new Date('2026-01-01T00:00:00Z');

/** A user row as the service specs want it: a worker with an openid unless told otherwise (fields from entities.ts). */
export function userFactory(over: Partial<User> = {}): User {
  const id = over.id ?? nextId();
  return userRow({ id, openid: over.role && over.role !== 'worker' ? null : `openid-${id}`, nickname: `骑手${id}`, createdAt: CREATED, updatedAt: CREATED, ...over });
}
