import { Text, View } from '@tarojs/components';
import { REPORT_EVENT_LABELS, REPORT_OUTCOME_LABELS, REPORT_RATING_LABELS, REPORT_REJECT_REASON_LABELS, type ReportEventResponse } from '@xjy/shared/report';
import PhotoStrip from '../photo-strip';
import { formatWhen } from '../../utils/time';
import './index.scss';

function detail(e: ReportEventResponse): string | null {
  if (e.type === 'accepted') return e.points ? `+${e.points} 积分` : '积分已发放过或已达今日上限';
  if (e.type === 'points_reversed' && e.points) return `${e.points} 积分`;
  if (e.type === 'rejected' && e.reason) return REPORT_REJECT_REASON_LABELS[e.reason];
  if (e.type === 'dispatched' && e.departmentName) return `交由 ${e.departmentName}`;
  if (e.type === 'duplicate' && e.ofReportId) return `与第 ${e.ofReportId} 号上报重复`;
  if ((e.type === 'extension_requested' || e.type === 'extension_approved') && e.hours) return `${e.hours} 小时`;
  if (e.type === 'closed' && e.outcome) return REPORT_OUTCOME_LABELS[e.outcome];
  if (e.type === 'rated' && e.rating) return REPORT_RATING_LABELS[e.rating];
  if (e.type === 'confirmed' && e.fixed !== null) return e.fixed ? '已解决' : '未解决，转工作人员复查';
  if (e.type === 'escalated') return e.escalatedToName ? `督办至 ${e.escalatedToName}` : '已督办';
  return null;
}

function actorLabel(role: NonNullable<ReportEventResponse['actor']>['role']): string {
  if (role === 'worker') return '上报人';
  if (role === 'department') return '处置部门';
  return '工作人员';
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
              {e.actor ? (
                <Text className='muted'>
                  {actorLabel(e.actor.role)} {e.actor.nickname}
                </Text>
              ) : null}
              {e.late ? <Text className='timeline__late'>超过时限完成</Text> : null}
              {extra ? <Text className='timeline__extra'>{extra}</Text> : null}
              {e.note ? <Text className='timeline__note'>{e.note}</Text> : null}
              {e.photos.length ? (
                <PhotoStrip photos={e.photos} className='timeline__photos' photoClassName='timeline__photo' alt='处理照片' />
              ) : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
