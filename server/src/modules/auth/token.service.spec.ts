import { createHmac } from 'node:crypto';
import { loadConfig } from '../../config/app.config';
import { isCanonicalBase64url, TokenService } from './token.service';

const SECRET = 's'.repeat(40);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const hs256 = (data: string, secret = SECRET) => createHmac('sha256', secret).update(data).digest('base64url');

describe(TokenService.name, () => {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET, TOKEN_TTL_SECONDS: '60' });
  const tokens = new TokenService(config);
  const subject = (id: number, tokenVersion = 0) => ({ id, role: 'worker' as const, tokenVersion });

  it('verifies what it issued, with the user and token version', async () => {
    const { token, expiresAt } = await tokens.issue({ id: 42, role: 'staff', tokenVersion: 3 });
    expect(await tokens.verify(token)).toEqual({ userId: 42, version: 3 });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('refuses a tampered payload, another secret, alg none, another algorithm and garbage', async () => {
    const { token } = await tokens.issue(subject(42));
    const [h, , s] = token.split('.');
    const forgedBody = b64({ sub: '1', role: 'admin', ver: 0, iat: 0, exp: 9999999999 });
    expect(await tokens.verify(`${h}.${forgedBody}.${s}`)).toBeNull();
    const other = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'o'.repeat(40) }));
    expect(await other.verify(token)).toBeNull();
    expect(await tokens.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${forgedBody}.`)).toBeNull();
    const hs512 = b64({ alg: 'HS512', typ: 'JWT' });
    expect(await tokens.verify(`${hs512}.${forgedBody}.${createHmac('sha512', SECRET).update(`${hs512}.${forgedBody}`).digest('base64url')}`)).toBeNull();
    expect(await tokens.verify('a.b')).toBeNull();
    expect(await tokens.verify('')).toBeNull();
  });

  it('refuses a correctly signed token without a token version or with a malformed subject', async () => {
    const h = b64({ alg: 'HS256', typ: 'JWT' });
    const exp = Math.floor(Date.now() / 1000) + 60;
    for (const claims of [{ sub: '7', iat: 1, exp }, { sub: 7, ver: 0, iat: 1, exp }, { sub: '07', ver: 0, iat: 1, exp }, { sub: '7', ver: -1, iat: 1, exp }, { sub: '7', ver: 1.5, iat: 1, exp }]) {
      const b = b64(claims);
      expect(await tokens.verify(`${h}.${b}.${hs256(`${h}.${b}`)}`)).toBeNull();
    }
  });

  it('refuses an expired token even with a valid signature', async () => {
    const h = b64({ alg: 'HS256', typ: 'JWT' });
    const b = b64({ sub: '7', role: 'worker', ver: 0, iat: 1, exp: Math.floor(Date.now() / 1000) - 1 });
    expect(await tokens.verify(`${h}.${b}.${hs256(`${h}.${b}`)}`)).toBeNull();
  });

  describe('refuses every non-canonical spelling of a valid token', () => {
    let token: string;
    let parts: string[];
    beforeAll(async () => {
      // A fresh service: a malleated copy must be refused on its own merits, not because the original is cached.
      token = (await new TokenService(config).issue(subject(5))).token;
      parts = token.split('.');
    });
    const fresh = () => new TokenService(config);
    const flipTrailingBits = (seg: string): string | null => {
      // The last character of a segment whose length % 4 is 2 or 3 carries 4 or 2 unused low bits: set one.
      if (seg.length % 4 === 0) return null;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      return seg.slice(0, -1) + alphabet[alphabet.indexOf(seg.at(-1)!) ^ 1];
    };

    it('the original verifies', async () => {
      expect(await fresh().verify(token)).toEqual({ userId: 5, version: 0 });
    });

    it.each([0, 1, 2])('padding "=" on segment %i', async (i) => {
      const padded = [...parts];
      padded[i] = padded[i] + '='.repeat((4 - (padded[i].length % 4)) % 4 || 1);
      expect(await fresh().verify(padded.join('.'))).toBeNull();
    });

    it.each([0, 1, 2])('stray trailing bits on segment %i', async (i) => {
      const flipped = flipTrailingBits(parts[i]);
      if (flipped === null) return; // no spare bits in a segment whose length is a multiple of 4
      expect(Buffer.from(flipped, 'base64url').equals(Buffer.from(parts[i], 'base64url'))).toBe(true);
      const changed = [...parts];
      changed[i] = flipped;
      expect(await fresh().verify(changed.join('.'))).toBeNull();
    });

    it.each([0, 1, 2])('standard base64 "+" and "/" on segment %i', async (i) => {
      const std = [...parts];
      std[i] = Buffer.from(parts[i], 'base64url').toString('base64').replace(/=+$/, '');
      if (std[i] === parts[i]) std[i] = `${parts[i].slice(0, -1)}+`; // no - or _ in it: put a + in anyway
      expect(await fresh().verify(std.join('.'))).toBeNull();
    });

    it('whitespace, an extra segment or a trailing dot', async () => {
      expect(await fresh().verify(`${token} `)).toBeNull();
      expect(await fresh().verify(`${parts[0]}.${parts[1]}\n.${parts[2]}`)).toBeNull();
      expect(await fresh().verify(`${token}.`)).toBeNull();
      expect(await fresh().verify(`${token}.x`)).toBeNull();
    });

    it('isCanonicalBase64url', () => {
      expect(isCanonicalBase64url('QQ')).toBe(true);
      expect(isCanonicalBase64url('QR')).toBe(false);
      expect(isCanonicalBase64url('QQ==')).toBe(false);
      expect(isCanonicalBase64url('Q')).toBe(false);
      expect(isCanonicalBase64url('a+b/')).toBe(false);
      expect(isCanonicalBase64url('')).toBe(false);
    });
  });

  it('caches only verified tokens, and still refuses a cached token once it expires', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-22T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const service = new TokenService(config);
      const { token } = await service.issue(subject(9));
      expect(await service.verify(token)).toEqual({ userId: 9, version: 0 });
      expect(await service.verify(token)).toEqual({ userId: 9, version: 0 }); // from the verified cache
      const [h, b, sig] = token.split('.');
      expect(await service.verify(`${h}.${b}.${sig.slice(0, -2)}AA`)).toBeNull();
      expect((service as unknown as { verified: Map<string, unknown> }).verified.size).toBe(1);
      jest.setSystemTime(Date.parse('2026-11-22T00:01:01Z')); // TTL is 60 s
      expect(await service.verify(token)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
