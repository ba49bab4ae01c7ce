import { createHmac } from 'node:crypto';
import { loadConfig } from '../../config/app.config';
import { TokenService } from './token.service';

describe(TokenService.name, () => {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 's'.repeat(40), TOKEN_TTL_SECONDS: '60' });
  const tokens = new TokenService(config);

  it('verifies what it issued', () => {
    const { token, expiresAt } = tokens.issue(42, 'staff');
    expect(tokens.verify(token)).toBe(42);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a tampered payload, another secret, alg none and garbage', () => {
    const { token } = tokens.issue(42, 'worker');
    const [h, , s] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ sub: 1, role: 'admin', iat: 0, exp: 9999999999 })).toString('base64url');
    expect(tokens.verify(`${h}.${forgedBody}.${s}`)).toBeNull();
    const other = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'o'.repeat(40) }));
    expect(other.verify(token)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(tokens.verify(`${none}.${forgedBody}.`)).toBeNull();
    expect(tokens.verify('a.b')).toBeNull();
  });

  it('refuses an expired token even with a valid signature', () => {
    const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const b = Buffer.from(JSON.stringify({ sub: 7, role: 'worker', iat: 1, exp: Math.floor(Date.now() / 1000) - 1 })).toString('base64url');
    const sig = createHmac('sha256', 's'.repeat(40)).update(`${h}.${b}`).digest('base64url');
    expect(tokens.verify(`${h}.${b}.${sig}`)).toBeNull();
  });

  it('still refuses a verified token once it expires, and a tampered copy of a verified one', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-22T00:00:00Z') });
    try {
      const { token } = tokens.issue(9, 'worker');
      expect(tokens.verify(token)).toBe(9);
      expect(tokens.verify(token)).toBe(9); // the second check comes from the verified cache
      const [h, b, sig] = token.split('.');
      expect(tokens.verify(`${h}.${b}.${sig.slice(0, -2)}AA`)).toBeNull();
      jest.setSystemTime(Date.parse('2026-11-22T00:01:01Z')); // TTL is 60 s
      expect(tokens.verify(token)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});
