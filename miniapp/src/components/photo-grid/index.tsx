import { Image, Text, View } from '@tarojs/components';
import './index.scss';

export interface PhotoTile {
  key: string;
  /** A local temp path or a thumbnail link. */
  src: string;
  /** 0–100 while the photo uploads; absent once it is stored (or when it is sent later). */
  progress?: number | null;
  /** Why the upload failed; the tile then offers a retry. */
  error?: string | null;
}

interface PhotoGridProps {
  tiles: PhotoTile[];
  max: number;
  onAdd: () => void;
  onRemove: (key: string) => void;
  onRetry?: (key: string) => void;
  addTestId?: string;
}

/** Thumbnails with a big remove button each, an add tile until `max`, and per-photo upload progress or error. */
export default function PhotoGrid({ tiles, max, onAdd, onRemove, onRetry, addTestId = 'photo-add' }: PhotoGridProps) {
  return (
    <View className='photo-grid'>
      {tiles.map((t, i) => (
        <View key={t.key} className={`photo-grid__tile ${t.error ? 'photo-grid__tile--failed' : ''}`} data-testid='photo-tile'>
          <Image className='photo-grid__img' src={t.src} mode='aspectFill' nativeProps={{ alt: `第 ${i + 1} 张照片` }} />
          {t.progress !== undefined && t.progress !== null && !t.error ? (
            <View className='photo-grid__overlay' data-testid='photo-progress'>
              <Text>上传中 {Math.round(t.progress)}%</Text>
              <View className='photo-grid__bar'>
                <View className='photo-grid__bar-fill' style={{ width: `${Math.max(0, Math.min(100, t.progress))}%` }} />
              </View>
            </View>
          ) : null}
          {t.error ? (
            <View className='photo-grid__overlay photo-grid__overlay--error' data-testid='photo-error'>
              <Text className='photo-grid__error-text'>上传失败：{t.error}</Text>
              {onRetry ? (
                <Text className='photo-grid__retry' onClick={() => onRetry(t.key)} data-testid='photo-retry'>
                  重试
                </Text>
              ) : null}
            </View>
          ) : null}
          <Text className='photo-grid__remove' onClick={() => onRemove(t.key)} data-testid='photo-remove'>
            ×
          </Text>
        </View>
      ))}
      {tiles.length < max ? (
        <View className='photo-grid__tile photo-grid__tile--add' onClick={onAdd} data-testid={addTestId}>
          <Text className='photo-grid__plus' aria-hidden='true'>＋</Text>
          <Text className='muted'>拍照/相册</Text>
        </View>
      ) : null}
    </View>
  );
}
