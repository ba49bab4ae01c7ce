import type { MediaAttachType, MediaCheckStatus } from '@xjy/shared';
import type { Readable } from 'node:stream';
import { Media } from '../../src/modules/media/media.entity';
import type { MediaRepository } from '../../src/modules/media/media.repository';
import type { MediaStorage } from '../../src/modules/media/storage/media-storage';
import type { WechatClient } from '../../src/modules/wechat/wechat.client';
import { nextId } from '../factories/sequence';

/** A photo row: unattached and unchecked, owned by user 1, unless told otherwise. */
export function mediaFactory(over: Partial<Media> = {}): Media {
  const id = over.id ?? nextId('media');
  return Object.assign(new Media(), {
    id,
    ownerId: 1,
    fileKey: `2026/11/photo-${id}.jpg`,
    thumbKey: `2026/11/photo-${id}.thumb.jpg`,
    width: 1200,
    height: 900,
    bytes: 1000,
    attachedType: null,
    attachedId: null,
    checkStatus: 'none',
    checkTraceId: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  });
}

/** The media table in memory, with the repository's guard: only the owner's unattached photos are claimed. */
export class FakeMediaRepository {
  readonly rows = new Map<number, Media>();
  add(...rows: Media[]): void {
    for (const r of rows) this.rows.set(r.id, r);
  }
  private read(r: Media): Media {
    return Object.assign(new Media(), r);
  }
  async findById(id: number) {
    const r = this.rows.get(id);
    return r ? this.read(r) : null;
  }
  async findByIds(ids: number[]) {
    return [...this.rows.values()].filter((r) => ids.includes(r.id)).map((r) => this.read(r));
  }
  async findAttachedTo(types: readonly MediaAttachType[], attachedIds: number[]) {
    return [...this.rows.values()]
      .filter((r) => r.attachedType !== null && types.includes(r.attachedType) && r.attachedId !== null && attachedIds.includes(r.attachedId))
      .sort((a, b) => a.id - b.id)
      .map((r) => this.read(r));
  }
  async findByTraceId(traceId: string) {
    const r = [...this.rows.values()].find((x) => x.checkTraceId === traceId);
    return r ? this.read(r) : null;
  }
  async insert(fields: Pick<Media, 'ownerId' | 'fileKey' | 'thumbKey' | 'width' | 'height' | 'bytes'>) {
    const row = mediaFactory({ ...fields, id: nextId('media'), createdAt: new Date() });
    this.add(row);
    return this.read(row);
  }
  async attachOwned(_m: unknown, ownerId: number, ids: number[], type: MediaAttachType, attachedId: number) {
    let claimed = 0;
    for (const r of this.rows.values()) {
      if (ids.includes(r.id) && r.ownerId === ownerId && r.attachedType === null) {
        Object.assign(r, { attachedType: type, attachedId });
        claimed++;
      }
    }
    return claimed;
  }
  async setCheck(id: number, status: MediaCheckStatus, traceId: string | null) {
    const r = this.rows.get(id);
    if (r) Object.assign(r, { checkStatus: status, checkTraceId: traceId });
  }
  asRepository(): MediaRepository {
    return this as unknown as MediaRepository;
  }
}

/** Object storage in memory. */
export class FakeMediaStorage implements MediaStorage {
  readonly kind = 'local' as const;
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  async put(key: string, body: Buffer, contentType: string) {
    this.objects.set(key, { body, contentType });
  }
  async get(key: string) {
    return this.objects.get(key)?.body ?? null;
  }
  async getStream(): Promise<Readable | null> {
    throw new Error('not used by unit specs');
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
}

/** WeChat's asynchronous content check: records what was sent, answers with a trace id or the error set. */
export class FakeWechatMediaCheck {
  configured = true;
  readonly checks: Array<{ openid: string; url: string }> = [];
  failWith: Error | null = null;
  async mediaCheckAsync(openid: string, url: string) {
    if (this.failWith) throw this.failWith;
    this.checks.push({ openid, url });
    return `trace-${this.checks.length}`;
  }
  asClient(): WechatClient {
    return this as unknown as WechatClient;
  }
}
