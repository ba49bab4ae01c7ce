import Taro from '@tarojs/taro';
import { MEDIA_MAX_BYTES } from '@xjy/shared/media';
import { ensurePrivacyConsent } from './privacy';

/**
 * Up to `room` photos from the camera or the album, compressed, after the privacy consent chooseMedia needs.
 * Files the server would refuse for size are left out, with a toast saying how many. Cancelled: none.
 */
export async function choosePhotos(room: number): Promise<string[]> {
  if (room <= 0 || !(await ensurePrivacyConsent())) return [];
  let files: Array<{ tempFilePath: string; size?: number }>;
  try {
    files = (await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })).tempFiles;
  } catch {
    return [];
  }
  const fitting = files.filter((f) => !(f.size && f.size > MEDIA_MAX_BYTES));
  if (fitting.length < files.length) void Taro.showToast({ title: `${files.length - fitting.length} 张照片超过 ${MEDIA_MAX_BYTES / 1024 / 1024} MB，未添加`, icon: 'none' });
  return fitting.slice(0, room).map((f) => f.tempFilePath);
}
