import { Text, View } from '@tarojs/components';
import { CHECK_IN_FLAG_LABELS, CHECK_IN_REFUSAL_LABELS, HOURS_STATUS_LABELS, REVIEW_STATUS_LABELS, type CheckInResponse } from '@xjy/shared/activity';
import StateView from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { getMyAttendance, listMyCheckIns } from '../../../../services/activities';
import { formatWhen } from '../../../../utils/time';
import './index.scss';

const STATUS_TEXT = { accepted: '签到成功', approved: '工作人员确认', refused: '未成功', rejected: '核实未通过' } as const;

/** Hours of a volunteer or training session: open, or signed out with the hours and whether they are confirmed. */
function HoursLine({ c }: { c: CheckInResponse }) {
  if (c.hoursStatus === null || c.status === 'refused' || c.status === 'rejected') return null;
  return (
    <Text className={`check-ins__hours check-ins__hours--${c.hoursStatus}`} data-testid='check-in-hours'>
      {c.signedOutAt ? `服务时长 ${c.hours ?? 0} 小时 · ${HOURS_STATUS_LABELS[c.hoursStatus]}` : '未签退，离开时请签退'}
      {c.closedBy ? ` · 工作人员补签退（${c.closeNote ?? ''}）` : ''}
    </Text>
  );
}

/** This quarter's attendance at either organization, and every check-in attempt with its outcome. */
export default function MyCheckInsPage() {
  const auth = useRequireLogin();
  const attendance = useRequest(() => getMyAttendance(), 'attendance', auth.isLoggedIn);
  const list = useRequest(listMyCheckIns, 'my-check-ins', auth.isLoggedIn);

  return (
    <View className='page check-ins' data-testid='my-check-ins'>
      {attendance.data ? (
        <View className='card check-ins__summary'>
          <View className='check-ins__figure'>
            <Text className='check-ins__number' data-testid='meetings-attended'>
              {attendance.data.meetingsAttended}
            </Text>
            <Text className='muted'>本季度组织生活</Text>
          </View>
          <View className='check-ins__figure'>
            <Text className='check-ins__number'>{attendance.data.activitiesAttended}</Text>
            <Text className='muted'>参加活动</Text>
          </View>
          <View className='check-ins__figure'>
            <Text className='check-ins__number'>{attendance.data.volunteerPoints}</Text>
            <Text className='muted'>志愿积分</Text>
          </View>
          <View className='check-ins__figure'>
            <Text className='check-ins__number' data-testid='confirmed-hours'>
              {attendance.data.confirmedHours}
            </Text>
            <Text className='muted'>确认时长（小时）</Text>
          </View>
        </View>
      ) : null}
      {list.loading && !list.data ? (
        <StateView kind='loading' title='正在加载…' />
      ) : list.error ? (
        <StateView kind='error' title='没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />
      ) : !list.data?.items.length ? (
        <StateView kind='empty' title='还没有签到记录' description='参加组织生活或志愿服务时，在现场扫码签到。' />
      ) : (
        list.data.items.map((c) => (
          <View key={c.id} className='card check-ins__item'>
            <Text className='check-ins__title'>{c.activityTitle}</Text>
            <Text className={`check-ins__status check-ins__status--${c.status}`}>
              {STATUS_TEXT[c.status]}
              {c.refusal && c.status === 'refused' ? `：${CHECK_IN_REFUSAL_LABELS[c.refusal]}` : ''}
              {c.pointsAwarded ? ` · +${c.pointsAwarded} 积分` : ''}
            </Text>
            <HoursLine c={c} />
            {c.review ? (
              <Text className={`check-ins__review check-ins__review--${c.review}`} data-testid='check-in-review'>
                {REVIEW_STATUS_LABELS[c.review]}：{c.flags.map((f) => CHECK_IN_FLAG_LABELS[f]).join('；')}
                {c.reviewNote ? `（${c.reviewNote}）` : ''}
              </Text>
            ) : null}
            <Text className='muted'>{formatWhen(c.createdAt)}</Text>
          </View>
        ))
      )}
    </View>
  );
}
