import { Text, View } from '@tarojs/components';
import { MEETING_KIND_LABELS, type MeetingRuleProgress } from '@xjy/shared/activity';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { getOrganizationMeetings } from '../../../../services/activities';

/** "党小组会 1/1/0": a monthly rule per month, a quarterly one as its count, against the minimum. */
const progressText = (r: MeetingRuleProgress) => `${MEETING_KIND_LABELS[r.kind]} ${r.attended.join('/')}${r.per === 'month' ? `（每月 ≥${r.min}）` : `（每季 ≥${r.min}）`}`;

/** 三会一课 for one organization's quarter: each member against the rules, meetings at either organization counted once. */
export default function MeetingsView({ organizationId }: { organizationId: number }) {
  const view = useRequest(() => getOrganizationMeetings(organizationId), `meetings-${organizationId}`);
  if (view.loading && !view.data) return <StateView kind='loading' title='正在统计三会一课…' />;
  if (view.error || !view.data) return <StateView kind='error' title='没有统计出来' description={view.error?.message} actionText='重试' onAction={() => void view.reload()} />;
  const { quarter, items } = view.data;
  const missing = items.filter((i) => !i.met).length;
  return (
    <View className='card' data-testid='meetings-view'>
      <Text className='card__title'>
        {quarter} 三会一课（{missing} 人未达要求）
      </Text>
      {!items.length ? <Text className='muted'>该组织还没有已认证的成员</Text> : null}
      {items.map((i) => (
        <View key={i.member.id} className='row absentees__meetings' data-testid='meetings-member'>
          <Text className='row__label'>
            {i.member.nickname} {i.met ? '✓ 达标' : '未达标'}
          </Text>
          <View className='absentees__rules'>
            {i.rules.map((r) => (
              <Text key={r.kind} className={r.met ? 'absentees__rule' : 'absentees__rule absentees__rule--missing'}>
                {progressText(r)}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}
