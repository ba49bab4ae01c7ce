import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REPORT_EVENT_LABELS, REPORT_REJECT_REASON_LABELS, type ReportEventResponse } from '@xjy/shared/report';
import { mediaUrl } from '../../utils/media-url';
import { formatWhen } from '../../utils/time';
import './index.scss';

function detail(e: ReportEventResponse): string | null {
  if (e.type === 'accepted') return e.points ? `+${e.points} 积分` : '积分已发放过或已达今日上限';
  if (e.type === 'points_reversed' && e.points) return `${e.points} 积分`;
  if (e.type === 'rejected' && e.reason) return REPORT_REJECT_REASON_LABELS[e.reason];
  if (e.type === 'dispatched' && e.departmentName) return `交由 ${e.departmentName}`;
  if (e.type === 'duplicate' && e.ofReportId) return `与第 ${e.ofReportId} 号上报重复`;
  return null;
}

/** Every step of a report, oldest first: who, when, what and why (一办到底). */
export default function ReportTimeline({ events }: { events: ReportEventResponse[] }) {
  return (
    <View className='timeline' data-testid='report-timeline'>
      {events.map((e) => {
        const extra = detail(e);
        return (
          <View key={e.id} className='timeline__item' data-testid={`timeline-${e.type}`}>
            <View className='timeline__dot' />
            <View className='timeline__body'>
              <View className='timeline__head'>
                <Text className='timeline__title'>{REPORT_EVENT_LABELS[e.type]}</Text>
                <Text className='timeline__time'>{formatWhen(e.createdAt)}</Text>
              </View>
              {e.actor ? <Text className='muted'>{e.actor.role === 'worker' ? '上报人' : '工作人员'} {e.actor.nickname}</Text> : null}
              {extra ? <Text className='timeline__extra'>{extra}</Text> : null}
              {e.note ? <Text className='timeline__note'>{e.note}</Text> : null}
              {e.photos.length ? (
                <View className='timeline__photos'>
                  {e.photos.map((p) => (
                    <Image
                      key={p.id}
                      className='timeline__photo'
                      src={mediaUrl(p.thumbUrl)}
                      mode='aspectFill'
                      onClick={() => void Taro.previewImage({ urls: e.photos.map((x) => mediaUrl(x.url)), current: mediaUrl(p.url) })}
                    />
                  ))}
                </View>
              ) : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
