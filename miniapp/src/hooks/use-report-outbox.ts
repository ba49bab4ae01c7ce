import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { ReportDetailResponse } from '@xjy/shared/report';
import { createReport } from '../services/reports';
import { uploadPhoto } from '../services/upload';
import { enqueueReport, flushOutbox, isRetryable, type OutboxItem, type OutboxSender, readOutbox, removeFromOutbox, sendQueued } from '../utils/report-outbox';
import { useReshow } from './use-reshow';

const sender: OutboxSender = { upload: uploadPhoto, create: createReport };

export type SubmitResult = { sent: ReportDetailResponse } | { queued: true };

export interface ReportOutbox {
  items: OutboxItem[];
  /** Sends what is waiting; says how many went out. */
  flush: () => Promise<void>;
  /**
   * Queues the report first (so a bad network never loses it) and sends it now: `sent` when it went out, `queued`
   * when it waits for the network; a refusal is thrown and the report leaves the queue.
   */
  submit: (body: OutboxItem['body'], photos: string[], onProgress: (percent: number) => void) => Promise<SubmitResult>;
  remove: (key: string) => void;
}

/** The 随手拍 outbox as the page sees it: sent again when the page shows and whenever the network comes back. */
export function useReportOutbox(enabled: boolean): ReportOutbox {
  const [items, setItems] = useState<OutboxItem[]>(() => readOutbox());
  const refresh = useCallback(() => setItems(readOutbox()), []);

  const flush = useCallback(async () => {
    if (!readOutbox().some((i) => !i.refused)) return;
    const { sent } = await flushOutbox(sender);
    refresh();
    if (sent.length) void Taro.showToast({ title: `已补发 ${sent.length} 条随手拍`, icon: 'success' });
  }, [refresh]);

  useEffect(() => {
    if (!enabled) return undefined;
    void flush();
    const onChange = (res: { isConnected: boolean }) => {
      if (res.isConnected) void flush();
    };
    Taro.onNetworkStatusChange(onChange);
    return () => Taro.offNetworkStatusChange(onChange);
  }, [enabled, flush]);
  useReshow(() => {
    if (enabled) void flush();
  });

  const submit = useCallback<ReportOutbox['submit']>(
    async (body, photos, onProgress) => {
      const item = enqueueReport(body, photos);
      refresh();
      try {
        return { sent: await sendQueued(item, sender, onProgress) };
      } catch (e) {
        if (isRetryable(e)) return { queued: true };
        removeFromOutbox(item.key);
        throw e;
      } finally {
        refresh();
      }
    },
    [refresh],
  );

  const remove = useCallback(
    (key: string) => {
      removeFromOutbox(key);
      refresh();
    },
    [refresh],
  );

  return { items, flush, submit, remove };
}
