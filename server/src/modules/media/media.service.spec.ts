import { MEDIA_LINK_TTL_SECONDS, wgs84ToGcj02 } from '@xjy/shared';
import sharp from 'sharp';
import { workerAuth } from '../../../test/factories/auth';
import { NO_MANAGER } from '../../../test/factories/in-memory';
import { userFactory } from '../../../test/factories/user.factory';
import { FakeUsersRepository, testConfig } from '../../../test/fakes/activities.fakes';
import { FakeMediaRepository, FakeMediaStorage, FakeWechatMediaCheck, mediaFactory } from '../../../test/fakes/media.fakes';
import { AppException } from '../../common/app.exception';
import type { AppConfig } from '../../config/app.config';
import { MediaService, type MediaVariant } from './media.service';

const BASE = 'https://xjy.example.cn';
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const HOUR_MS = 3600_000;

/** The rejection a call ends with (the test fails if it resolves). */
const refusal = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a refusal')), (e: unknown) => e as AppException);

describe(MediaService.name, () => {
  let media: FakeMediaRepository;
  let storage: FakeMediaStorage;
  let users: FakeUsersRepository;
  let wechat: FakeWechatMediaCheck;
  let config: AppConfig;
  let service: MediaService;
  const uploader = userFactory({ openid: 'openid-uploader' });

  beforeEach(() => {
    media = new FakeMediaRepository();
    storage = new FakeMediaStorage();
    users = new FakeUsersRepository();
    users.add(uploader);
    wechat = new FakeWechatMediaCheck();
    config = { ...testConfig, publicBaseUrl: BASE };
    service = new MediaService(media.asRepository(), storage, config, users.asRepository(), wechat.asClient());
  });
  afterEach(() => jest.restoreAllMocks());

  /** Follows a link as the file route would: its id, variant, exp and sig. */
  const open = (url: string) => {
    const u = new URL(url, BASE);
    const [, , , id, variant] = u.pathname.split('/');
    return service.readFile(Number(id), variant as MediaVariant, u.searchParams.get('exp') ?? undefined, u.searchParams.get('sig') ?? undefined);
  };
  const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#2a6' } }).png().toBuffer();

  describe('upload', () => {
    it('offers the EXIF GPS position as GCJ-02 only when asked, and stores a file without it', async () => {
      const withGps = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } })
        .jpeg()
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 21/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 42/1 0/1' } })
        .toBuffer();
      const want = wgs84ToGcj02({ lat: 38.35, lng: 114.7 });
      const offered = await service.upload(workerAuth(uploader.id), withGps, { withLocation: true });
      expect(offered.exifLocation!.lat).toBeCloseTo(want.lat, 6);
      expect(offered.exifLocation!.lng).toBeCloseTo(want.lng, 6);
      expect(await service.upload(workerAuth(uploader.id), withGps)).not.toHaveProperty('exifLocation');
      expect((await service.upload(workerAuth(uploader.id), await png(8, 8), { withLocation: true })).exifLocation).toBeNull();
      for (const o of storage.objects.values()) expect((await sharp(o.body).metadata()).exif).toBeUndefined();
    });

    it('stores a re-encoded JPEG and its thumbnail under dated keys and answers with signed links to them', async () => {
      const r = await service.upload(workerAuth(uploader.id), await png(64, 48));

      const [row] = media.rows.values();
      expect(row).toMatchObject({ ownerId: uploader.id, width: 64, height: 48, attachedType: null });
      expect(row.fileKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
      expect(row.thumbKey).toBe(row.fileKey.replace(/\.jpg$/, '.thumb.jpg'));
      const full = storage.objects.get(row.fileKey)!;
      expect(full.contentType).toBe('image/jpeg');
      expect(full.body.subarray(0, 3)).toEqual(JPEG_MAGIC);
      expect(row.bytes).toBe(full.body.length);
      expect(storage.objects.get(row.thumbKey)!.body.subarray(0, 3)).toEqual(JPEG_MAGIC);
      expect(r).toMatchObject({ id: row.id, width: 64, height: 48 });
      expect(r.url.startsWith(`${BASE}/api/media/${row.id}/file?exp=`)).toBe(true);
      expect(await open(r.url)).toEqual(full.body);
      expect(await open(r.thumbUrl)).toEqual(storage.objects.get(row.thumbKey)!.body);
    });

    it('refuses bytes that are not a photo and stores nothing', async () => {
      const e = await refusal(service.upload(workerAuth(uploader.id), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')));

      expect(e).toBeInstanceOf(AppException);
      expect(e.code).toBe('unsupported_media_type');
      expect(media.rows.size).toBe(0);
      expect(storage.objects.size).toBe(0);
    });

    it('asks WeChat to check the photo through a link on the configured origin and marks it pending', async () => {
      await service.upload(workerAuth(uploader.id), await png(8, 8));

      const [row] = media.rows.values();
      expect(wechat.checks).toHaveLength(1);
      expect(wechat.checks[0].openid).toBe('openid-uploader');
      expect(wechat.checks[0].url.startsWith(`${BASE}/api/media/${row.id}/file?`)).toBe(true);
      expect(row).toMatchObject({ checkStatus: 'pending', checkTraceId: 'trace-1' });
      // The link WeChat fetches is one the file route accepts.
      expect(await open(wechat.checks[0].url)).toEqual(storage.objects.get(row.fileKey)!.body);
    });

    it.each([
      ['WeChat is not configured', () => (wechat.configured = false)],
      ['there is no public origin to link from', () => (config.publicBaseUrl = null)],
      ['the uploader has no WeChat openid', () => (users.users.get(uploader.id)!.openid = null)],
    ])('starts no check when %s, and the photo stays unchecked', async (_why, arrange) => {
      arrange();

      await service.upload(workerAuth(uploader.id), await png(8, 8));

      expect(wechat.checks).toEqual([]);
      expect([...media.rows.values()][0].checkStatus).toBe('none');
    });

    it('still keeps the photo, unchecked, when WeChat cannot start the check', async () => {
      wechat.failWith = new Error('errcode 45009');

      const r = await service.upload(workerAuth(uploader.id), await png(8, 8));

      expect(media.rows.get(r.id)).toMatchObject({ checkStatus: 'none', checkTraceId: null });
    });
  });

  describe('attach', () => {
    it('claims the uploader’s own photos for a target, each id once', async () => {
      const a = mediaFactory({ ownerId: uploader.id });
      const b = mediaFactory({ ownerId: uploader.id });
      media.add(a, b);

      const rows = await service.attach(NO_MANAGER, uploader.id, [a.id, b.id, a.id], 'report', 7);

      expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(media.rows.get(a.id)).toMatchObject({ attachedType: 'report', attachedId: 7 });
      expect(media.rows.get(b.id)).toMatchObject({ attachedType: 'report', attachedId: 7 });
    });

    it('answers media_not_found for another user’s photo or one that does not exist, as if both did not exist', async () => {
      const mine = mediaFactory({ ownerId: uploader.id });
      const theirs = mediaFactory({ ownerId: uploader.id + 1 });
      media.add(mine, theirs);

      const e = await refusal(service.attach(NO_MANAGER, uploader.id, [mine.id, theirs.id, 999_999], 'report', 7));

      expect(e.code).toBe('media_not_found');
      expect(e.details).toEqual({ mediaIds: [theirs.id, 999_999] });
      expect(media.rows.get(theirs.id)!.attachedType).toBeNull();
    });

    it('answers media_already_attached for a photo already used elsewhere', async () => {
      const fresh = mediaFactory({ ownerId: uploader.id });
      const used = mediaFactory({ ownerId: uploader.id, attachedType: 'station', attachedId: 3 });
      media.add(fresh, used);

      const e = await refusal(service.attach(NO_MANAGER, uploader.id, [fresh.id, used.id], 'report', 7));

      expect(e.code).toBe('media_already_attached');
      expect(e.details).toEqual({ mediaIds: [used.id] });
      expect(media.rows.get(used.id)).toMatchObject({ attachedType: 'station', attachedId: 3 });
    });
  });

  describe('links', () => {
    it('resolves links in the order asked and skips ids that do not exist', async () => {
      const a = mediaFactory();
      const b = mediaFactory();
      media.add(a, b);

      const links = await service.resolve([b.id, 999_999, a.id]);

      expect(links.map((l) => l.id)).toEqual([b.id, a.id]);
    });

    it('groups attached photos by kind and target in upload order, hiding risky ones when asked', async () => {
      const first = mediaFactory({ attachedType: 'report', attachedId: 1 });
      const risky = mediaFactory({ attachedType: 'report', attachedId: 1, checkStatus: 'risky' });
      const second = mediaFactory({ attachedType: 'report', attachedId: 1 });
      const other = mediaFactory({ attachedType: 'report', attachedId: 2 });
      const resolution = mediaFactory({ attachedType: 'report_resolution', attachedId: 1 });
      media.add(second, other, risky, first, resolution);

      const shown = await service.attachedToEach(['report', 'report_resolution'], [1, 2], { hideRisky: true });
      const all = await service.attachedTo('report', [1], { hideRisky: false });

      expect(shown.get('report')!.get(1)!.map((p) => p.id)).toEqual([first.id, second.id]);
      expect(shown.get('report')!.get(2)!.map((p) => p.id)).toEqual([other.id]);
      expect(shown.get('report_resolution')!.get(1)!.map((p) => p.id)).toEqual([resolution.id]);
      expect(all.get(1)!.map((p) => p.id)).toEqual([first.id, risky.id, second.id]);
    });

    it('gives the same link for a photo for a while, so clients can cache it', async () => {
      const row = mediaFactory();
      const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 22, 2, 0, 1));
      const early = service.link(row);
      now.mockReturnValue(Date.UTC(2026, 10, 22, 2, 30, 0));

      expect(service.link(row)).toEqual(early);
    });
  });

  describe('readFile', () => {
    let row: ReturnType<typeof mediaFactory>;
    beforeEach(async () => {
      row = mediaFactory();
      media.add(row);
      await storage.put(row.fileKey, Buffer.from('full'), 'image/jpeg');
      await storage.put(row.thumbKey, Buffer.from('thumb'), 'image/jpeg');
    });

    it('serves each variant for a link it signed', async () => {
      const link = service.link(row);

      expect((await open(link.url)).toString()).toBe('full');
      expect((await open(link.thumbUrl)).toString()).toBe('thumb');
    });

    it.each([
      ['a changed signature', (u: URL) => u.searchParams.set('sig', 'A'.repeat(32))],
      ['no signature', (u: URL) => u.searchParams.delete('sig')],
      ['a later expiry than was signed', (u: URL) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600))],
      ['the thumbnail’s signature used for the full photo', (u: URL) => (u.pathname = u.pathname.replace('/thumb', '/file'))],
      ['another photo’s id', (u: URL) => (u.pathname = u.pathname.replace(`/${row.id}/`, `/${row.id + 1}/`))],
    ])('answers media_not_found for %s', async (_what, tamper) => {
      media.add(mediaFactory({ id: row.id + 1 }));
      const u = new URL(service.link(row).thumbUrl);
      tamper(u);

      const e = await refusal(open(u.toString()));

      expect(e.code).toBe('media_not_found');
    });

    it('answers media_not_found once the link has expired', async () => {
      const link = service.link(row);
      jest.spyOn(Date, 'now').mockReturnValue(Date.now() + MEDIA_LINK_TTL_SECONDS * 1000 + 2 * HOUR_MS);

      expect((await refusal(open(link.url))).code).toBe('media_not_found');
    });

    it('answers media_file_missing when storage has lost the bytes', async () => {
      await storage.delete(row.fileKey);

      expect((await refusal(open(service.link(row).url))).code).toBe('media_file_missing');
    });

    it('renders a demo photo on its first read and stores it for the next', async () => {
      const demo = mediaFactory({ fileKey: 'demo/street-1.jpg', thumbKey: 'demo/street-1.thumb.jpg' });
      media.add(demo);

      const bytes = await open(service.link(demo).thumbUrl);

      expect(bytes.subarray(0, 3)).toEqual(JPEG_MAGIC);
      expect(storage.objects.get('demo/street-1.thumb.jpg')!.body).toEqual(bytes);
      expect(storage.objects.has('demo/street-1.jpg')).toBe(false);
    });
  });

  describe('content check results', () => {
    it.each([
      ['pass', 'pass'],
      ['review', 'risky'],
      ['risky', 'risky'],
    ] as const)('records WeChat’s “%s” as %s', async (suggest, status) => {
      media.add(mediaFactory({ checkStatus: 'pending', checkTraceId: 't-1' }));

      await service.applyCheckResult('t-1', suggest);

      expect([...media.rows.values()][0].checkStatus).toBe(status);
    });

    it('tells the feature that owns a risky photo which item and photo it was', async () => {
      const listener = jest.fn(async () => undefined);
      const stationListener = jest.fn(async () => undefined);
      service.onRisky('report', listener);
      service.onRisky('station', stationListener);
      const row = mediaFactory({ attachedType: 'report', attachedId: 42, checkStatus: 'pending', checkTraceId: 't-2' });
      media.add(row);

      await service.applyCheckResult('t-2', 'risky');

      expect(listener).toHaveBeenCalledWith(42, row.id);
      expect(stationListener).not.toHaveBeenCalled();
      expect(await service.anyRisky([row.id])).toBe(true);
    });

    it('tells nobody about a photo that passed or is not attached yet', async () => {
      const listener = jest.fn(async () => undefined);
      service.onRisky('report', listener);
      media.add(
        mediaFactory({ attachedType: 'report', attachedId: 1, checkTraceId: 't-pass' }),
        mediaFactory({ checkTraceId: 't-loose' }),
      );

      await service.applyCheckResult('t-pass', 'pass');
      await service.applyCheckResult('t-loose', 'risky');

      expect(listener).not.toHaveBeenCalled();
    });

    it('ignores a trace id it never issued and changes nothing', async () => {
      const row = mediaFactory({ checkStatus: 'pending', checkTraceId: 't-3' });
      media.add(row);

      await service.applyCheckResult('forged', 'risky');

      expect(media.rows.get(row.id)!.checkStatus).toBe('pending');
      expect(await service.anyRisky([row.id])).toBe(false);
    });
  });
});
