import { createCipheriv, randomBytes } from 'node:crypto';
import { decryptPush, InMemoryPushReplayGuard, isFresh, parseEncodingAesKey, PushDecryptError, signatureMatches } from './wechat-push-crypto';

describe('signatureMatches', () => {
  it('compares equal-length byte strings and refuses, without throwing, ones of another byte length', () => {
    const sig = 'a'.repeat(40);
    expect(signatureMatches(sig, sig)).toBe(true);
    expect(signatureMatches(`${'a'.repeat(39)}b`, sig)).toBe(false);
    expect(signatureMatches(`${'a'.repeat(39)}é`, sig)).toBe(false);
    expect(signatureMatches(undefined, sig)).toBe(false);
  });
});

describe('isFresh', () => {
  it('takes whole seconds within five minutes either way', () => {
    const nowMs = 1_800_000_000_000;
    expect(isFresh('1800000000', nowMs)).toBe(true);
    expect(isFresh(String(1_800_000_000 - 300), nowMs)).toBe(true);
    expect(isFresh(String(1_800_000_000 - 301), nowMs)).toBe(false);
    expect(isFresh(String(1_800_000_000 + 301), nowMs)).toBe(false);
    for (const bad of ['', '1e9', '-5', '1800000000.5', undefined]) expect(isFresh(bad, nowMs)).toBe(false);
  });
});

describe('decryptPush', () => {
  const encodingAesKey = randomBytes(32).toString('base64').slice(0, 43);
  const key = parseEncodingAesKey(encodingAesKey)!;
  const seal = (plain: Buffer) => {
    const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    c.setAutoPadding(false);
    return Buffer.concat([c.update(plain), c.final()]).toString('base64');
  };
  const frame = (msg: string, appId: string) => {
    const m = Buffer.from(msg);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(m.length);
    const plain = Buffer.concat([randomBytes(16), len, m, Buffer.from(appId)]);
    const pad = 32 - (plain.length % 32);
    return Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  };

  it('reads the message and appid of a 32-byte-padded frame', () => {
    expect(decryptPush(seal(frame('{"Event":"x"}', 'wx123')), key)).toEqual({ message: '{"Event":"x"}', appId: 'wx123' });
  });

  it('refuses broken base64, partial blocks, bad padding and a length past the end with PushDecryptError', () => {
    const badPad = frame('{}', 'wx');
    badPad[badPad.length - 1] = 0;
    const badLen = frame('{}', 'wx');
    badLen.writeUInt32BE(10_000, 16);
    for (const enc of ['not base64!', Buffer.alloc(10).toString('base64'), seal(badPad), seal(badLen)]) {
      expect(() => decryptPush(enc, key)).toThrow(PushDecryptError);
    }
  });

  it('needs a 43-character EncodingAESKey', () => {
    expect(parseEncodingAesKey('short')).toBeNull();
    expect(parseEncodingAesKey(`${encodingAesKey}=`)).toBeNull();
  });
});

describe(InMemoryPushReplayGuard.name, () => {
  it('refuses a key seen within its lifetime, takes it again after, and stays within its cap', () => {
    const guard = new InMemoryPushReplayGuard(3);
    expect(guard.firstSeen('a', 1000, 0)).toBe(true);
    expect(guard.firstSeen('a', 1000, 999)).toBe(false);
    expect(guard.firstSeen('a', 1000, 1000)).toBe(true);
    for (const k of ['b', 'c', 'd', 'e']) guard.firstSeen(k, 1000, 1500);
    expect(guard.size).toBeLessThanOrEqual(3);
    expect(guard.firstSeen('e', 1000, 1600)).toBe(false);
  });
});
