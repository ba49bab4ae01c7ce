import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStorage } from '../../src/modules/media/storage/local-media.storage';
import { S3MediaStorage } from '../../src/modules/media/storage/s3-media.storage';
import { FakeS3 } from '../support/fake-s3';

describe(S3MediaStorage.name, () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await new FakeS3().start();
  });
  afterAll(async () => {
    await s3.stop();
  });
  const settings = () => ({ endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });

  it('puts, gets and deletes objects with requests the server accepts as SigV4-signed', async () => {
    const storage = new S3MediaStorage(settings());
    const body = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    await storage.put('2026/11/a.jpg', body, 'image/jpeg');
    expect(s3.objects.get('2026/11/a.jpg')).toEqual({ body, contentType: 'image/jpeg' });
    expect(await storage.get('2026/11/a.jpg')).toEqual(body);
    await storage.delete('2026/11/a.jpg');
    expect(await storage.get('2026/11/a.jpg')).toBeNull();
    expect(s3.refused).toEqual([]);
  });

  it('is refused with a wrong secret (the fake really checks the signature)', async () => {
    const storage = new S3MediaStorage({ ...settings(), secretAccessKey: 'not-the-secret' });
    await expect(storage.put('2026/11/b.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/403/);
    expect(s3.refused.at(-1)).toBe('SignatureDoesNotMatch');
  });

  it('is refused with a clock far off', async () => {
    const storage = new S3MediaStorage(settings(), () => new Date(Date.now() - 3600_000));
    await expect(storage.get('2026/11/c.jpg')).rejects.toThrow(/403/);
    expect(s3.refused.at(-1)).toBe('request time too skewed');
  });

  it('never builds a key that leaves the bucket prefix', async () => {
    await expect(new S3MediaStorage(settings()).get('../etc/passwd')).rejects.toThrow(/Unsafe media key/);
  });
});

describe(LocalMediaStorage.name, () => {
  it('writes, reads back and deletes files under its root, refusing keys that escape it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'xjy-media-'));
    try {
      const storage = new LocalMediaStorage(root);
      await storage.put('2026/11/x.jpg', Buffer.from('abc'));
      expect(await storage.get('2026/11/x.jpg')).toEqual(Buffer.from('abc'));
      await storage.delete('2026/11/x.jpg');
      expect(await storage.get('2026/11/x.jpg')).toBeNull();
      await expect(storage.get('../x')).rejects.toThrow(/Unsafe/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
