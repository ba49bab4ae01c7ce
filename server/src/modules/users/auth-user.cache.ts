import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context';
import { TOKEN_REVOCATION, TokenRevocation } from '../../common/auth/token-revocation';
import { TtlCache } from '../../common/ttl-cache';
import { UsersRepository } from './users.repository';

export interface LoadedUser {
  context: AuthContext;
  disabled: boolean;
  /** Tokens issued under another version are revoked. */
  tokenVersion: number;
}

/**
 * The guard needs each caller's current role, disabled flag, token version and scope on every request; reading
 * them from the database each time would put two queries on every hot read. Entries live at most a second and
 * are dropped at once when the revocation bus announces a change for the user, so a revoked token is refused on
 * every instance within a second even if a bus message is lost.
 */
@Injectable()
export class AuthUserCache {
  static readonly TTL_MS = 1000;
  private readonly entries = new TtlCache<number, LoadedUser | null>({ ttlMs: AuthUserCache.TTL_MS, maxEntries: 50_000 });

  constructor(
    private readonly users: UsersRepository,
    @Inject(TOKEN_REVOCATION) revocation: TokenRevocation,
  ) {
    revocation.subscribe((userId) => this.invalidate(userId));
  }

  async load(userId: number, fresh = false): Promise<LoadedUser | null> {
    const started = Date.now();
    const hit = fresh ? undefined : this.entries.get(userId);
    if (hit !== undefined) return hit;
    const user = await this.users.findById(userId);
    // The TTL counts from before the read: a revocation that lands while it is in flight is seen within a second.
    const ttlLeft = () => Math.max(1, started + AuthUserCache.TTL_MS - Date.now());
    if (!user) {
      this.entries.set(userId, null, ttlLeft());
      return null;
    }
    const scopes = user.role === 'staff' ? await this.users.findScopeAreas(user.id) : [];
    const context: AuthContext = {
      userId: user.id,
      role: user.role,
      scopePaths: scopes.map((a) => a.path),
      scopeAreaIds: scopes.map((a) => a.id),
      departmentId: user.role === 'department' ? user.departmentId : null,
    };
    const loaded: LoadedUser = { context, disabled: user.disabledAt !== null, tokenVersion: user.tokenVersion };
    this.entries.set(userId, loaded, ttlLeft());
    return loaded;
  }

  invalidate(userId?: number): void {
    this.entries.invalidate(userId);
  }
}
