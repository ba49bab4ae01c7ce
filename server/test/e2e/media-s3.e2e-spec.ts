import sharp from 'sharp';
import { FakeS3 } from '../support/fake-s3';
import { photoWithExif, upload } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';

describe('photos stored in S3-compatible storage', () => {
  let s3: FakeS3;
  let t: TestApp;
  beforeAll(async () => {
    s3 = await new FakeS3().start();
    t = await startTestApp('embedded', {
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  it('stores the re-encoded photo and thumbnail as signed objects without EXIF and serves them back', async () => {
    const { token } = await t.loginAs('streamer');
    const r = await upload(t, token, await photoWithExif({ width: 800, height: 600 }));
    expect(r.status).toBe(201);
    expect(s3.objects.size).toBe(2);
    expect(s3.refused).toEqual([]);
    for (const o of s3.objects.values()) {
      expect(o.contentType).toBe('image/jpeg');
      expect((await sharp(o.body).metadata()).exif).toBeUndefined();
    }
    const res = await fetch(new URL(r.body.url, t.baseUrl));
    expect(res.status).toBe(200);
    const served = Buffer.from(await res.arrayBuffer());
    expect([...s3.objects.values()].some((o) => o.body.equals(served))).toBe(true);
  });
});
