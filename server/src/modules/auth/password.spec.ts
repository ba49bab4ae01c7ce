import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
    await expect(verifyPassword('correct horse battery', h)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', h)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses a missing or malformed hash', async () => {
    await expect(verifyPassword('x', null)).resolves.toBe(false);
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });
});

describe('bounded password hashing', () => {
  it('runs at most two scrypt hashes at once and refuses, with 503 server_busy, beyond the wait queue', async () => {
    const { passwordHashing } = await import('./password');
    // Cheap parameters (the stored hash names its own N) so the test measures the bound, not scrypt's speed.
    const hash = ['scrypt', 1024, 8, 1, Buffer.alloc(16, 1).toString('base64'), Buffer.alloc(32, 2).toString('base64')].join('$');
    passwordHashing.resetPeak();
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => verifyPassword('wrong', hash)));
    expect(passwordHashing.stats()).toEqual({ active: 0, queued: 0, peak: 2 });
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBe(60 - 2 - 32);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'server_busy', status: 503 });
    expect(results.filter((r) => r.status === 'fulfilled').every((r) => (r as PromiseFulfilledResult<boolean>).value === false)).toBe(true);
  });
});
