import sharp from 'sharp';
import { FakeS3 } from '../support/fake-s3';
import { photoWithExif, upload } from '../support/reports-helpers';
import { RealS3 } from '../support/s3rver';
import { startTestApp, TestApp } from '../support/test-app';

// Boots two apps; on a loaded machine that takes longer than jest's default 5 s.
jest.setTimeout(60_000);

const s3Env = (s: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string }, more: Record<string, string> = {}) => ({
  S3_ENDPOINT: s.endpoint,
  S3_BUCKET: s.bucket,
  S3_REGION: s.region,
  S3_ACCESS_KEY_ID: s.accessKeyId,
  S3_SECRET_ACCESS_KEY: s.secretAccessKey,
  S3_FORCE_PATH_STYLE: 'true',
  ...more,
});

describe('photos stored in S3-compatible storage (FakeS3 checks every signature)', () => {
  let s3: FakeS3;
  let t: TestApp;
  beforeAll(async () => {
    s3 = await new FakeS3().start();
    t = await startTestApp('embedded', s3Env(s3, { S3_SESSION_TOKEN: 'sts-session-token' }));
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
    expect(s3.requests.length).toBeGreaterThanOrEqual(3);
    expect(s3.requests.every((q) => q.sessionToken === 'sts-session-token' && q.tokenSigned)).toBe(true);
  });
});

describe('photos stored in s3rver (an S3 implementation this project did not write)', () => {
  let s3: RealS3;
  let t: TestApp;
  beforeAll(async () => {
    s3 = await new RealS3().start();
    t = await startTestApp('embedded', s3Env(s3));
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  it('uploads a photo and serves the stored thumbnail and full image back', async () => {
    const { token } = await t.loginAs('streamer');
    const r = await upload(t, token, await photoWithExif({ width: 800, height: 600 }));
    expect(r.status).toBe(201);
    for (const url of [r.body.url, r.body.thumbUrl]) {
      const res = await fetch(new URL(url, t.baseUrl));
      expect(res.status).toBe(200);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
    }
  });
});
