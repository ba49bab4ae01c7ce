import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { ReportDetailResponse } from '@xjy/shared/report';
import { ApiError } from '../services/http';
import { createReport } from '../services/reports';
import { uploadPhoto } from '../services/upload';
import { persistPhoto, resolvePhoto } from '../utils/photo-store';
import {
  enqueueReport,
  flushOutbox,
  isRetryable,
  PHOTO_LOST_CODE,
  PHOTO_LOST_MESSAGE,
  type OutboxItem,
  type OutboxSender,
  readOutbox,
  removeFromOutbox,
  sendQueued,
} from '../utils/report-outbox';
import { useReshow } from './use-reshow';

/** Uploads a queued photo from where the outbox keeps it; a photo no longer there is reported as lost (not retried). */
const sender: OutboxSender = {
  upload: async (ref, onProgress) => {
    const path = await resolvePhoto(ref);
    if (!path) throw new ApiError(PHOTO_LOST_CODE, 0, PHOTO_LOST_MESSAGE);
    return uploadPhoto(path, onProgress);
  },
  create: createReport,
};

/** Waits between automatic retries while reports are waiting: 5 s, 10 s, 20 s … at most 5 minutes. */
export const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 5 * 60_000;
export function retryDelayMs(failedFlushes: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failedFlushes - 1));
}

export type SubmitResult = { sent: ReportDetailResponse } | { queued: true };

export interface ReportOutbox {
  items: OutboxItem[];
  /** When the next automatic retry runs (ms since epoch), while reports are waiting. */
  retryAt: number | null;
  /** Sends what is waiting; says how many went out. */
  flush: () => Promise<void>;
  /**
   * Queues the report first (so a bad network never loses it) and sends it now: `sent` when it went out, `queued`
   * when it waits for the network; a refusal is thrown and the report leaves the queue.
   */
  submit: (body: OutboxItem['body'], photos: string[], onProgress: (percent: number) => void) => Promise<SubmitResult>;
  remove: (key: string) => void;
}

/**
 * The 随手拍 outbox as the page sees it: sent again when the page shows, whenever the network comes back, and on a
 * timer with exponential backoff while anything is waiting (a flaky network may never report itself offline).
 */
export function useReportOutbox(enabled: boolean): ReportOutbox {
  const [items, setItems] = useState<OutboxItem[]>(() => readOutbox());
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const refresh = useCallback(() => setItems(readOutbox()), []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failedFlushes = useRef(0);
  const flushRef = useRef<() => Promise<void>>(async () => undefined);

  const schedule = useCallback((anySent: boolean) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!readOutbox().some((i) => !i.refused)) {
      failedFlushes.current = 0;
      setRetryAt(null);
      return;
    }
    failedFlushes.current = anySent ? 1 : failedFlushes.current + 1;
    const delay = retryDelayMs(failedFlushes.current);
    setRetryAt(Date.now() + delay);
    timer.current = setTimeout(() => void flushRef.current(), delay);
  }, []);

  const flush = useCallback(async () => {
    if (!readOutbox().some((i) => !i.refused)) {
      schedule(false);
      return;
    }
    const { sent } = await flushOutbox(sender);
    refresh();
    schedule(sent.length > 0);
    if (sent.length) void Taro.showToast({ title: `已补发 ${sent.length} 条随手拍`, icon: 'success' });
  }, [refresh, schedule]);
  flushRef.current = enabled ? flush : async () => undefined;

  useEffect(() => {
    if (!enabled) return undefined;
    void flush();
    const onChange = (res: { isConnected: boolean }) => {
      if (res.isConnected) {
        failedFlushes.current = 0;
        void flush();
      }
    };
    Taro.onNetworkStatusChange(onChange);
    return () => {
      Taro.offNetworkStatusChange(onChange);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [enabled, flush]);
  useReshow(() => {
    if (enabled) void flush();
  });

  const submit = useCallback<ReportOutbox['submit']>(
    async (body, photos, onProgress) => {
      // Photos are copied somewhere that survives a reload or a closed app before anything is sent.
      const kept = await Promise.all(photos.map(persistPhoto));
      const item = enqueueReport(body, kept);
      refresh();
      try {
        return { sent: await sendQueued(item, sender, onProgress) };
      } catch (e) {
        if (isRetryable(e)) {
          schedule(false);
          return { queued: true };
        }
        removeFromOutbox(item.key);
        throw e;
      } finally {
        refresh();
      }
    },
    [refresh, schedule],
  );

  const remove = useCallback(
    (key: string) => {
      removeFromOutbox(key);
      refresh();
      schedule(false);
    },
    [refresh, schedule],
  );

  return { items, retryAt, flush, submit, remove };
}
