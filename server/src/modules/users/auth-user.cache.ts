import { Injectable } from '@nestjs/common';
import type { Role } from '@xjy/shared';
import type { AuthContext } from '../../common/auth/auth-context';
import { UsersRepository } from './users.repository';

interface Entry {
  context: AuthContext | null;
  disabled: boolean;
  expiresAt: number;
  role: Role | null;
}

/**
 * The guard needs each caller's current role, disabled flag and scope on every request; reading them from the
 * database each time would put two queries on every hot read. Entries live a few seconds and are dropped at once
 * on this instance when an account changes, so another instance sees a change within that TTL.
 */
@Injectable()
export class AuthUserCache {
  static readonly TTL_MS = 5000;
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly users: UsersRepository) {}

  async load(userId: number): Promise<{ context: AuthContext; disabled: boolean } | null> {
    const now = Date.now();
    const hit = this.entries.get(userId);
    if (hit && hit.expiresAt > now) return hit.context ? { context: hit.context, disabled: hit.disabled } : null;
    const user = await this.users.findById(userId);
    if (!user) {
      this.entries.set(userId, { context: null, disabled: true, expiresAt: now + AuthUserCache.TTL_MS, role: null });
      return null;
    }
    const scopes = user.role === 'staff' ? await this.users.findScopeAreas(user.id) : [];
    const context: AuthContext = { userId: user.id, role: user.role, scopePaths: scopes.map((a) => a.path), scopeAreaIds: scopes.map((a) => a.id) };
    const disabled = user.disabledAt !== null;
    if (this.entries.size > 50_000) this.entries.clear();
    this.entries.set(userId, { context, disabled, expiresAt: now + AuthUserCache.TTL_MS, role: user.role });
    return { context, disabled };
  }

  invalidate(userId?: number): void {
    if (userId === undefined) this.entries.clear();
    else this.entries.delete(userId);
  }
}
