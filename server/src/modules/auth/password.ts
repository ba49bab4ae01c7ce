import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { AppException } from '../../common/app.exception';
import { BoundedSemaphore, SemaphoreFullError } from './bounded-semaphore';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

// scrypt with N=2^15 costs ~50–100 ms per guess on this class of machine: slow enough to resist offline guessing.
const PARAMS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

/**
 * Every scrypt call goes through here. Each takes one libuv pool thread (4 by default) for ~50–100 ms and 32 MB;
 * 80 parallel bogus logins used to take every thread and stall the rest of the server for seconds. Two run at
 * once, 32 more may wait (about a second and a half of work); beyond that callers are refused at once
 * with 503 server_busy rather than queued without bound.
 */
export const passwordHashing = new BoundedSemaphore('password hashing', 2, 32);

async function boundedScrypt(password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }): Promise<Buffer> {
  try {
    return await passwordHashing.run(() => scrypt(password, salt, keylen, options));
  } catch (e) {
    if (e instanceof SemaphoreFullError) throw new AppException('server_busy');
    throw e;
  }
}

/** Encoded as scrypt$N$r$p$salt$hash (base64) so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await boundedScrypt(password, salt, KEYLEN, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, encoded: string | null): Promise<boolean> {
  if (!encoded) return false;
  const [alg, n, r, p, saltB64, hashB64] = encoded.split('$');
  if (alg !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await boundedScrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to compare against when the username does not exist, so both paths cost the same. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  // A refused first attempt (queue full) must not leave a rejected promise cached for every later login.
  dummyHash.catch(() => {
    dummyHash = null;
  });
  return dummyHash;
}
