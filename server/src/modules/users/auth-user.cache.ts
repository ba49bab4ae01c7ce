import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import { TtlCache } from '../../common/ttl-cache';
import { UsersRepository } from './users.repository';

/**
 * The guard needs each caller's current role, disabled flag and scope on every request; reading them from the
 * database each time would put two queries on every hot read. Entries live a few seconds and are dropped at once
 * on this instance when an account changes, so another instance sees a change within that TTL.
 */
@Injectable()
export class AuthUserCache {
  static readonly TTL_MS = 5000;
  private readonly entries = new TtlCache<number, { context: AuthContext; disabled: boolean } | null>({ ttlMs: AuthUserCache.TTL_MS, maxEntries: 50_000 });

  constructor(private readonly users: UsersRepository) {}

  load(userId: number): Promise<{ context: AuthContext; disabled: boolean } | null> {
    return this.entries.getOrLoad(userId, async () => {
      const user = await this.users.findById(userId);
      if (!user) return null;
      const scopes = user.role === 'staff' ? await this.users.findScopeAreas(user.id) : [];
      const context: AuthContext = { userId: user.id, role: user.role, scopePaths: scopes.map((a) => a.path), scopeAreaIds: scopes.map((a) => a.id) };
      return { context, disabled: user.disabledAt !== null };
    });
  }

  invalidate(userId?: number): void {
    this.entries.invalidate(userId);
  }
}
