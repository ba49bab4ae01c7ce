import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro from '@tarojs/taro';
import type { ReportSummaryResponse } from '@xjy/shared/report';
import { REPORT_STATUS_LABELS } from '@xjy/shared/report';
import StateView from '../../components/state-view';
import { useRequireLogin } from '../../hooks/use-auth';
import { useRequest } from '../../hooks/use-request';
import { useReshow } from '../../hooks/use-reshow';
import { errorMessage } from '../../services/http';
import { markMessagesRead, myMessages, myReports } from '../../services/reports';
import { mediaUrl } from '../../utils/media-url';
import { ROUTES } from '../../utils/routes';
import { formatWhen } from '../../utils/time';
import './index.scss';

/** 我的随手拍: my reports newest first, with status and points, and the messages about them. */
export default function MyReportsPage() {
  const auth = useRequireLogin();
  const first = useRequest(() => myReports(), auth.token ?? '', auth.isLoggedIn);
  const messages = useRequest(() => myMessages(), auth.token ?? '', auth.isLoggedIn);
  const [more, setMore] = useState<{ items: ReportSummaryResponse[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useReshow(() => {
    setMore(null);
    void first.reload();
    void messages.reload();
  });

  if (first.loading && !first.data) return <StateView kind='loading' title='正在加载…' />;
  if (first.error) return <StateView kind='error' title='没有加载出来' description={first.error.message} actionText='重试' onAction={() => void first.reload()} />;
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await myReports(cursor);
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  };

  const unread = messages.data?.unread ?? 0;
  return (
    <View className='page my-reports' data-testid='my-reports'>
      {messages.data?.items.length ? (
        <View className='card'>
          <View className='my-reports__msg-head'>
            <Text className='card__title'>消息{unread ? `（${unread} 条未读）` : ''}</Text>
            {unread ? (
              <Text className='my-reports__read' onClick={() => void markMessagesRead().then(() => messages.reload())}>
                全部已读
              </Text>
            ) : null}
          </View>
          {messages.data.items.slice(0, 5).map((m) => (
            <View key={m.id} className='my-reports__msg' onClick={() => m.reportId && void Taro.navigateTo({ url: `${ROUTES.reportDetail}?id=${m.reportId}` })}>
              <Text className={m.read ? '' : 'my-reports__unread'}>{m.title}</Text>
              <Text className='muted'>
                {m.body} · {formatWhen(m.createdAt)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {items.length === 0 ? (
        <StateView kind='empty' title='还没有随手拍' description='看到城市问题，拍下来上报，被采纳可以获得积分。' actionText='去随手拍' onAction={() => void Taro.switchTab({ url: ROUTES.report })} />
      ) : (
        items.map((r) => (
          <View key={r.id} className='card my-reports__item' onClick={() => void Taro.navigateTo({ url: `${ROUTES.reportDetail}?id=${r.id}` })} data-testid='my-report-item'>
            {r.thumbUrl ? <Image className='my-reports__thumb' src={mediaUrl(r.thumbUrl)} mode='aspectFill' nativeProps={{ alt: `${r.categoryLabel}的照片` }} /> : <View className='my-reports__thumb' />}
            <View className='my-reports__text'>
              <View className='my-reports__line'>
                <Text className='my-reports__cat'>{r.categoryLabel}</Text>
                <Text className={`my-reports__status my-reports__status--${r.statusGroup}`}>{REPORT_STATUS_LABELS[r.status]}</Text>
              </View>
              <Text className='my-reports__desc'>{r.description}</Text>
              <Text className='muted'>
                {formatWhen(r.createdAt)}
                {r.pointsAwarded > 0 ? ` · +${r.pointsAwarded} 积分` : ''}
              </Text>
            </View>
          </View>
        ))
      )}
      {cursor ? (
        <Button className='btn btn--plain' loading={loadingMore} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
