import { InProcessTokenRevocation } from '../../common/auth/token-revocation';
import { AuthUserCache } from './auth-user.cache';
import type { User } from './user.entity';
import type { UsersRepository } from './users.repository';

describe(AuthUserCache.name, () => {
  const row = { id: 1, role: 'worker', disabledAt: null, tokenVersion: 0 } as unknown as User;
  const repo = { findById: jest.fn(async () => ({ ...row })), findScopeAreas: jest.fn(async () => []) } as unknown as UsersRepository;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T00:00:00Z') });
    (repo.findById as jest.Mock).mockClear();
  });
  afterEach(() => jest.useRealTimers());

  it('keeps an entry at most one second, so another instance sees a revocation within that even with no message', async () => {
    expect(AuthUserCache.TTL_MS).toBeLessThanOrEqual(1000);
    const other = new AuthUserCache(repo, new InProcessTokenRevocation()); // a bus this change is never published on
    expect((await other.load(1))!.tokenVersion).toBe(0);
    row.tokenVersion = 1;
    jest.advanceTimersByTime(AuthUserCache.TTL_MS - 1);
    expect((await other.load(1))!.tokenVersion).toBe(0);
    jest.advanceTimersByTime(1);
    expect((await other.load(1))!.tokenVersion).toBe(1);
    row.tokenVersion = 0;
  });

  it('drops the entry at once when the revocation bus announces the user', async () => {
    const bus = new InProcessTokenRevocation();
    const cache = new AuthUserCache(repo, bus);
    await cache.load(1);
    row.tokenVersion = 5;
    await bus.publish(1);
    expect((await cache.load(1))!.tokenVersion).toBe(5);
    expect(repo.findById).toHaveBeenCalledTimes(2);
    row.tokenVersion = 0;
  });
});
