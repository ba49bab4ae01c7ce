import { ApiError } from '../services/http';

/** The browser fetches with the token, then saves the blob under a readable name. */
export async function saveDownload(url: string, token: string, filename: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError('network_error', 0, '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(body?.code ?? 'http_error', res.status, body?.message ?? `下载失败 (${res.status})`);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
