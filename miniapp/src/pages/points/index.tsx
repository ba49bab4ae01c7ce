import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro from '@tarojs/taro';
import type { LeaderboardPeriod, PointsEntryResponse } from '@xjy/shared/points';
import { POINTS_REASON_LABELS } from '@xjy/shared/enums';
import LoginPrompt from '../../components/login-prompt';
import StateView from '../../components/state-view';
import { useRequireLogin } from '../../hooks/use-auth';
import { useRequest } from '../../hooks/use-request';
import { useReshow } from '../../hooks/use-reshow';
import { errorMessage } from '../../services/http';
import { leaderboard, myPoints, myPointsEntries } from '../../services/points';
import { ROUTES } from '../../utils/routes';
import { formatWhen } from '../../utils/time';
import StatementCard from './statement-card';
import './index.scss';

const PERIODS: Array<{ key: LeaderboardPeriod; label: string }> = [
  { key: 'week', label: '本周' },
  { key: 'month', label: '本月' },
  { key: 'all', label: '总榜' },
];

/** 积分: the balance (the sum of the ledger), every entry behind it, and the leaderboard. */
export default function PointsPage() {
  const auth = useRequireLogin();
  const key = auth.token ?? '';
  const me = useRequest(myPoints, key, auth.isLoggedIn);
  const entries = useRequest(() => myPointsEntries(), key, auth.isLoggedIn);
  const [period, setPeriod] = useState<LeaderboardPeriod>('week');
  const board = useRequest(() => leaderboard(period), `${key}:${period}`, auth.isLoggedIn);
  const [older, setOlder] = useState<{ items: PointsEntryResponse[]; cursor: string | null } | null>(null);
  useReshow(() => {
    if (!auth.isLoggedIn) return;
    setOlder(null);
    void me.reload();
    void entries.reload();
    void board.reload();
  });

  if (!auth.isLoggedIn) {
    return (
      <View className='page' data-testid='points-page'>
        <LoginPrompt title='登录后查看你的积分' description='随手拍被采纳、参加志愿服务等都会记入新市民积分。' />
      </View>
    );
  }

  const balance = me.data?.balance ?? auth.user?.pointsBalance;
  const list = [...(entries.data?.items ?? []), ...(older?.items ?? [])];
  const cursor = older ? older.cursor : (entries.data?.nextCursor ?? null);
  const loadOlder = async () => {
    if (!cursor) return;
    try {
      const page = await myPointsEntries(cursor);
      setOlder({ items: [...(older?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

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
        {me.data ? (
          <Text className='points__hint'>
            今日随手拍积分 {me.data.reportPointsToday}/{me.data.reportPointsDailyCap}
          </Text>
        ) : null}
        <Text className='points__hint'>积分可用于住房、子女入学、创业扶持等差异化服务</Text>
      </View>
      {me.error ? <StateView kind='error' title='积分没有刷新' description={me.error.message} actionText='重试' onAction={() => void me.reload()} /> : null}

      <View className='card'>
        <Text className='card__title'>积分明细</Text>
        {entries.error ? <StateView kind='error' title='明细没有加载' description={entries.error.message} actionText='重试' onAction={() => void entries.reload()} /> : null}
        {!entries.error && !entries.loading && list.length === 0 ? (
          <StateView kind='empty' testId='points-history-empty' title='还没有积分记录' description='随手拍被采纳（每条 5–10 分）等获得的积分会逐条记在这里，每一笔都可追溯。' />
        ) : null}
        {list.map((e) => (
          <View
            key={e.id}
            className='row'
            data-testid='points-entry'
            onClick={e.sourceType === 'report' ? () => void Taro.navigateTo({ url: `${ROUTES.reportDetail}?id=${e.sourceId}` }) : undefined}
          >
            <View className='points__entry-text'>
              <Text>{POINTS_REASON_LABELS[e.reason]}</Text>
              <Text className='muted'>{formatWhen(e.createdAt)}</Text>
            </View>
            <Text className={e.delta >= 0 ? 'points__plus' : 'points__minus'}>
              {e.delta >= 0 ? '+' : ''}
              {e.delta}
            </Text>
          </View>
        ))}
        {cursor ? (
          <Button className='btn btn--plain' onClick={() => void loadOlder()}>
            更早的记录
          </Button>
        ) : null}
      </View>

      <StatementCard sessionKey={key} />

      <View className='card' data-testid='leaderboard'>
        <Text className='card__title'>积分榜</Text>
        <View className='points__tabs'>
          {PERIODS.map((p) => (
            <Text key={p.key} className={`points__tab ${period === p.key ? 'points__tab--on' : ''}`} onClick={() => setPeriod(p.key)}>
              {p.label}
            </Text>
          ))}
        </View>
        {board.error ? <StateView kind='error' title='积分榜没有加载' description={board.error.message} actionText='重试' onAction={() => void board.reload()} /> : null}
        {board.data && board.data.items.length === 0 ? <Text className='muted'>这段时间还没有人获得积分</Text> : null}
        {board.data?.items.slice(0, 20).map((row) => (
          <View key={row.userId} className={`row ${row.userId === auth.user?.id ? 'points__me' : ''}`}>
            <Text className='points__rank'>{row.rank}</Text>
            <Text className='points__name'>{row.nickname}</Text>
            <Text className='points__plus'>{row.points}</Text>
          </View>
        ))}
        {board.data?.me && board.data.me.rank > 20 ? (
          <View className='row points__me'>
            <Text className='points__rank'>{board.data.me.rank}</Text>
            <Text className='points__name'>我</Text>
            <Text className='points__plus'>{board.data.me.points}</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
