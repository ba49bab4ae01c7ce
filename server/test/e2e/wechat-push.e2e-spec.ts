import { randomBytes } from 'node:crypto';
import { Media } from '../../src/modules/media/media.entity';
import { photoWithExif, upload } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

jest.setTimeout(90_000);

const PUSH_TOKEN = 'push-token-for-tests';
/** An EncodingAESKey as the console makes one: 43 base64 characters of 32 random bytes. */
const AES_KEY = randomBytes(32).toString('base64').slice(0, 43);
const now = () => Math.floor(Date.now() / 1000);

/** A photo whose asynchronous check is pending under a fresh trace id, as after mediaCheckAsync. */
async function pendingPhoto(t: TestApp, token: string): Promise<{ id: number; traceId: string }> {
  const up = await upload(t, token, await photoWithExif());
  expect(up.status).toBe(201);
  const traceId = `trace_${randomBytes(8).toString('hex')}`;
  await t.ds.getRepository(Media).update({ id: up.body.id }, { checkStatus: 'pending', checkTraceId: traceId });
  return { id: up.body.id, traceId };
}

const checkStatus = async (t: TestApp, id: number) => (await t.ds.getRepository(Media).findOneByOrFail({ id })).checkStatus;

describe.each(TEST_DRIVERS)('WeChat message push (%s)', (driver) => {
  describe('plain mode', () => {
    let t: TestApp;
    let rider: string;
    let url: string;

    beforeAll(async () => {
      t = await startTestApp(driver, { WECHAT_PUSH_TOKEN: PUSH_TOKEN });
      rider = (await t.loginAs('rider')).token;
      url = `${t.baseUrl}/api/wechat/push`;
    });
    afterAll(() => t?.close());

    it('takes a fresh signed push once and refuses the same push again (409 push_replayed), changing nothing', async () => {
      const photo = await pendingPhoto(t, rider);
      const push = t.wechat.signPush(t.wechat.mediaCheckEvent(photo.traceId, 'risky'), { token: PUSH_TOKEN });
      expect(await t.wechat.sendPush(url, push)).toEqual({ status: 200, body: 'success' });
      expect(await checkStatus(t, photo.id)).toBe('risky');
      await t.ds.getRepository(Media).update({ id: photo.id }, { checkStatus: 'pending' });
      const again = await t.wechat.sendPush(url, push);
      expect(again.status).toBe(409);
      expect(JSON.parse(again.body).code).toBe('push_replayed');
      expect(await checkStatus(t, photo.id)).toBe('pending');
    });

    it('refuses a correctly signed push whose timestamp is more than five minutes old or ahead (401 push_stale)', async () => {
      const photo = await pendingPhoto(t, rider);
      for (const timestamp of [now() - 600, now() + 600]) {
        const r = await t.wechat.sendPush(url, t.wechat.signPush(t.wechat.mediaCheckEvent(photo.traceId, 'pass'), { token: PUSH_TOKEN, timestamp: String(timestamp) }));
        expect(r.status).toBe(401);
        expect(JSON.parse(r.body).code).toBe('push_stale');
      }
      expect(await checkStatus(t, photo.id)).toBe('pending');
    });

    it('refuses a wrong signature, and an odd-length multibyte one, with 401 rather than a 500', async () => {
      const photo = await pendingPhoto(t, rider);
      const wrong = t.wechat.signPush(t.wechat.mediaCheckEvent(photo.traceId, 'pass'), { token: 'not-the-token' });
      // 40 characters, 41 bytes: the old length check let it through to timingSafeEqual, which threw.
      const multibyte = { ...wrong, query: { ...wrong.query, signature: `${'a'.repeat(39)}é` } };
      const missing = { ...wrong, query: { timestamp: wrong.query.timestamp, nonce: wrong.query.nonce } };
      for (const push of [wrong, multibyte, missing]) {
        const r = await t.wechat.sendPush(url, push);
        expect(r.status).toBe(401);
        expect(JSON.parse(r.body)).toMatchObject({ code: 'push_signature_invalid' });
      }
      const get = await t.http('GET', `/api/wechat/push?signature=${encodeURIComponent(`${'b'.repeat(39)}ü`)}&timestamp=${now()}&nonce=1&echostr=x`);
      expect(get.status).toBe(401);
      expect(await checkStatus(t, photo.id)).toBe('pending');
    });

    it('answers the URL check only when it is signed and fresh', async () => {
      const ok = t.wechat.signPush({}, { token: PUSH_TOKEN });
      const qs = (q: Record<string, string>) => new URLSearchParams({ ...q, echostr: 'echo-123' }).toString();
      const r = await t.http('GET', `/api/wechat/push?${qs(ok.query)}`);
      expect(r).toMatchObject({ status: 200, body: 'echo-123' });
      const stale = t.wechat.signPush({}, { token: PUSH_TOKEN, timestamp: String(now() - 3600) });
      expect((await t.http('GET', `/api/wechat/push?${qs(stale.query)}`)).status).toBe(401);
    });
  });

  describe('safe mode (WECHAT_PUSH_AES_KEY)', () => {
    let t: TestApp;
    let rider: string;
    let url: string;

    beforeAll(async () => {
      t = await startTestApp(driver, { WECHAT_PUSH_TOKEN: PUSH_TOKEN, WECHAT_PUSH_AES_KEY: AES_KEY });
      rider = (await t.loginAs('rider')).token;
      url = `${t.baseUrl}/api/wechat/push`;
    });
    afterAll(() => t?.close());

    it('decrypts a push encrypted and signed as WeChat does, and refuses it replayed', async () => {
      const photo = await pendingPhoto(t, rider);
      const push = t.wechat.signPush(t.wechat.mediaCheckEvent(photo.traceId, 'risky'), { token: PUSH_TOKEN, encodingAesKey: AES_KEY });
      expect(Object.keys(push.body).sort()).toEqual(['Encrypt', 'ToUserName']);
      expect(await t.wechat.sendPush(url, push)).toEqual({ status: 200, body: 'success' });
      expect(await checkStatus(t, photo.id)).toBe('risky');
      await t.ds.getRepository(Media).update({ id: photo.id }, { checkStatus: 'pending' });
      expect((await t.wechat.sendPush(url, push)).status).toBe(409);
      expect(await checkStatus(t, photo.id)).toBe('pending');
    });

    it('refuses a plain push, even one correctly signed (401 push_plaintext_refused)', async () => {
      const photo = await pendingPhoto(t, rider);
      const r = await t.wechat.sendPush(url, t.wechat.signPush(t.wechat.mediaCheckEvent(photo.traceId, 'pass'), { token: PUSH_TOKEN }));
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).code).toBe('push_plaintext_refused');
      expect(await checkStatus(t, photo.id)).toBe('pending');
    });

    it('refuses an Encrypt field the msg_signature does not cover, one sealed with another key, and a stale one', async () => {
      const photo = await pendingPhoto(t, rider);
      const event = t.wechat.mediaCheckEvent(photo.traceId, 'pass');
      const other = t.wechat.signPush(t.wechat.mediaCheckEvent(photo.traceId, 'risky'), { token: PUSH_TOKEN, encodingAesKey: AES_KEY });
      const swapped = { ...t.wechat.signPush(event, { token: PUSH_TOKEN, encodingAesKey: AES_KEY }), body: other.body };
      const r1 = await t.wechat.sendPush(url, swapped);
      expect(r1.status).toBe(401);
      expect(JSON.parse(r1.body).code).toBe('push_signature_invalid');
      // Someone who knows the token but not the key: the signature holds, the content does not decrypt.
      const wrongKey = t.wechat.signPush(event, { token: PUSH_TOKEN, encodingAesKey: randomBytes(32).toString('base64').slice(0, 43) });
      const r2 = await t.wechat.sendPush(url, wrongKey);
      expect(r2.status).toBe(400);
      expect(JSON.parse(r2.body).code).toBe('push_decrypt_failed');
      const stale = await t.wechat.sendPush(url, t.wechat.signPush(event, { token: PUSH_TOKEN, encodingAesKey: AES_KEY, timestamp: String(now() - 900) }));
      expect(stale.status).toBe(401);
      expect(JSON.parse(stale.body).code).toBe('push_stale');
      const multibyte = t.wechat.signPush(event, { token: PUSH_TOKEN, encodingAesKey: AES_KEY });
      const r3 = await t.wechat.sendPush(url, { ...multibyte, query: { ...multibyte.query, msg_signature: `${'c'.repeat(39)}ß` } });
      expect(r3.status).toBe(401);
      expect(await checkStatus(t, photo.id)).toBe('pending');
    });
  });
});
