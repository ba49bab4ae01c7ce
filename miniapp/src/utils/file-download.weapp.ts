import Taro from '@tarojs/taro';
import { ApiError } from '../services/http';

/** WeChat downloads to a temp file and opens it in its document viewer, from where it can be forwarded. */
export async function saveDownload(url: string, token: string, _filename: string): Promise<void> {
  let result: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    result = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError('network_error', 0, '网络连接失败，请检查网络后重试');
  }
  if (result.statusCode !== 200) throw new ApiError('http_error', result.statusCode, `下载失败 (${result.statusCode})`);
  await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true });
}
