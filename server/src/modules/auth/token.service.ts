import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@xjy/shared';
import { jwtVerify, SignJWT } from 'jose';
import { createSecretKey, KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { TtlCache } from '../../common/ttl-cache';

/** Who a valid token names, and the token version it was issued under (see User.tokenVersion). */
export interface VerifiedToken {
  userId: number;
  version: number;
}

/** What a session token is issued for. */
export interface TokenSubject {
  id: number;
  role: Role;
  tokenVersion: number;
}

/** Verified tokens kept so a token's signature is checked once, not on every request; bounded. */
const VERIFIED_MAX = 10_000;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const USER_ID = /^[1-9][0-9]{0,15}$/;

/**
 * Exactly one encoding of the bytes: the base64url alphabet, no padding, and no stray bits in the last character
 * (decoders ignore them, so "…Q" and "…R" can decode to the same signature). jose decodes leniently in places;
 * this runs first so a token has one spelling and a malleated copy never verifies or enters the cache.
 */
export function isCanonicalBase64url(segment: string): boolean {
  return BASE64URL.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

/**
 * Session tokens are JWTs (RFC 7519) signed and verified with jose, HS256 only (an explicit algorithm list, so
 * "alg: none" or a switched algorithm never verifies). Each carries the user's token version (`ver`); the access
 * policy refuses it once the account's version has moved on (logout, disable, role, scope or password change).
 */
@Injectable()
export class TokenService {
  private readonly key: KeyObject;
  /**
   * token string → user id and version, filled only with tokens jose verified and kept until the token expires
   * (the one TtlCache, its lifetime set per entry); the secret cannot change while the process runs. Revocation is
   * not this cache's concern: the version is compared with the account's on every request.
   */
  private readonly verified = new TtlCache<string, VerifiedToken>({ ttlMs: 1000, maxEntries: VERIFIED_MAX });

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  async issue(subject: TokenSubject): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.config.tokenTtlSeconds;
    const token = await new SignJWT({ role: subject.role, ver: subject.tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(subject.id))
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The user and token version in a valid, unexpired token, or null. */
  async verify(token: string): Promise<VerifiedToken | null> {
    const hit = this.verified.get(token);
    if (hit) return hit;
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every(isCanonicalBase64url)) return null;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], typ: 'JWT', requiredClaims: ['sub', 'iat', 'exp', 'ver'] }));
    } catch {
      return null;
    }
    const { sub, ver, exp } = payload;
    if (typeof sub !== 'string' || !USER_ID.test(sub) || !Number.isSafeInteger(ver) || (ver as number) < 0 || typeof exp !== 'number') return null;
    const verified: VerifiedToken = { userId: Number(sub), version: ver as number };
    const left = exp * 1000 - Date.now();
    if (left > 0) this.verified.set(token, verified, left);
    return verified;
  }
}
