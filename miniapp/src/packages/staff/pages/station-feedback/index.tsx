import { Text, View } from '@tarojs/components';
import Button from '../../../../components/button';
import Taro from '@tarojs/taro';
import { STATION_FEEDBACK_PRIORITY_LABELS, STATION_FEEDBACK_RESOLUTION_LABELS, STATION_FEEDBACK_RESOLUTIONS, STATION_FEEDBACK_TYPE_LABELS, type StationFeedbackResolution } from '@xjy/shared/station';
import { useState } from 'react';
import StateView from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { errorMessage } from '../../../../services/http';
import { feedbackQueue, resolveFeedback } from '../../../../services/stations';
import { ROUTES } from '../../../../utils/routes';
import { formatWhen } from '../../../../utils/time';
import StaffOnly from '../../components/staff-only';
import './index.scss';

/** Workers' reports about stations in my areas: high priority (riders found it closed) first, then oldest first. */
function FeedbackQueue() {
  const queue = useRequest(() => feedbackQueue('open'), 'feedback-open');
  const [busy, setBusy] = useState<number | null>(null);

  const resolve = async (id: number, resolution: StationFeedbackResolution) => {
    setBusy(id);
    try {
      await resolveFeedback(id, { resolution });
      await queue.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      await queue.reload();
    } finally {
      setBusy(null);
    }
  };

  if (queue.loading && !queue.data) return <StateView kind='loading' title='正在加载…' />;
  if (queue.error) return <StateView kind='error' title='没能加载反馈' description={queue.error.message} actionText='重试' onAction={() => void queue.reload()} />;
  if (!queue.data?.items.length) return <StateView kind='empty' title='没有待处理的反馈' description='骑手反馈驿站信息有误时会出现在这里' testId='feedback-empty' />;
  return (
    <View className='page station-feedback' data-testid='station-feedback'>
      {queue.data.items.map((f) => (
        <View key={f.id} className={`card ${f.priority === 'high' ? 'station-feedback--high' : ''}`} data-testid='feedback-item'>
          {f.priority === 'high' ? (
            <Text className='station-feedback__priority' data-testid='feedback-high'>
              {STATION_FEEDBACK_PRIORITY_LABELS.high} · 多位骑手确认
            </Text>
          ) : null}
          <Text className='station-feedback__station' onClick={() => void Taro.navigateTo({ url: `${ROUTES.staffStationEdit}?id=${f.stationId}` })}>
            {f.stationName} ›
          </Text>
          <Text className='station-feedback__type'>{STATION_FEEDBACK_TYPE_LABELS[f.type]}</Text>
          {f.note ? <Text className='station-feedback__note'>{f.note}</Text> : null}
          <Text className='muted' data-testid='feedback-time'>
            {formatWhen(f.createdAt)}
          </Text>
          <View className='station-feedback__actions'>
            {STATION_FEEDBACK_RESOLUTIONS.map((r) => (
              <Button key={r} className={`btn ${r === 'confirmed_correct' ? 'btn--primary' : 'btn--secondary'}`} disabled={busy === f.id} onClick={() => void resolve(f.id, r)} data-testid={`resolve-${r}`}>
                {STATION_FEEDBACK_RESOLUTION_LABELS[r]}
              </Button>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}

export default function StationFeedbackPage() {
  return (
    <StaffOnly>
      <FeedbackQueue />
    </StaffOnly>
  );
}
