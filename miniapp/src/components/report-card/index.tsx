import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { REPORT_STATUS_LABELS, type ReportDetailResponse } from '@xjy/shared/report';
import PhotoStrip from '../photo-strip';

interface Props {
  report: ReportDetailResponse;
  /** The page's BEM block: its `__head`, `__desc`, `__photos`, `__photo` classes style the parts. */
  block: string;
  title: ReactNode;
  titleClassName: string;
  statusClassName: string;
  statusTestId: string;
  /** Warnings between the head and the description (overdue, flagged). */
  alerts?: ReactNode;
  /** Lines under the photos: who, where, when. */
  children?: ReactNode;
}

/** The top card of a report page: category and status, the description, the photos, then the page's own lines. */
export default function ReportCard({ report: r, block, title, titleClassName, statusClassName, statusTestId, alerts, children }: Props) {
  return (
    <View className='card'>
      <View className={`${block}__head`}>
        <Text className={titleClassName}>{title}</Text>
        <Text className={statusClassName} data-testid={statusTestId}>
          {REPORT_STATUS_LABELS[r.status]}
        </Text>
      </View>
      {alerts}
      <Text className={`${block}__desc`}>{r.description}</Text>
      <PhotoStrip photos={r.photos} className={`${block}__photos`} photoClassName={`${block}__photo`} alt={`${r.categoryLabel}的照片`} />
      {children}
    </View>
  );
}
