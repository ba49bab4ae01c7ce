import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import StateView from '../../components/state-view';
import { useRequireLogin } from '../../hooks/use-auth';
import { useRequest } from '../../hooks/use-request';
import { useReshow } from '../../hooks/use-reshow';
import { ROUTES } from '../../utils/routes';
import './index.scss';

/** 积分: the balance is the sum of the ledger, read fresh from /api/me. */
export default function PointsPage() {
  const auth = useRequireLogin();
  const me = useRequest(auth.refreshUser, auth.token ?? '', auth.isLoggedIn);
  useReshow(() => {
    if (auth.isLoggedIn) void me.reload();
  });

  if (!auth.isLoggedIn) {
    return (
      <View className='page' data-testid='points-page'>
        <StateView
          kind='empty'
          title='登录后查看你的积分'
          description='随手拍被采纳、参加志愿服务等都会记入新市民积分。'
          actionText='去登录'
          onAction={() => void Taro.navigateTo({ url: ROUTES.login })}
        />
      </View>
    );
  }

  const balance = me.data?.pointsBalance ?? auth.user?.pointsBalance;

  return (
    <View className='page points' data-testid='points-page'>
      <View className='points__balance-card'>
        <Text className='points__label'>当前积分</Text>
        {balance === undefined ? (
          <Text className='points__balance'>{me.loading ? '…' : '--'}</Text>
        ) : (
          <Text className='points__balance' data-testid='points-balance'>
            {balance}
          </Text>
        )}
        <Text className='points__hint'>积分可用于住房、子女入学、创业扶持等差异化服务</Text>
      </View>
      {me.error ? (
        <StateView kind='error' title='积分没有刷新' description={me.error.message} actionText='重试' onAction={() => void me.reload()} />
      ) : null}
      <View className='card'>
        <Text className='card__title'>积分明细</Text>
        <StateView
          kind='empty'
          testId='points-history-empty'
          title='还没有积分记录'
          description='随手拍被采纳（每条 5–10 分）等获得的积分会逐条记在这里，每一笔都可追溯。'
        />
      </View>
    </View>
  );
}
