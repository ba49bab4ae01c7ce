import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_TYPE_LABELS, type ActivityResponse } from '@xjy/shared/activity';
import StateView from '../../../../components/state-view';
import { useRequireLogin } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { useReshow } from '../../../../hooks/use-reshow';
import { listActivities } from '../../../../services/activities';
import { ROUTES } from '../../../../utils/routes';
import { activityPhase, formatWhen, PHASE_LABELS } from '../../../../utils/time';
import './index.scss';

export function ActivityCard({ a, onOpen }: { a: ActivityResponse; onOpen: () => void }) {
  const phase = activityPhase(a);
  return (
    <View className={`card activity-card activity-card--${phase}`} onClick={onOpen} data-testid={`activity-${a.id}`}>
      <View className='activity-card__head'>
        <Text className='activity-card__type'>{ACTIVITY_TYPE_LABELS[a.type]}</Text>
        <Text className={`activity-card__phase activity-card__phase--${a.myCheckIn ? 'done' : phase}`}>{a.myCheckIn ? '已签到' : PHASE_LABELS[phase]}</Text>
      </View>
      <Text className='activity-card__title'>{a.title}</Text>
      <Text className='muted'>{formatWhen(a.startsAt)}</Text>
      <Text className='muted'>
        {a.organization.name}
        {a.address ? ` · ${a.address}` : ''}
      </Text>
      {a.type === 'volunteer' && a.points > 0 ? <Text className='activity-card__points'>+{a.points} 积分</Text> : null}
    </View>
  );
}

/** Activities of both my organizations and all volunteer service; what can be checked in to now comes first. */
export default function ActivitiesPage() {
  const auth = useRequireLogin();
  const list = useRequest(() => listActivities('mine'), 'activities', auth.isLoggedIn);
  useReshow(() => void list.reload());
  Taro.usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = [...(list.data?.items ?? [])].sort((x, y) => Number(activityPhase(y) === 'open') - Number(activityPhase(x) === 'open'));

  return (
    <View className='page activities' data-testid='activities-page'>
      {list.loading && !list.data ? (
        <StateView kind='loading' title='正在加载活动…' />
      ) : list.error ? (
        <StateView kind='error' title='活动没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} />
      ) : items.length === 0 ? (
        <StateView
          kind='empty'
          title='近期没有活动'
          description='加入居住地或工作地组织后，这里会显示两边的组织生活，以及全市的志愿服务。'
          actionText='我的组织'
          onAction={() => void Taro.navigateTo({ url: ROUTES.myOrgs })}
        />
      ) : (
        items.map((a) => <ActivityCard key={a.id} a={a} onOpen={() => void Taro.navigateTo({ url: `${ROUTES.activity}?id=${a.id}` })} />)
      )}
    </View>
  );
}
