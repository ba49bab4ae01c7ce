import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** How far a push's timestamp may be from this server's clock, either way. */
export const PUSH_FRESHNESS_S = 300;

/** WeChat's push signatures: sha1 (hex) of the parts sorted as strings and joined. */
export function pushSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/**
 * Constant-time comparison of a signature from the query with the expected one. Compared as bytes of equal length
 * only: a string of 40 characters can be more than 40 bytes (multibyte), which timingSafeEqual refuses by throwing.
 */
export function signatureMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The timestamp is whole seconds within PUSH_FRESHNESS_S of now. */
export function isFresh(timestamp: string | undefined, nowMs: number): boolean {
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= PUSH_FRESHNESS_S;
}

/**
 * The 32-byte key of safe mode from the 43-character EncodingAESKey (base64 without its trailing "="), or null when
 * the value cannot be one.
 */
export function parseEncodingAesKey(encodingAesKey: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) return null;
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  return key.length === 32 ? key : null;
}

export class PushDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushDecryptError';
  }
}

/**
 * Safe mode's `Encrypt` field: AES-256-CBC with the key and its first 16 bytes as IV, padded PKCS#7-style to 32-byte
 * blocks; the plaintext is 16 random bytes, the message length (4 bytes, big-endian), the message and the appid.
 */
export function decryptPush(encrypt: string, key: Buffer): { message: string; appId: string } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) throw new PushDecryptError('Encrypt is not base64');
  const data = Buffer.from(encrypt, 'base64');
  if (!data.length || data.length % 16 !== 0) throw new PushDecryptError('Encrypt is not whole AES blocks');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new PushDecryptError('Encrypt does not decrypt');
  }
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > 32 || pad > plain.length || !plain.subarray(plain.length - pad).every((b) => b === pad)) throw new PushDecryptError('bad padding');
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) throw new PushDecryptError('too short');
  const len = body.readUInt32BE(16);
  if (20 + len > body.length) throw new PushDecryptError('bad message length');
  return { message: body.subarray(20, 20 + len).toString('utf8'), appId: body.subarray(20 + len).toString('utf8') };
}

/**
 * Remembers which pushes were already taken, so the same (timestamp, nonce) is refused while it is still fresh.
 * In process without Redis; with REDIS_URL, SharedPushReplayGuard keeps one memory for every instance.
 */
export interface PushReplayGuard {
  /** True the first time a key is seen within ttlMs, false for every repeat. */
  firstSeen(key: string, ttlMs: number, nowMs: number): boolean | Promise<boolean>;
}

/** A bounded map in insertion order (oldest first): expired entries and, past the cap, the oldest are dropped. */
export class InMemoryPushReplayGuard implements PushReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 10_000) {}

  firstSeen(key: string, ttlMs: number, nowMs: number): boolean {
    const until = this.seen.get(key);
    if (until !== undefined && until > nowMs) return false;
    this.seen.delete(key);
    for (const [k, u] of this.seen) {
      if (u > nowMs && this.seen.size < this.maxEntries) break;
      this.seen.delete(k);
    }
    this.seen.set(key, nowMs + ttlMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
