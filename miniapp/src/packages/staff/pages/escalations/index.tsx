import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { EscalationItemResponse } from '@xjy/shared/report';
import Button from '../../../../components/button';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useReshow } from '../../../../hooks/use-reshow';
import { listEscalations } from '../../../../services/closed-loop';
import { errorMessage } from '../../../../services/http';
import { caseHolder } from '../../../../utils/closed-loop';
import { ROUTES } from '../../../../utils/routes';
import { formatWhen } from '../../../../utils/time';
import StaffOnly from '../../components/staff-only';
import './index.scss';

/** Hours overdue, read at a glance: "超时 5 小时", "超时 2 天 3 小时". */
export function overdueText(hours: number): string {
  const h = Math.max(0, Math.floor(hours));
  if (h < 1) return '超时不到 1 小时';
  if (h < 24) return `超时 ${h} 小时`;
  return `超时 ${Math.floor(h / 24)} 天${h % 24 ? ` ${h % 24} 小时` : ''}`;
}

function EscalationQueue() {
  const list = useRequest(() => listEscalations(), 'escalations');
  const [more, setMore] = useState<{ items: EscalationItemResponse[]; cursor: string | null } | null>(null);
  useReshow(() => {
    setMore(null);
    void list.reload();
  });
  const items = [...(list.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (list.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const next = await listEscalations(cursor);
      setMore({ items: [...(more?.items ?? []), ...next.items], cursor: next.nextCursor });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className='page escalations' data-testid='escalations'>
      <Text className='muted escalations__intro'>超过时限的案件逐级上报到上一级区域，这里是提交给你督办的案件，按超时长短排列。</Text>
      {list.loading && !list.data ? <StateView kind='loading' title='正在加载…' /> : null}
      {list.error ? <StateView kind='error' title='没有加载出来' description={list.error.message} actionText='重试' onAction={() => void list.reload()} /> : null}
      {list.data && !list.error && items.length === 0 ? <StateView kind='empty' title='没有需要督办的案件' description='各环节都在时限内。' /> : null}
      {!list.error
        ? items.map((e) => (
            <View key={e.report.id} className='card escalations__item' onClick={() => void Taro.navigateTo({ url: `${ROUTES.staffReport}?id=${e.report.id}` })} data-testid='escalation-item'>
              <View className='escalations__line'>
                <Text className='escalations__title'>
                  #{e.report.id} {e.report.categoryLabel}
                </Text>
                <Text className='escalations__overdue'>{overdueText(e.hoursOverdue)}</Text>
              </View>
              <Text className='escalations__row'>
                环节：{e.stageLabel} · 办理方：{caseHolder({ holder: e.holder, areaName: e.report.areaName })}
              </Text>
              <Text className='muted'>
                {e.report.areaName} · 时限 {formatWhen(e.dueAt)}
              </Text>
              {e.escalatedTo ? (
                <Text className='escalations__level'>
                  已督办至 {e.escalatedTo.name}
                  {e.escalatedAt ? `（${formatWhen(e.escalatedAt)}）` : ''}
                </Text>
              ) : null}
            </View>
          ))
        : null}
      {cursor && !list.error ? (
        <Button className='btn btn--plain' onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

export default function EscalationsPage() {
  return (
    <StaffOnly>
      <EscalationQueue />
    </StaffOnly>
  );
}
