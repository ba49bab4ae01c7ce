import Taro from '@tarojs/taro';
import type { MediaResponse } from '@xjy/shared/media';
import { getToken } from '../utils/session';
import { buildUrl, networkError, responseError, type RequestOptions } from './http';

const UPLOAD_TIMEOUT_MS = 60_000;

export interface UploadOptions {
  query?: RequestOptions['query'];
  onProgress?: (percent: number) => void;
}

/**
 * The upload wrapper beside http.ts: one file as multipart/form-data (field `file`) through Taro.uploadFile (on H5
 * Taro sends the picked file's blob with XHR), with the same token and the same error mapping. Never retried
 * here: an upload is not idempotent, and a photo that fails stays in the outbox to be sent again later.
 */
export function uploadFile<T>(path: string, filePath: string, { query, onProgress }: UploadOptions = {}): Promise<T> {
  const token = getToken();
  return new Promise<T>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: buildUrl(path, query),
      filePath,
      name: 'file',
      header: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      timeout: UPLOAD_TIMEOUT_MS,
      success: (res) => {
        let body: unknown = res.data;
        try {
          body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
        } catch {
          /* not JSON: mapped as an HTTP error below */
        }
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(body as T);
        else reject(responseError(res.statusCode, body));
      },
      fail: (cause) => reject(networkError(cause)),
    });
    // Taro's task is also a promise that rejects on failure; `fail` above already reports it, so it is handled here
    // (otherwise every failed upload on H5 is an unhandled rejection).
    const settled = task as unknown as { catch?: (f: () => void) => unknown } | undefined;
    if (settled && typeof settled.catch === 'function') settled.catch(() => undefined);
    if (onProgress && task && typeof task.onProgressUpdate === 'function') task.onProgressUpdate((p) => onProgress(p.progress));
  });
}

/** One photo for a report or a station; the answer's id is what the report or station refers to. */
export const uploadPhoto = (filePath: string, onProgress?: (percent: number) => void): Promise<MediaResponse> => uploadFile<MediaResponse>('/api/media', filePath, { onProgress });
