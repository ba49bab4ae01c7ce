import { Inject, Injectable, Logger } from '@nestjs/common';
import { MEDIA_LINK_TTL_SECONDS, MediaAttachType, MediaResponse, MediaUploadResponse, wgs84ToGcj02 } from '@xjy/shared';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { UnitOfWork } from '../../database/transaction.runner';
import { AppException } from '../../common/app.exception';
import type { AuthContext } from '../../common/auth/auth-context';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { UsersRepository } from '../users/users.repository';
import { WechatClient } from '../wechat/wechat.client';
import { processImage, renderDemoPhoto } from './media-image';
import type { Media } from './media.entity';
import { MediaRepository } from './media.repository';
import { MEDIA_STORAGE, MediaStorage } from './storage/media-storage';

export type MediaVariant = 'file' | 'thumb';
/** Called when WeChat's asynchronous check finds a photo risky, with what it is attached to. */
export type RiskyMediaListener = (attachedId: number, mediaId: number) => Promise<void>;

/**
 * Photos for every feature: upload (sniff, re-encode, store), attach by the uploader only, and signed links.
 * Access control happens where links are handed out: a feature resolves links only for callers allowed to see
 * the thing the photo belongs to, and the file route serves only links this server signed and that have not expired.
 */
@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);
  private readonly riskyListeners = new Map<MediaAttachType, RiskyMediaListener>();

  constructor(
    private readonly media: MediaRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly wechat: WechatClient,
  ) {}

  /**
   * With `withLocation`, the answer also offers where the photo says it was taken (EXIF GPS, read before the
   * metadata is dropped, in GCJ-02): the client decides whether the reporter takes it; nothing of it is stored.
   */
  async upload(auth: AuthContext, bytes: Buffer, opts: { withLocation?: boolean } = {}): Promise<MediaUploadResponse> {
    const image = await processImage(bytes, auth.userId);
    const now = new Date();
    const base = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const fileKey = `${base}.jpg`;
    const thumbKey = `${base}.thumb.jpg`;
    await Promise.all([this.storage.put(fileKey, image.full, 'image/jpeg'), this.storage.put(thumbKey, image.thumb, 'image/jpeg')]);
    const row = await this.media.insert({ ownerId: auth.userId, fileKey, thumbKey, width: image.width, height: image.height, bytes: image.full.length });
    await this.startContentCheck(row);
    if (!opts.withLocation) return this.link(row);
    return { ...this.link(row), exifLocation: image.gps ? roundLatLng(wgs84ToGcj02(image.gps)) : null };
  }

  /** WeChat checks photos asynchronously; the verdict arrives later at the media-check callback. */
  private async startContentCheck(row: Media): Promise<void> {
    // The origin is configuration only (the config refuses WeChat without it): Host / X-Forwarded-Host belong to
    // the uploader, who could otherwise point WeChat's check at a harmless image on a host of their choosing.
    if (!this.wechat.configured || !this.config.publicBaseUrl) return;
    const owner = await this.users.findById(row.ownerId);
    if (!owner?.openid) return;
    const url = this.config.publicBaseUrl + this.signedPath(row.id, 'file', 24 * 3600);
    try {
      const traceId = await this.wechat.mediaCheckAsync(owner.openid, url);
      await this.media.setCheck(row.id, 'pending', traceId);
      row.checkStatus = 'pending';
    } catch (e) {
      this.logger.warn({ mediaId: row.id, err: (e as Error).message }, 'mediaCheckAsync could not start; the photo stays unchecked');
    }
  }

  /**
   * Attaches photos to a target inside the caller's transaction. Only their uploader may attach them (another
   * user's id is a 404, as if it did not exist); a photo attached elsewhere already is a 409.
   */
  async attach(m: UnitOfWork, ownerId: number, ids: number[], type: MediaAttachType, attachedId: number): Promise<Media[]> {
    const unique = [...new Set(ids)];
    const claimed = await this.media.attachOwned(m, ownerId, unique, type, attachedId);
    if (claimed !== unique.length) {
      const rows = await this.media.findByIds(unique, m);
      const mine = rows.filter((r) => r.ownerId === ownerId);
      const missing = unique.filter((id) => !mine.some((r) => r.id === id));
      if (missing.length) throw new AppException('media_not_found', { mediaIds: missing });
      const taken = mine.filter((r) => !(r.attachedType === type && r.attachedId === attachedId)).map((r) => r.id);
      throw new AppException('media_already_attached', { mediaIds: taken });
    }
    return this.media.findByIds(unique, m);
  }

  /** Signed links for these photos, in the order asked; ids that do not exist are skipped. */
  async resolve(ids: number[]): Promise<MediaResponse[]> {
    const rows = await this.media.findByIds(ids);
    return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is Media => Boolean(r)).map((r) => this.link(r));
  }

  /** Photos attached to many targets at once (e.g. one thumbnail per report in a list), grouped by target id. */
  async attachedTo(type: MediaAttachType, attachedIds: number[], opts: { hideRisky: boolean }): Promise<Map<number, MediaResponse[]>> {
    return (await this.attachedToEach([type], attachedIds, opts)).get(type)!;
  }

  /** The same for several kinds of attachment at once (one query): kind → attached id → photos, in upload order. */
  async attachedToEach<T extends MediaAttachType>(types: readonly T[], attachedIds: number[], opts: { hideRisky: boolean }): Promise<Map<T, Map<number, MediaResponse[]>>> {
    const out = new Map<T, Map<number, MediaResponse[]>>(types.map((t) => [t, new Map()]));
    for (const row of await this.media.findAttachedTo(types, attachedIds)) {
      if (opts.hideRisky && row.checkStatus === 'risky') continue;
      const byId = out.get(row.attachedType as T);
      if (!byId) continue;
      const list = byId.get(row.attachedId!) ?? [];
      list.push(this.link(row));
      byId.set(row.attachedId!, list);
    }
    return out;
  }

  /** True when any of these photos was found risky (a feature flags its item then). */
  async anyRisky(ids: number[], m?: UnitOfWork): Promise<boolean> {
    return (await this.media.findByIds(ids, m)).some((r) => r.checkStatus === 'risky');
  }

  onRisky(type: MediaAttachType, listener: RiskyMediaListener): void {
    this.riskyListeners.set(type, listener);
  }

  /** Applies WeChat's verdict for a trace id; unknown trace ids are ignored (WeChat may retry or be misrouted). */
  async applyCheckResult(traceId: string, suggest: 'pass' | 'review' | 'risky'): Promise<void> {
    const row = await this.media.findByTraceId(traceId);
    if (!row) return;
    const status = suggest === 'pass' ? 'pass' : 'risky';
    await this.media.setCheck(row.id, status, traceId);
    if (status === 'risky' && row.attachedType && row.attachedId !== null) await this.riskyListeners.get(row.attachedType)?.(row.attachedId, row.id);
  }

  async readFile(id: number, variant: MediaVariant, exp: string | undefined, sig: string | undefined): Promise<Buffer> {
    const expires = Number(exp);
    if (!sig || !Number.isInteger(expires) || expires * 1000 < Date.now() || !this.verify(id, variant, expires, sig)) {
      throw new AppException('media_not_found');
    }
    const row = await this.media.findById(id);
    if (!row) throw new AppException('media_not_found');
    const key = variant === 'thumb' ? row.thumbKey : row.fileKey;
    let bytes = await this.storage.get(key);
    if (!bytes && key.startsWith('demo/')) {
      // Demo data is seeded without touching storage; its photos are rendered and stored on first read.
      bytes = await renderDemoPhoto(key, variant === 'thumb');
      await this.storage.put(key, bytes, 'image/jpeg');
    }
    if (!bytes) throw new AppException('media_file_missing');
    return bytes;
  }

  link(row: Media): MediaResponse {
    const base = this.config.publicBaseUrl ?? '';
    return { id: row.id, url: base + this.signedPath(row.id, 'file'), thumbUrl: base + this.signedPath(row.id, 'thumb'), width: row.width, height: row.height };
  }

  /** Expiry rounded up to the hour, so the same photo gets the same link for a while and clients can cache it. */
  private signedPath(id: number, variant: MediaVariant, ttlSeconds = MEDIA_LINK_TTL_SECONDS): string {
    const exp = Math.ceil((Date.now() / 1000 + ttlSeconds) / 3600) * 3600;
    return `/api/media/${id}/${variant}?exp=${exp}&sig=${this.sign(id, variant, exp)}`;
  }

  private sign(id: number, variant: MediaVariant, exp: number): string {
    return createHmac('sha256', `media:${this.config.jwtSecret}`).update(`${id}:${variant}:${exp}`).digest('base64url').slice(0, 32);
  }

  private verify(id: number, variant: MediaVariant, exp: number, sig: string): boolean {
    const want = Buffer.from(this.sign(id, variant, exp));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

/** Six decimals (about 0.1 m): what a phone's location gives, and no false precision. */
const roundLatLng = (p: { lat: number; lng: number }) => ({ lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 });
