import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { PointsEntry } from '../../src/modules/points/points-entry.entity';
import { Report } from '../../src/modules/reports/report.entity';
import { centerOf, createReport, photoWithExif, upload, uploadPhoto } from '../support/reports-helpers';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const TEMPLATE = 'tmpl_report_status_001';
const PUSH_TOKEN = 'push-token-for-tests';

describe.each(TEST_DRIVERS)('随手拍 reports over HTTP (%s)', (driver) => {
  let t: TestApp;
  let streamer: string;
  let rider: string;
  let staff: string;
  let admin: string;
  let openidSeq = 0;

  /** A worker who logged in through WeChat, so content security and subscribe messages apply to them. */
  const wechatWorker = async () => {
    const openid = `openid-report-${++openidSeq}-${randomUUID().slice(0, 6)}`;
    const r = await t.http('POST', '/api/auth/wechat', { body: { code: t.wechat.issueCode(openid) } });
    return { token: r.body.token as string, id: r.body.user.id as number, openid };
  };
  const fetchBytes = async (url: string) => {
    const res = await fetch(url.startsWith('http') ? url : t.baseUrl + url);
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const balance = async (token: string) => (await t.http('GET', '/api/points/me', { token })).body.balance as number;
  const entriesFor = (reportId: number) => t.ds.getRepository(PointsEntry).find({ where: { sourceType: 'report', sourceId: reportId }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp(driver, { WECHAT_TMPL_REPORT_STATUS: TEMPLATE, WECHAT_PUSH_TOKEN: PUSH_TOKEN, REPORT_POINTS_DAILY_CAP: '30' });
    [streamer, rider, staff, admin] = await Promise.all(['streamer', 'rider', 'staff', 'admin'].map(async (a) => (await t.loginAs(a as 'rider')).token));
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('photos', () => {
    it('re-encodes an upload: no EXIF or GPS stored, turned upright, and a 400 px thumbnail', async () => {
      const original = await photoWithExif({ width: 640, height: 480, orientation: 6 });
      expect((await sharp(original).metadata()).exif).toBeDefined();
      const r = await upload(t, streamer, original);
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ id: expect.any(Number), url: expect.stringContaining(`/api/media/${r.body.id}/file?`), thumbUrl: expect.any(String), width: 480, height: 640 });
      const file = await fetchBytes(r.body.url);
      expect(file.status).toBe(200);
      expect(file.type).toBe('image/jpeg');
      const meta = await sharp(file.bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([480, 640]);
      expect(file.bytes.includes(Buffer.from('TestPhone'))).toBe(false);
      const thumb = await sharp((await fetchBytes(r.body.thumbUrl)).bytes).metadata();
      expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(400);
      expect(thumb.exif).toBeUndefined();
    });

    it('shrinks the longest side to 2048 px and accepts PNG and WebP by their bytes', async () => {
      const big = await sharp({ create: { width: 3000, height: 1200, channels: 3, background: '#3a6' } }).png().toBuffer();
      const r = await upload(t, streamer, big, 'screenshot.png', 'image/png');
      expect(r.status).toBe(201);
      expect([r.body.width, r.body.height]).toEqual([2048, 819]);
      const webp = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#a36' } }).webp().toBuffer();
      // The name and the declared type are wrong on purpose: only the bytes count.
      expect((await upload(t, streamer, webp, 'x.bin', 'application/octet-stream')).status).toBe(201);
    });

    it('accepts an iPhone HEIC (HEVC) and stores it as an upright JPEG without EXIF', async () => {
      const heic = readFileSync(join(__dirname, '../fixtures/iphone-style.heic'));
      const r = await upload(t, streamer, heic, 'IMG_0001.HEIC', 'image/heic');
      expect(r.status).toBe(201);
      expect([r.body.width, r.body.height]).toEqual([480, 640]);
      const file = await fetchBytes(r.body.url);
      expect(file.type).toBe('image/jpeg');
      const meta = await sharp(file.bytes).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif, meta.orientation]).toEqual(['jpeg', 480, 640, undefined, undefined]);
      expect(file.bytes.includes(Buffer.from('Apple'))).toBe(false);
    });

    it('refuses a HEIC with a garbage body with 415', async () => {
      const garbage = Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(4000, 7)]);
      const r = await upload(t, streamer, garbage, 'IMG_0002.HEIC', 'image/heic');
      expect(r.status).toBe(415);
      expect(r.body.code).toBe('unsupported_media_type');
    });

    it('refuses a file renamed to .jpg with 415 and keeps nothing', async () => {
      const r = await upload(t, streamer, Buffer.from('this is plain text, not a photo'.repeat(20)), 'photo.jpg', 'image/jpeg');
      expect(r.status).toBe(415);
      expect(r.body.code).toBe('unsupported_media_type');
    });

    it('refuses a broken JPEG with 415', async () => {
      const r = await upload(t, streamer, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]));
      expect(r.status).toBe(415);
    });

    it('refuses 11 MB with 413 payload_too_large', async () => {
      const bytes = Buffer.concat([await photoWithExif(), Buffer.alloc(11 * 1024 * 1024, 1)]);
      const r = await upload(t, streamer, bytes);
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('payload_too_large');
    });

    it('serves a photo only by a link the server signed', async () => {
      const id = await uploadPhoto(t, streamer);
      expect((await fetchBytes(`/api/media/${id}/file?exp=9999999999&sig=forged`)).status).toBe(404);
      expect((await fetchBytes(`/api/media/${id}/file`)).status).toBe(404);
    });
  });

  describe('sending a report', () => {
    it('creates a report routed to the grid whose boundary holds the point, with its photo and timeline', async () => {
      const grid = await centerOf(t, '13018400100203');
      const r = await createReport(t, streamer, { lat: grid.lat, lng: grid.lng, category: 'hazard', description: '井盖松动' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ status: 'submitted', statusGroup: 'open', category: 'hazard', categoryLabel: '安全隐患', areaId: grid.id, overdue: false, flagged: false });
      expect(r.body.photos).toHaveLength(1);
      expect(r.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created']);
      expect(new Date(r.body.acceptDueAt).getTime() - new Date(r.body.createdAt).getTime()).toBeCloseTo(4 * 3600_000, -4);
    });

    it('routes a point outside every grid to the nearest community', async () => {
      const c = await centerOf(t, '13018400100101');
      const district = await centerOf(t, '130184');
      // North of 新乐's demo district rectangle (3.6 km half-height), within reach of its northern communities.
      const r = await createReport(t, streamer, { lat: district.lat + 0.045, lng: c.lng });
      expect(r.status).toBe(201);
      const area = await t.http('GET', `/api/areas/${r.body.areaId}`, { token: admin });
      expect(area.body.level).toBe('community');
    });

    it('returns the same report for the same Idempotency-Key, even sent concurrently', async () => {
      const key = randomUUID();
      const mediaIds = [await uploadPhoto(t, streamer)];
      const rs = await Promise.all(Array.from({ length: 6 }, () => createReport(t, streamer, { mediaIds }, key)));
      expect(rs.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(rs.map((r) => r.body.id)).size).toBe(1);
      expect(await t.ds.getRepository(Report).countBy({ idempotencyKey: key })).toBe(1);
      const later = await createReport(t, streamer, { mediaIds }, key);
      expect(later.body.id).toBe(rs[0].body.id);
    });

    it('treats the same key from another user as another report', async () => {
      const key = randomUUID();
      const a = await createReport(t, streamer, {}, key);
      const b = await createReport(t, rider, {}, key);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it.each([
      ['no Idempotency-Key', async () => t.http('POST', '/api/reports', { token: streamer, body: { category: 'traffic', description: 'x', lat: 38.34, lng: 114.68, mediaIds: [1] } }), 'idempotency_key_required'],
      ['4 photos', async () => createReport(t, streamer, { mediaIds: await Promise.all([1, 2, 3, 4].map(() => uploadPhoto(t, streamer))) }), 'validation_failed'],
      ['no photo', async () => createReport(t, streamer, { mediaIds: [] }), 'validation_failed'],
      ['text over 500 characters', async () => createReport(t, streamer, { description: '长'.repeat(501) }), 'validation_failed'],
      ['coordinates outside China', async () => createReport(t, streamer, { lat: 48.85, lng: 2.35 }), 'validation_failed'],
    ])('refuses %s with 400 and creates nothing', async (_name, send, code) => {
      const before = await t.ds.getRepository(Report).count();
      const r = await send();
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(code);
      expect(await t.ds.getRepository(Report).count()).toBe(before);
    });

    // Every *_not_found is 404 in the catalogue, also when the missing thing is named in the body (issue 14).
    it('refuses an unknown category with 404 category_not_found naming the field, and creates nothing', async () => {
      const before = await t.ds.getRepository(Report).count();
      const r = await createReport(t, streamer, { category: 'nope' });
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('category_not_found');
      expect(r.body.details.fields).toEqual([{ field: 'category', message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
      expect(await t.ds.getRepository(Report).count()).toBe(before);
    });

    it("refuses another user's photo with 404 and leaves the photo unattached", async () => {
      const ridersPhoto = await uploadPhoto(t, rider);
      const r = await createReport(t, streamer, { mediaIds: [ridersPhoto] });
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('media_not_found');
      expect((await createReport(t, rider, { mediaIds: [ridersPhoto] })).status).toBe(201);
    });

    it('refuses a photo already used by another report with 409', async () => {
      const id = await uploadPhoto(t, streamer);
      expect((await createReport(t, streamer, { mediaIds: [id] })).status).toBe(201);
      const again = await createReport(t, streamer, { mediaIds: [id] });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('media_already_attached');
    });
  });

  describe('nearby and 我也看到', () => {
    it('offers open reports of the category within 250 m without reporter or photos; a witness raises priority, earns nothing', async () => {
      const at = await centerOf(t, '13018400100104');
      const r = await createReport(t, streamer, { lat: at.lat, lng: at.lng, category: 'facility' });
      const near = await t.http('GET', `/api/reports/nearby?lat=${at.lat + 0.001}&lng=${at.lng}&category=facility`, { token: rider });
      expect(near.status).toBe(200);
      const hit = near.body.items.find((x: { id: number }) => x.id === r.body.id);
      expect(hit).toMatchObject({ category: 'facility', distanceM: expect.any(Number) });
      expect(hit.distanceM).toBeLessThanOrEqual(250);
      expect(hit).not.toHaveProperty('reporter');
      expect(hit).not.toHaveProperty('photos');
      const far = await t.http('GET', `/api/reports/nearby?lat=${at.lat + 0.004}&lng=${at.lng}&category=facility`, { token: rider });
      expect(far.body.items.map((x: { id: number }) => x.id)).not.toContain(r.body.id);
      const other = await t.http('GET', `/api/reports/nearby?lat=${at.lat}&lng=${at.lng}&category=traffic`, { token: rider });
      expect(other.body.items.map((x: { id: number }) => x.id)).not.toContain(r.body.id);

      const riderBefore = await balance(rider);
      // 我也看到 carries where the user is now: here, the point the nearby list was asked for.
      const here = { lat: at.lat + 0.001, lng: at.lng };
      const w1 = await t.http('POST', `/api/reports/${r.body.id}/witness`, { token: rider, body: here });
      const w2 = await t.http('POST', `/api/reports/${r.body.id}/witness`, { token: rider, body: here });
      expect([w1.status, w2.status]).toEqual([200, 200]);
      expect(w2.body.witnessCount).toBe(1);
      expect(await balance(rider)).toBe(riderBefore);
      const own = await t.http('POST', `/api/reports/${r.body.id}/witness`, { token: streamer, body: here });
      expect(own.status).toBe(400);
      const detail = await t.http('GET', `/api/reports/${r.body.id}`, { token: staff });
      expect(detail.body.priority).toBe(1);
      expect(detail.body.timeline.find((e: { type: string }) => e.type === 'witnessed').actor).toBeNull();
    });

    it('refuses 我也看到 from farther than 250 m as if the report did not exist, and records nothing', async () => {
      const at = await centerOf(t, '13018400100104');
      const r = await createReport(t, streamer, { lat: at.lat, lng: at.lng, category: 'facility' });
      // About 445 m north: the nearby list there does not offer the report.
      const far = await t.http('POST', `/api/reports/${r.body.id}/witness`, { token: rider, body: { lat: at.lat + 0.004, lng: at.lng } });
      expect({ status: far.status, code: far.body.code }).toEqual({ status: 404, code: 'report_not_found' });
      expect(JSON.stringify(far.body)).not.toContain('路口电动车逆行');
      const missing = await t.http('POST', '/api/reports/99999999/witness', { token: rider, body: { lat: at.lat + 0.004, lng: at.lng } });
      expect({ status: missing.status, body: missing.body.code }).toEqual({ status: far.status, body: far.body.code });
      const unplaced = await t.http('POST', `/api/reports/${r.body.id}/witness`, { token: rider });
      expect({ status: unplaced.status, code: unplaced.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      const detail = await t.http('GET', `/api/reports/${r.body.id}`, { token: staff });
      expect(detail.body).toMatchObject({ witnessCount: 0, priority: 0 });
      expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created']);
    });

    it('refuses 我也看到 on a report older than the nearby list reaches back (7 days)', async () => {
      const at = await centerOf(t, '13018400100104');
      const r = await createReport(t, streamer, { lat: at.lat, lng: at.lng, category: 'facility' });
      await t.ds.getRepository(Report).update({ id: r.body.id }, { createdAt: new Date(Date.now() - 8 * 24 * 3600_000) });
      const w = await t.http('POST', `/api/reports/${r.body.id}/witness`, { token: rider, body: { lat: at.lat, lng: at.lng } });
      expect({ status: w.status, code: w.body.code }).toEqual({ status: 404, code: 'report_not_found' });
    });

    it('confirms a near report of any category (the nearby list offers each category on request) and answers no more than its nearby item', async () => {
      const at = await centerOf(t, '13018400100104');
      const r = await createReport(t, streamer, { lat: at.lat, lng: at.lng, category: 'hazard' });
      const here = { lat: at.lat, lng: at.lng + 0.001 };
      const near = await t.http('GET', `/api/reports/nearby?lat=${here.lat}&lng=${here.lng}&category=hazard`, { token: rider });
      const item = near.body.items.find((x: { id: number }) => x.id === r.body.id);
      expect(item).toBeDefined();
      const w = await t.http('POST', `/api/reports/${r.body.id}/witness`, { token: rider, body: here });
      expect(w.status).toBe(200);
      expect(Object.keys(w.body).sort()).toEqual(Object.keys(item).sort());
      expect(w.body).toEqual({ ...item, witnessCount: item.witnessCount + 1 });
    });
  });

  describe('conflict of interest', () => {
    const act = (token: string, id: number, action: string, body: object) => t.http('POST', `/api/reports/${id}/${action}`, { token, body });

    it('refuses staff every review action on a report they filed themselves (403 own_report); another staff member may act', async () => {
      const own = await createReport(t, staff);
      expect(own.status).toBe(201);
      const id = own.body.id;
      const accept = await act(staff, id, 'accept', { points: 6 });
      expect({ status: accept.status, code: accept.body.code }).toEqual({ status: 403, code: 'own_report' });
      for (const [action, body] of [
        ['reject', { reason: 'other' }],
        ['duplicate', { ofReportId: id - 1 }],
      ] as const) {
        const r = await act(staff, id, action, body);
        expect({ action, status: r.status, code: r.body.code }).toEqual({ action, status: 403, code: 'own_report' });
      }
      expect(await entriesFor(id)).toHaveLength(0);
      const mine = await t.http('GET', `/api/reports/${id}`, { token: staff });
      expect(mine.body).toMatchObject({ status: 'submitted', actions: [] });

      expect((await act(admin, id, 'accept', { points: 6 })).body.status).toBe('accepted');
      const deps = await t.http('GET', '/api/departments', { token: staff });
      for (const [action, body] of [
        ['dispatch', { departmentId: deps.body.items[0].id }],
        ['resolve', { note: '自己办结' }],
      ] as const) {
        const r = await act(staff, id, action, body);
        expect({ action, status: r.status, code: r.body.code }).toEqual({ action, status: 403, code: 'own_report' });
      }
      expect((await act(admin, id, 'resolve', { note: '已处理' })).body.status).toBe('resolved');
      const reopen = await act(staff, id, 'reopen', { note: '重开' });
      expect({ status: reopen.status, code: reopen.body.code }).toEqual({ status: 403, code: 'own_report' });
      const timeline = (await t.http('GET', `/api/reports/${id}`, { token: admin })).body.timeline;
      expect(timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'accepted', 'resolved']);
    });

    it('refuses an admin acting on their own report', async () => {
      const own = await createReport(t, admin);
      const r = await act(admin, own.body.id, 'accept', { points: 6 });
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 403, code: 'own_report' });
      expect((await act(staff, own.body.id, 'accept', { points: 6 })).body.status).toBe('accepted');
    });
  });

  describe('staff review', () => {
    it('accepts with points once: balance, ledger entry, timeline, message', async () => {
      const r = await createReport(t, streamer);
      const before = await balance(streamer);
      const a = await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points: 8, note: '情况属实' } });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ status: 'accepted', pointsAwarded: 8 });
      expect(a.body.timeline.at(-1)).toMatchObject({ type: 'accepted', points: 8, note: '情况属实', actor: { nickname: '张社工', role: 'staff' } });
      expect(await balance(streamer)).toBe(before + 8);
      const again = await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points: 8 } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('illegal_state');
      expect(await entriesFor(r.body.id)).toHaveLength(1);
      expect(await balance(streamer)).toBe(before + 8);
      const messages = await t.http('GET', '/api/messages', { token: streamer });
      expect(messages.body.items[0]).toMatchObject({ reportId: r.body.id, read: false });
      const mine = await t.http('GET', `/api/reports/${r.body.id}`, { token: streamer });
      expect(mine.body.actions).toEqual([]);
      expect(mine.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'accepted']);
    });

    it('awards once when several staff accept the same report at the same moment', async () => {
      const r = await createReport(t, rider);
      const before = await balance(rider);
      const tokens = [staff, admin, staff, admin, staff, admin, staff, admin];
      const rs = await Promise.all(tokens.map((token) => t.http('POST', `/api/reports/${r.body.id}/accept`, { token, body: { points: 6 } })));
      expect(rs.filter((x) => x.status === 200)).toHaveLength(1);
      expect(rs.filter((x) => x.status === 409)).toHaveLength(tokens.length - 1);
      expect(await entriesFor(r.body.id)).toHaveLength(1);
      expect(await balance(rider)).toBe(before + 6);
    });

    it.each([
      [4, 'below'],
      [9, 'above'],
    ])('refuses %i points (%s the category range) with 400', async (points) => {
      const r = await createReport(t, streamer, { category: 'traffic' });
      const a = await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points } });
      expect(a.status).toBe(400);
      expect(a.body.code).toBe('points_out_of_range');
      expect((await t.http('GET', `/api/reports/${r.body.id}`, { token: staff })).body.status).toBe('submitted');
    });

    it('refuses a worker (403 forbidden) and staff outside their scope (403 out_of_scope)', async () => {
      const shishi = await centerOf(t, '35058100100101');
      const out = await createReport(t, streamer, { lat: shishi.lat, lng: shishi.lng });
      const inside = await createReport(t, streamer);
      const w = await t.http('POST', `/api/reports/${inside.body.id}/accept`, { token: rider, body: { points: 6 } });
      expect([w.status, w.body.code]).toEqual([403, 'forbidden']);
      const s = await t.http('POST', `/api/reports/${out.body.id}/accept`, { token: staff, body: { points: 6 } });
      expect([s.status, s.body.code]).toEqual([403, 'out_of_scope']);
      const view = await t.http('GET', `/api/reports/${out.body.id}`, { token: staff });
      expect(view.status).toBe(403);
      const stranger = await t.http('GET', `/api/reports/${inside.body.id}`, { token: rider });
      expect(stranger.status).toBe(404);
      const list = await t.http('GET', '/api/reports?status=open', { token: staff });
      expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(out.body.id);
    });

    it('walks the closed loop: dispatch, resolve with a photo, then accept is 409; reopen and reject reverses the points', async () => {
      // A reporter of its own, so the daily cap (30) does not cut the award short.
      const w = await wechatWorker();
      const r = await createReport(t, w.token, { category: 'facility' });
      const id = r.body.id;
      const before = await balance(w.token);
      await t.http('POST', `/api/reports/${id}/accept`, { token: staff, body: { points: 7 } });
      const deps = await t.http('GET', '/api/departments', { token: staff });
      const zhujian = deps.body.items.find((d: { name: string }) => d.name === '住建');
      const d = await t.http('POST', `/api/reports/${id}/dispatch`, { token: staff, body: { departmentId: zhujian.id, note: '请尽快维修' } });
      expect(d.body).toMatchObject({ status: 'dispatched', department: { name: '住建' } });
      const photo = await uploadPhoto(t, staff);
      const done = await t.http('POST', `/api/reports/${id}/resolve`, { token: staff, body: { note: '已修复', mediaIds: [photo] } });
      expect(done.body).toMatchObject({ status: 'resolved', statusGroup: 'fixed' });
      expect(done.body.resolutionPhotos.map((p: { id: number }) => p.id)).toEqual([photo]);
      const late = await t.http('POST', `/api/reports/${id}/accept`, { token: staff, body: { points: 7 } });
      expect([late.status, late.body.code]).toEqual([409, 'illegal_state']);
      expect(await balance(w.token)).toBe(before + 7);

      expect((await t.http('POST', `/api/reports/${id}/reopen`, { token: staff, body: { note: '复查发现未修好' } })).body.status).toBe('submitted');
      const rej = await t.http('POST', `/api/reports/${id}/reject`, { token: staff, body: { reason: 'insufficient_info', note: '照片看不清' } });
      expect(rej.body).toMatchObject({ status: 'rejected', pointsAwarded: 0 });
      expect(await balance(w.token)).toBe(before);
      const entries = await entriesFor(id);
      expect(entries.map((e) => [e.reason, e.delta])).toEqual([
        ['report_accepted', 7],
        ['report_accept_reversed', -7],
      ]);
      expect(rej.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'accepted', 'dispatched', 'resolved', 'reopened', 'rejected', 'points_reversed']);
      // Accepting again after a reversal never awards a second time, and the report says it holds nothing.
      await t.http('POST', `/api/reports/${id}/reopen`, { token: staff, body: { note: '再次复查' } });
      const again = await t.http('POST', `/api/reports/${id}/accept`, { token: staff, body: { points: 7 } });
      expect(again.body).toMatchObject({ status: 'accepted', pointsAwarded: 0 });
      expect(await entriesFor(id)).toHaveLength(2);
      expect(await balance(w.token)).toBe(before);
      const rec = await t.http('POST', '/api/admin/points/reconcile', { token: admin });
      expect(rec.body.mismatches).toEqual([]);
    });

    it('marks a duplicate of another report and raises that one', async () => {
      const a = await createReport(t, streamer);
      const b = await createReport(t, rider);
      const d = await t.http('POST', `/api/reports/${b.body.id}/duplicate`, { token: staff, body: { ofReportId: a.body.id } });
      expect(d.body).toMatchObject({ status: 'duplicate', duplicateOfId: a.body.id });
      expect((await t.http('GET', `/api/reports/${a.body.id}`, { token: staff })).body.priority).toBe(1);
    });

    it('keeps what was awarded when a reopened report is accepted again, and awards nothing new', async () => {
      const w = await wechatWorker();
      const r = await createReport(t, w.token, { category: 'facility' });
      const before = await balance(w.token);
      expect((await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points: 6 } })).body.pointsAwarded).toBe(6);
      await t.http('POST', `/api/reports/${r.body.id}/reject`, { token: staff, body: { reason: 'insufficient_info' } }).then((x) => expect(x.status).toBe(409));
      const done = await t.http('POST', `/api/reports/${r.body.id}/resolve`, { token: staff, body: { note: '已处理' } });
      expect(done.body.status).toBe('resolved');
      await t.http('POST', `/api/reports/${r.body.id}/reopen`, { token: staff, body: { note: '再看看' } });
      const again = await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points: 9 } });
      expect(again.body).toMatchObject({ status: 'accepted', pointsAwarded: 6 });
      expect(await balance(w.token)).toBe(before + 6);
      expect((await entriesFor(r.body.id)).map((e) => [e.reason, e.delta])).toEqual([['report_accepted', 6]]);
    });

    it('caps report points per user per day', async () => {
      const w = await wechatWorker();
      const awarded: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await createReport(t, w.token, { category: 'hazard' });
        const a = await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points: 10 } });
        awarded.push(a.body.pointsAwarded);
      }
      expect(awarded).toEqual([10, 10, 10, 0]);
      expect(await t.http('GET', '/api/points/me', { token: w.token })).toMatchObject({ body: { balance: 30, reportPointsToday: 30, reportPointsDailyCap: 30 } });
    });

    it('filters the queue by status group, category and overdue, and pages with a cursor', async () => {
      const overdue = await t.http('GET', '/api/reports?overdue=true', { token: staff });
      expect(overdue.status).toBe(200);
      expect(overdue.body.items.length).toBeGreaterThan(0);
      expect(overdue.body.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
      const hazard = await t.http('GET', '/api/reports?category=hazard&status=open', { token: staff });
      expect(hazard.body.items.every((x: { category: string; statusGroup: string }) => x.category === 'hazard' && x.statusGroup === 'open')).toBe(true);
      const seen = new Set<number>();
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ id: number }>; nextCursor: string | null } } = await t.http('GET', `/api/reports${cursor ? `?cursor=${cursor}` : ''}`, { token: staff });
        for (const x of page.body.items) {
          expect(seen.has(x.id)).toBe(false);
          seen.add(x.id);
        }
        cursor = page.body.nextCursor;
      } while (cursor);
      const roots = [(await centerOf(t, '130184001')).path, (await centerOf(t, '371721001')).path];
      const all = await t.ds.getRepository(Report).find();
      expect(seen.size).toBe(all.filter((x) => roots.some((p) => x.areaPath.startsWith(p))).length);
    });
  });

  describe('content security and messages', () => {
    it('hides a report whose text WeChat finds risky and queues it for staff', async () => {
      const w = await wechatWorker();
      const at = await centerOf(t, '13018400100302');
      const r = await createReport(t, w.token, { lat: at.lat, lng: at.lng, description: '这里有违禁词', category: 'other' });
      expect(r.status).toBe(201);
      expect(r.body.flagged).toBe(true);
      expect(t.wechat.requests.some((x) => x.path === '/wxa/msg_sec_check' && (x.body as { openid: string }).openid === w.openid)).toBe(true);
      const near = await t.http('GET', `/api/reports/nearby?lat=${at.lat}&lng=${at.lng}&category=other`, { token: rider });
      expect(near.body.items.map((x: { id: number }) => x.id)).not.toContain(r.body.id);
      const queue = await t.http('GET', '/api/reports?flagged=true', { token: staff });
      expect(queue.body.items.map((x: { id: number }) => x.id)).toContain(r.body.id);
      // A person reviewed it: accepting clears the flag.
      const accepted = await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points: 5 } });
      expect(accepted.body.flagged).toBe(false);
    });

    it('flags a report when the asynchronous photo check comes back risky', async () => {
      const w = await wechatWorker();
      const up = await upload(t, w.token, await photoWithExif());
      const check = t.wechat.mediaChecks.find((c) => c.openid === w.openid)!;
      expect(check.mediaUrl).toContain(`/api/media/${up.body.id}/file?`);
      expect((await fetchBytes(check.mediaUrl)).status).toBe(200);
      const r = await createReport(t, w.token, { mediaIds: [up.body.id] });
      expect(r.body.flagged).toBe(false);
      expect(await t.wechat.pushMediaCheckResult(`${t.baseUrl}/api/wechat/push`, 'wrong-token', check.traceId, 'risky')).toBe(401);
      expect(await t.wechat.pushMediaCheckResult(`${t.baseUrl}/api/wechat/push`, PUSH_TOKEN, check.traceId, 'risky')).toBe(200);
      const after = await t.http('GET', `/api/reports/${r.body.id}`, { token: staff });
      expect(after.body.flagged).toBe(true);
      expect(after.body.timeline.at(-1).type).toBe('flagged');
    });

    it('sends one subscribe message per consent on a status change', async () => {
      const w = await wechatWorker();
      const cats = await t.http('GET', '/api/report-categories', { token: w.token });
      expect(cats.body.subscribeTemplateId).toBe(TEMPLATE);
      expect((await t.http('POST', '/api/messages/subscribe-consent', { token: w.token, body: { templateId: TEMPLATE, result: 'accept' } })).status).toBe(204);
      const r = await createReport(t, w.token);
      await t.http('POST', `/api/reports/${r.body.id}/accept`, { token: staff, body: { points: 6 } });
      const sentTo = () => t.wechat.sentMessages.filter((m) => m.touser === w.openid);
      for (let i = 0; i < 50 && sentTo().length === 0; i++) await new Promise((res) => setTimeout(res, 20));
      expect(sentTo()).toHaveLength(1);
      expect(sentTo()[0]).toMatchObject({ template_id: TEMPLATE, page: `pages/report-detail/index?id=${r.body.id}` });
      await t.http('POST', `/api/reports/${r.body.id}/resolve`, { token: staff, body: { note: '已处理' } });
      await new Promise((res) => setTimeout(res, 200));
      expect(sentTo()).toHaveLength(1);
      const inbox = await t.http('GET', '/api/messages', { token: w.token });
      expect(inbox.body.items).toHaveLength(2);
      expect(inbox.body.unread).toBe(2);
      await t.http('POST', '/api/messages/read', { token: w.token });
      expect((await t.http('GET', '/api/messages', { token: w.token })).body.unread).toBe(0);
    });
  });

  describe('dashboard, export, points', () => {
    it('reports the 数字城管 figures for the scope, each with its numerator and denominator (issue 11 item 10: one definition each)', async () => {
      const r = await t.http('GET', '/api/dashboard/reports', { token: staff });
      expect(r.status).toBe(200);
      const total = r.body.byStatus.reduce((s: number, x: { count: number }) => s + x.count, 0);
      expect(total).toBe(r.body.received);
      expect(r.body.counts.received).toBe(total);
      // 结案 is closed as fixed only: never a rejected or duplicate report, never closed-not-fixed.
      const resolved = r.body.byStatus.find((x: { status: string }) => x.status === 'resolved').count;
      expect(r.body.closureRate.numerator).toBeLessThanOrEqual(resolved);
      expect(r.body.closureRate.denominator).toBe(r.body.counts.filed - r.body.counts.deferred);
      for (const k of ['closureRate', 'onTimeClosureRate', 'reworkRate', 'extensionRate', 'satisfactionRate', 'handlingRate']) {
        const v = r.body[k];
        expect(v.value).toBe(v.denominator ? v.numerator / v.denominator : null);
      }
      expect(r.body.onTimeClosureRate.numerator).toBeLessThanOrEqual(r.body.closureRate.numerator);
      expect(r.body.medianHours.map((m: { name: string }) => m.name)).toEqual(['立案', '派遣', '签收', '处置', '核查']);
      const all = await t.http('GET', '/api/dashboard/reports', { token: admin });
      expect(all.body.received).toBeGreaterThan(r.body.received);
    });

    it('exports the same reports as a spreadsheet', async () => {
      const fig = await t.http('GET', '/api/dashboard/reports', { token: staff });
      const res = await fetch(`${t.baseUrl}/api/reports/export.xlsx`, { headers: { authorization: `Bearer ${staff}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.getWorksheet('随手拍')!;
      expect(ws.getRow(1).getCell(1).value).toBe('编号');
      expect(ws.rowCount - 1).toBe(fig.body.received);
      expect(wb.getWorksheet('指标')!.getRow(2).getCell(1).value).toBe('结案率');
    });

    it('lists my ledger entries and ranks the leaderboard', async () => {
      const entries = await t.http('GET', '/api/points/entries', { token: streamer });
      expect(entries.body.items.length).toBeGreaterThan(0);
      const board = await t.http('GET', '/api/points/leaderboard?period=all', { token: streamer });
      expect(board.status).toBe(200);
      expect(board.body.me).toMatchObject({ points: await balance(streamer) });
      const ranks = board.body.items.map((x: { rank: number }) => x.rank);
      expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      const week = await t.http('GET', `/api/points/leaderboard?period=week&areaId=${(await centerOf(t, '130184')).id}`, { token: streamer });
      expect(week.status).toBe(200);
    });

    it('lets admin manage categories within 5–10 points', async () => {
      const bad = await t.http('POST', '/api/admin/report-categories', { token: admin, body: { key: 'noise', label: '噪音', pointsMin: 3, pointsMax: 12 } });
      expect(bad.status).toBe(400);
      const inverted = await t.http('POST', '/api/admin/report-categories', { token: admin, body: { key: 'noise', label: '噪音', pointsMin: 9, pointsMax: 6 } });
      expect(inverted.status).toBe(400);
      const ok = await t.http('POST', '/api/admin/report-categories', { token: admin, body: { key: 'noise', label: '噪音扰民', pointsMin: 5, pointsMax: 7, acceptHours: 12 } });
      expect(ok.status).toBe(201);
      const off = await t.http('PATCH', `/api/admin/report-categories/${ok.body.id}`, { token: admin, body: { active: false } });
      expect(off.body.active).toBe(false);
      const list = await t.http('GET', '/api/report-categories', { token: streamer });
      expect(list.body.items.map((c: { key: string }) => c.key)).toEqual(['traffic', 'civility', 'environment', 'hazard', 'facility', 'other']);
    });
  });
});
