import type { ReactNode } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { mediaUrl } from '../../utils/media-url';

interface Row {
  id: number;
  categoryLabel: string;
  description: string;
  thumbUrl: string | null;
}

interface Props {
  report: Row;
  /** The list's BEM block: its `__item`, `__thumb`, `__text`, `__line`, `__cat`, `__desc` classes style the parts. */
  block: string;
  /** Where a tap on the row goes. */
  url: string;
  testId: string;
  /** Beside the number and category: a status or badges. */
  aside?: ReactNode;
  /** Under the description: where, when, more badges. */
  children?: ReactNode;
}

/** One report in a worker's list: thumbnail, number and category, the description, then the list's own lines. */
export default function ReportRow({ report: r, block, url, testId, aside, children }: Props) {
  return (
    <View className={`card ${block}__item`} onClick={() => void Taro.navigateTo({ url })} data-testid={testId}>
      {r.thumbUrl ? <Image className={`${block}__thumb`} src={mediaUrl(r.thumbUrl)} mode='aspectFill' nativeProps={{ alt: `${r.categoryLabel}的照片` }} /> : <View className={`${block}__thumb`} />}
      <View className={`${block}__text`}>
        <View className={`${block}__line`}>
          <Text className={`${block}__cat`}>
            #{r.id} {r.categoryLabel}
          </Text>
          {aside}
        </View>
        <Text className={`${block}__desc`}>{r.description}</Text>
        {children}
      </View>
    </View>
  );
}
