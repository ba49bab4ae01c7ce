import Taro from '@tarojs/taro';
import type { MediaResponse } from '@xjy/shared/media';
import type { CreateReportRequest, ReportDetailResponse } from '@xjy/shared/report';
import { ApiError } from '../services/http';
import { discardPhoto } from './photo-store';

// 随手拍 outbox: a report is written here before it is sent, and leaves only when the server has it. A report that
// could not be sent (no network, server down) is sent again later with the same Idempotency-Key, so a retry whose
// first attempt did reach the server gets the same report back instead of a second one.

const STORAGE_KEY = 'xjy.reportOutbox';

export interface OutboxPhoto {
  /** Where the photo is kept until sent (utils/photo-store: weapp saved file, H5 `idb:` key; older items a temp path). */
  path: string;
  /** Set once uploaded, so a retry does not upload it again. */
  mediaId: number | null;
}

export interface OutboxItem {
  key: string;
  body: Omit<CreateReportRequest, 'mediaIds'>;
  photos: OutboxPhoto[];
  queuedAt: string;
  attempts: number;
  lastError: string | null;
  /** Set when the server refused the report for good (e.g. a validation error): not retried, the user decides. */
  refused: string | null;
}

export interface OutboxSender {
  upload: (path: string, onProgress?: (percent: number) => void) => Promise<MediaResponse>;
  create: (body: CreateReportRequest, idempotencyKey: string) => Promise<ReportDetailResponse>;
}

export function newIdempotencyKey(): string {
  const rand = () => Math.random().toString(36).slice(2, 10);
  return `r${Date.now().toString(36)}${rand()}${rand()}`.slice(0, 40);
}

export function readOutbox(): OutboxItem[] {
  const raw: unknown = Taro.getStorageSync(STORAGE_KEY);
  return Array.isArray(raw) ? (raw as OutboxItem[]) : [];
}

function write(items: OutboxItem[]): void {
  Taro.setStorageSync(STORAGE_KEY, items);
}

function update(key: string, patch: Partial<OutboxItem>): void {
  write(readOutbox().map((i) => (i.key === key ? { ...i, ...patch } : i)));
}

export function enqueueReport(body: OutboxItem['body'], photoPaths: string[], key = newIdempotencyKey()): OutboxItem {
  const item: OutboxItem = { key, body, photos: photoPaths.map((path) => ({ path, mediaId: null })), queuedAt: new Date().toISOString(), attempts: 0, lastError: null, refused: null };
  write([...readOutbox().filter((i) => i.key !== key), item]);
  return item;
}

/** Takes an item out of the queue (sent or deleted) and frees its stored photos. */
export function removeFromOutbox(key: string): void {
  const all = readOutbox();
  write(all.filter((i) => i.key !== key));
  for (const p of all.find((i) => i.key === key)?.photos ?? []) void discardPhoto(p.path).catch(() => undefined);
}

/** A photo of a queued report is no longer on the phone: the report cannot be sent as it is. */
export const PHOTO_LOST_CODE = 'photo_lost';
export const PHOTO_LOST_MESSAGE = '照片已丢失（可能被手机清理），请删除这条后重新拍照上报';

/** Worth sending again later: the network, a busy or broken server, a rate limit. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.code === PHOTO_LOST_CODE) return false;
  return error.code === 'network_error' || error.code === 'rate_limited' || error.status === 0 || error.status >= 500;
}

/**
 * Sends one queued report: uploads the photos not yet uploaded, then creates the report with the item's key.
 * On success the item leaves the outbox; on a retryable failure it stays (and the error is rethrown); on a
 * refusal it stays marked refused.
 */
export async function sendQueued(item: OutboxItem, sender: OutboxSender, onProgress?: (percent: number) => void): Promise<ReportDetailResponse> {
  const photos = item.photos.map((p) => ({ ...p }));
  update(item.key, { attempts: item.attempts + 1 });
  try {
    for (let i = 0; i < photos.length; i++) {
      if (photos[i].mediaId !== null) continue;
      const media = await sender.upload(photos[i].path, (p) => onProgress?.(Math.round(((i + p / 100) / (photos.length + 1)) * 100)));
      photos[i].mediaId = media.id;
      update(item.key, { photos });
    }
    onProgress?.(Math.round((photos.length / (photos.length + 1)) * 100));
    const report = await sender.create({ ...item.body, mediaIds: photos.map((p) => p.mediaId as number) }, item.key);
    removeFromOutbox(item.key);
    onProgress?.(100);
    return report;
  } catch (error) {
    const message = error instanceof Error ? error.message : '发送失败';
    update(item.key, isRetryable(error) ? { lastError: message } : { lastError: message, refused: message });
    throw error;
  }
}

let flushing: Promise<{ sent: ReportDetailResponse[]; kept: number }> | null = null;

/** Sends everything still waiting (not refused), oldest first; one flush at a time. */
export function flushOutbox(sender: OutboxSender): Promise<{ sent: ReportDetailResponse[]; kept: number }> {
  if (flushing) return flushing;
  const run = (async () => {
    // Yield first, so `flushing` is set before the work (and its clean-up) can finish.
    await Promise.resolve();
    const sent: ReportDetailResponse[] = [];
    for (const item of readOutbox().filter((i) => !i.refused)) {
      try {
        sent.push(await sendQueued(item, sender));
      } catch (error) {
        // The network is still down: the rest would fail the same way.
        if (isRetryable(error)) break;
      }
    }
    return { sent, kept: readOutbox().length };
  })();
  flushing = run;
  void run.finally(() => {
    if (flushing === run) flushing = null;
  }).catch(() => undefined);
  return run;
}
