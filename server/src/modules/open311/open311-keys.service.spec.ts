import { FakeOpen311Repository } from '../../../test/fakes/open311.fakes';
import { hashApiKey, Open311KeysService } from './open311-keys.service';

const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string }) => e.code);

describe(Open311KeysService.name, () => {
  let repo: FakeOpen311Repository;
  let keys: Open311KeysService;
  beforeEach(() => {
    repo = new FakeOpen311Repository();
    keys = new Open311KeysService(repo.asRepository());
  });

  it('issues a random key once, keeping only its SHA-256 and a prefix', async () => {
    const a = await keys.issue('  12345 热线 ');
    const b = await keys.issue('网格平台');
    expect(a.apiKey).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(a.apiKey).not.toBe(b.apiKey);
    const stored = repo.clients.get(a.id)!;
    expect(stored).toMatchObject({ name: '12345 热线', keyHash: hashApiKey(a.apiKey), keyPrefix: a.apiKey.slice(0, 12) });
    expect(JSON.stringify(stored)).not.toContain(a.apiKey);
    const list = await keys.list();
    expect(list.items.map((c) => c.name)).toEqual(['12345 热线', '网格平台']);
    expect(JSON.stringify(list)).not.toContain(a.apiKey);
  });

  it('authenticates a live key and stamps its last use', async () => {
    const a = await keys.issue('热线');
    const client = await keys.authenticate(a.apiKey);
    expect(client.id).toBe(a.id);
    expect(repo.clients.get(a.id)!.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a malformed, unknown or revoked key with api_key_invalid', async () => {
    const a = await keys.issue('热线');
    expect(await failure(keys.authenticate('nope'))).toBe('api_key_invalid');
    expect(await failure(keys.authenticate(`o311_${'x'.repeat(43)}`))).toBe('api_key_invalid');
    const revoked = await keys.revoke(a.id);
    expect(revoked).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(repo.disabledUsers.has(repo.clients.get(a.id)!.userId)).toBe(true);
    expect(await failure(keys.authenticate(a.apiKey))).toBe('api_key_invalid');
  });

  it('revokes twice without changing the first revocation, and 404s an unknown client', async () => {
    const a = await keys.issue('热线');
    const first = await keys.revoke(a.id);
    const second = await keys.revoke(a.id);
    expect(second.revokedAt).toBe(first.revokedAt);
    expect(await failure(keys.revoke(999_999))).toBe('api_key_not_found');
  });
});
