import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStorage } from '../../src/modules/media/storage/local-media.storage';
import type { S3Config } from '../../src/config/app.config';
import { S3MediaStorage } from '../../src/modules/media/storage/s3-media.storage';
import { FakeS3 } from '../support/fake-s3';
import { loopbackDnsAgent, RealS3 } from '../support/s3rver';

const drain = async (s: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const settings = (s: { bucket: string; region: string; accessKeyId: string; secretAccessKey: string }, endpoint: string, more: Partial<S3Config> = {}): S3Config => ({
  endpoint,
  bucket: s.bucket,
  region: s.region,
  accessKeyId: s.accessKeyId,
  secretAccessKey: s.secretAccessKey,
  sessionToken: null,
  forcePathStyle: false,
  maxAttempts: 3,
  ...more,
});

describe(`${S3MediaStorage.name} against s3rver (a real S3 implementation from npm)`, () => {
  let s3: RealS3;
  const agent = loopbackDnsAgent();
  const made: S3MediaStorage[] = [];
  const storage = (endpoint: string, more: Partial<S3Config> = {}) => {
    const s = new S3MediaStorage(settings(s3, endpoint, more), { httpAgent: agent });
    made.push(s);
    return s;
  };
  beforeAll(async () => {
    s3 = await new RealS3().start();
  });
  afterAll(async () => {
    for (const s of made) s.destroy();
    agent.destroy();
    await s3.stop();
  });

  it.each([
    ['path-style', () => storage(s3.endpoint, { forcePathStyle: true })],
    ['virtual-hosted', () => storage(s3.vhostEndpoint, { forcePathStyle: false })],
  ])('puts, gets, streams and deletes objects %s', async (_style, make) => {
    const st = make();
    const body = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    const key = `2026/11/${_style}.jpg`;
    await st.put(key, body, 'image/jpeg');
    expect(await st.get(key)).toEqual(body);
    expect(await drain((await st.getStream(key))!)).toEqual(body);
    await st.delete(key);
    expect(await st.get(key)).toBeNull();
    expect(await st.getStream(key)).toBeNull();
    await expect(st.delete(key)).resolves.toBeUndefined();
  });

  it('finds the bucket from the host name when virtual-hosted (the same object as path-style), and names a missing bucket', async () => {
    await storage(s3.vhostEndpoint).put('2026/11/v.jpg', Buffer.from('v'), 'image/jpeg');
    expect(await storage(s3.endpoint, { forcePathStyle: true }).get('2026/11/v.jpg')).toEqual(Buffer.from('v'));
    await expect(storage(s3.vhostEndpoint, { bucket: 'no-such-bucket' } as Partial<S3Config>).put('2026/11/v.jpg', Buffer.from('v'), 'image/jpeg')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('is refused with an unknown access key', async () => {
    await expect(storage(s3.endpoint, { forcePathStyle: true, accessKeyId: 'NOT-A-KEY' }).get('2026/11/x.jpg')).rejects.toMatchObject({ name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } });
  });
});

describe(`${S3MediaStorage.name} on the wire (FakeS3 checks SigV4 and records headers)`, () => {
  let s3: FakeS3;
  const agent = loopbackDnsAgent();
  const made: S3MediaStorage[] = [];
  const storage = (more: Partial<S3Config> = {}) => {
    const s = new S3MediaStorage(settings(s3, s3.endpoint, { forcePathStyle: true, ...more }), { httpAgent: agent });
    made.push(s);
    return s;
  };
  beforeAll(async () => {
    s3 = await new FakeS3().start();
  });
  afterAll(async () => {
    for (const s of made) s.destroy();
    agent.destroy();
    await s3.stop();
  });
  beforeEach(() => {
    s3.requests.length = 0;
    s3.refused.length = 0;
  });

  it('puts, gets and deletes objects with requests the server accepts as SigV4-signed', async () => {
    const st = storage();
    const body = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    await st.put('2026/11/a.jpg', body, 'image/jpeg');
    expect(s3.objects.get('2026/11/a.jpg')).toEqual({ body, contentType: 'image/jpeg' });
    expect(await st.get('2026/11/a.jpg')).toEqual(body);
    await st.delete('2026/11/a.jpg');
    expect(await st.get('2026/11/a.jpg')).toBeNull();
    expect(s3.refused).toEqual([]);
  });

  it('signs virtual-hosted requests with the bucket in the host name', async () => {
    const st = new S3MediaStorage(settings(s3, s3.vhostEndpoint), { httpAgent: agent });
    made.push(st);
    await st.put('2026/11/vh.jpg', Buffer.from('vh'), 'image/jpeg');
    expect(s3.objects.get('2026/11/vh.jpg')?.body).toEqual(Buffer.from('vh'));
    expect(s3.requests.map((r) => r.style)).toEqual(['virtual-hosted']);
    expect(s3.refused).toEqual([]);
  });

  it('sends the STS session token as a signed x-amz-security-token header', async () => {
    await storage({ sessionToken: 'sts-token-123' }).put('2026/11/t.jpg', Buffer.from('t'), 'image/jpeg');
    expect(s3.requests).toEqual([{ method: 'PUT', style: 'path', sessionToken: 'sts-token-123', tokenSigned: true }]);
    await storage().put('2026/11/u.jpg', Buffer.from('u'), 'image/jpeg');
    expect(s3.requests[1].sessionToken).toBeNull();
  });

  it('retries a throttled request (503 SlowDown) up to maxAttempts, then gives up', async () => {
    s3.failNext = 2;
    await storage({ maxAttempts: 3 }).put('2026/11/r.jpg', Buffer.from('r'), 'image/jpeg');
    expect(s3.requests).toHaveLength(3);
    expect(s3.objects.get('2026/11/r.jpg')?.body).toEqual(Buffer.from('r'));
    s3.requests.length = 0;
    s3.failNext = 5;
    await expect(storage({ maxAttempts: 2 }).put('2026/11/s.jpg', Buffer.from('s'), 'image/jpeg')).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    expect(s3.requests).toHaveLength(2);
    s3.failNext = 0;
  });

  it('is refused with a wrong secret (the fake really checks the signature), without retrying', async () => {
    await expect(storage({ secretAccessKey: 'not-the-secret' }).put('2026/11/b.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    expect(s3.refused).toEqual(['SignatureDoesNotMatch']);
    expect(s3.requests).toHaveLength(1);
  });

  it('corrects a clock an hour off from the server\'s time, retries, and keeps the correction', async () => {
    s3.clockOffsetMs = 3600_000;
    try {
      const st = storage();
      await st.put('2026/11/c.jpg', Buffer.from('c'), 'image/jpeg');
      expect(s3.refused).toEqual(['request time too skewed']);
      expect(s3.objects.get('2026/11/c.jpg')?.body).toEqual(Buffer.from('c'));
      await st.put('2026/11/d.jpg', Buffer.from('d'), 'image/jpeg');
      expect(s3.refused).toHaveLength(1);
    } finally {
      s3.clockOffsetMs = 0;
    }
  });

  it('never builds a key that leaves the bucket prefix', async () => {
    await expect(storage().get('../etc/passwd')).rejects.toThrow(/Unsafe media key/);
    expect(s3.requests).toEqual([]);
  });
});

describe(LocalMediaStorage.name, () => {
  it('writes, reads back and deletes files under its root, refusing keys that escape it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'xjy-media-'));
    try {
      const storage = new LocalMediaStorage(root);
      await storage.put('2026/11/x.jpg', Buffer.from('abc'));
      expect(await storage.get('2026/11/x.jpg')).toEqual(Buffer.from('abc'));
      expect(await drain((await storage.getStream('2026/11/x.jpg'))!)).toEqual(Buffer.from('abc'));
      await storage.delete('2026/11/x.jpg');
      expect(await storage.get('2026/11/x.jpg')).toBeNull();
      expect(await storage.getStream('2026/11/x.jpg')).toBeNull();
      await expect(storage.get('../x')).rejects.toThrow(/Unsafe/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
