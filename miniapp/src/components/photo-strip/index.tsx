import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { mediaUrl } from '../../utils/media-url';

interface Photo {
  id: number;
  url: string;
  thumbUrl: string;
}

/** Opens the full-size photos, starting at the one tapped. */
export function previewPhotos(photos: Photo[], current: Photo): void {
  void Taro.previewImage({ urls: photos.map((x) => mediaUrl(x.url)), current: mediaUrl(current.url) });
}

/** A row of photo thumbnails; a tap opens them full size. */
/** `alt` names the photos for screen readers (every thumbnail needs a text alternative). */
export default function PhotoStrip({ photos, className, photoClassName, alt = '照片' }: { photos: Photo[]; className: string; photoClassName: string; alt?: string }) {
  return (
    <View className={className}>
      {photos.map((p) => (
        <Image key={p.id} className={photoClassName} src={mediaUrl(p.thumbUrl)} mode='aspectFill' nativeProps={{ alt }} onClick={() => previewPhotos(photos, p)} />
      ))}
    </View>
  );
}
