import Taro from '@tarojs/taro';
import type { MediaResponse } from '@xjy/shared/media';
import { getToken } from '../utils/session';
import { buildUrl, networkError, responseError } from './http';

const UPLOAD_TIMEOUT_MS = 60_000;

/**
 * The upload wrapper beside http.ts: one photo as multipart/form-data through Taro.uploadFile (on H5 Taro sends
 * the picked file's blob with XHR), with the same token and the same error mapping. Not retried here: a photo
 * that fails stays in the outbox and is sent again later.
 */
export function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<MediaResponse> {
  const token = getToken();
  return new Promise<MediaResponse>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: buildUrl('/api/media'),
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
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(body as MediaResponse);
        else reject(responseError(res.statusCode, body));
      },
      fail: (cause) => reject(networkError(cause)),
    });
    if (onProgress && task && typeof task.onProgressUpdate === 'function') task.onProgressUpdate((p) => onProgress(p.progress));
  });
}
