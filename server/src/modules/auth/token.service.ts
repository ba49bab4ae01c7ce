import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@xjy/shared';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app.config';

interface TokenPayload {
  sub: number;
  role: Role;
  iat: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Session tokens are JWTs signed with HS256 (RFC 7519). Only this exact header is accepted, so "alg: none" or a
 * switched algorithm can never verify; the signature is compared in constant time before the payload is read.
 */
/** Verified tokens kept so a token's signature is checked once, not on every request; bounded. */
const VERIFIED_MAX = 10_000;

@Injectable()
export class TokenService {
  private readonly secret: Buffer;
  /** token → [user id, expiry in ms]. A hit still checks expiry; the secret cannot change while the process runs. */
  private readonly verified = new Map<string, readonly [number, number]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.secret = Buffer.from(config.jwtSecret, 'utf8');
  }

  private sign(data: string): Buffer {
    return createHmac('sha256', this.secret).update(data).digest();
  }

  issue(userId: number, role: Role): { token: string; expiresAt: string } {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.config.tokenTtlSeconds;
    const body = Buffer.from(JSON.stringify({ sub: userId, role, iat, exp } satisfies TokenPayload)).toString('base64url');
    const data = `${HEADER}.${body}`;
    return { token: `${data}.${this.sign(data).toString('base64url')}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The user id in a valid, unexpired token, or null. */
  verify(token: string): number | null {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit[1] > Date.now()) return hit[0];
      this.verified.delete(token);
      return null;
    }
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const given = Buffer.from(parts[2], 'base64url');
    const expected = this.sign(`${parts[0]}.${parts[1]}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<TokenPayload>;
      if (!Number.isInteger(payload.sub) || typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now()) return null;
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, [payload.sub as number, payload.exp * 1000]);
      return payload.sub as number;
    } catch {
      return null;
    }
  }
}
