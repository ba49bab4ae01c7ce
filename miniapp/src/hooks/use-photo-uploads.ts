import { useCallback, useMemo, useRef, useState } from 'react';
import type { MediaResponse } from '@xjy/shared/media';
import { errorMessage } from '../services/http';
import { uploadPhoto } from '../services/upload';
import { mediaUrl } from '../utils/media-url';

export interface PhotoUpload {
  key: string;
  /** The picked file while it uploads or after it failed; null for photos already stored. */
  path: string | null;
  media: MediaResponse | null;
  progress: number | null;
  error: string | null;
}

export interface PhotoUploads {
  items: PhotoUpload[];
  /** Start uploading picked files at once, each with its own progress. */
  add: (paths: string[]) => void;
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** Show stored photos (e.g. a station's) as the starting set. */
  reset: (photos: MediaResponse[]) => void;
  uploading: boolean;
  failed: number;
  /** Stored photos in the order shown. */
  mediaIds: number[];
  /** How many more may be added. */
  room: number;
}

/** Photos uploaded as soon as they are picked (staff forms on a working network), unlike 随手拍's outbox. */
export function usePhotoUploads(max: number): PhotoUploads {
  const [items, setItems] = useState<PhotoUpload[]>([]);
  const current = useRef(items);
  current.current = items;
  const seq = useRef(0);

  const patch = useCallback((key: string, change: Partial<PhotoUpload>) => {
    // A photo removed while it uploads stays removed: its late answer changes nothing.
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));
  }, []);

  const start = useCallback(
    (key: string, path: string) => {
      uploadPhoto(path, (progress) => patch(key, { progress }))
        .then((media) => patch(key, { media, progress: null, error: null }))
        .catch((e: unknown) => patch(key, { progress: null, error: errorMessage(e) }));
    },
    [patch],
  );

  const add = useCallback(
    (paths: string[]) => {
      const fresh = paths.slice(0, Math.max(0, max - current.current.length)).map((path) => ({ key: `upload-${++seq.current}`, path, media: null, progress: 0, error: null }));
      if (!fresh.length) return;
      setItems((list) => [...list, ...fresh]);
      for (const f of fresh) start(f.key, f.path);
    },
    [max, start],
  );

  const retry = useCallback(
    (key: string) => {
      const item = current.current.find((i) => i.key === key);
      if (!item?.path || item.media || !item.error) return;
      patch(key, { progress: 0, error: null });
      start(key, item.path);
    },
    [patch, start],
  );

  const remove = useCallback((key: string) => setItems((list) => list.filter((i) => i.key !== key)), []);
  const reset = useCallback((photos: MediaResponse[]) => setItems(photos.map((media) => ({ key: `media-${media.id}`, path: null, media, progress: null, error: null }))), []);

  return useMemo(
    () => ({
      items,
      add,
      remove,
      retry,
      reset,
      uploading: items.some((i) => !i.media && !i.error),
      failed: items.filter((i) => i.error).length,
      mediaIds: items.flatMap((i) => (i.media ? [i.media.id] : [])),
      room: Math.max(0, max - items.length),
    }),
    [items, add, remove, retry, reset, max],
  );
}

/** What PhotoGrid shows for an upload: the local file while it is at hand, else the stored thumbnail. */
export function uploadTile(i: PhotoUpload) {
  return { key: i.key, src: i.path ?? mediaUrl(i.media!.thumbUrl), progress: i.media ? null : i.progress, error: i.error };
}
