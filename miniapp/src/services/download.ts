import { apiBase } from '../utils/api-base';
import { saveDownload } from '../utils/file-download';
import { getToken } from '../utils/session';
import { ApiError } from './http';

/** Downloads an API file (xlsx export) with the session token, and opens or saves it as the platform allows. */
export async function downloadWithSession(path: string, filename: string): Promise<void> {
  const token = getToken();
  if (!token) throw new ApiError('unauthenticated', 401, '请先登录');
  await saveDownload(`${apiBase()}${path}`, token, filename);
}
