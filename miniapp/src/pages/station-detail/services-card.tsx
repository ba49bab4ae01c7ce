import { Text, View } from '@tarojs/components';
import { STATION_SERVICE_KIND_LABELS, type StationServiceResponse } from '@xjy/shared/station';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../components/button';
import { useRequest } from '../../hooks/use-request';
import { errorMessage } from '../../services/http';
import { signUpForService, stationServices } from '../../services/stations';
import { sessionTime } from '../../utils/station-links';

/** 驿站服务: upcoming sessions (法律咨询, 心理辅导…) at this station, with sign-up. */
export default function ServicesCard({ stationId }: { stationId: number }) {
  const list = useRequest(() => stationServices(stationId), String(stationId));
  const [busy, setBusy] = useState<number | null>(null);
  const [changed, setChanged] = useState<Record<number, StationServiceResponse>>({});
  const items = (list.data?.items ?? []).map((v) => changed[v.id] ?? v).filter((v) => !v.cancelled);
  if (!items.length) return null;

  const toggle = async (v: StationServiceResponse) => {
    setBusy(v.id);
    try {
      const next = await signUpForService(v.id, !v.signedUp);
      setChanged((m) => ({ ...m, [v.id]: next }));
      void Taro.showToast({ title: next.signedUp ? '已报名，开始前一天会在驿站页提醒你' : '已取消报名', icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='card' data-testid='station-services'>
      <Text className='card__title'>驿站服务</Text>
      {items.map((v) => (
        <View key={v.id} className='station-detail__service' data-testid='station-service'>
          <View>
            <Text className='station-detail__service-kind'>{STATION_SERVICE_KIND_LABELS[v.kind]}</Text>
            <Text className='muted'>
              {sessionTime(v.startsAt, v.endsAt)} · {v.host}
              {v.capacity !== null ? ` · 已报名 ${v.signups}/${v.capacity}` : v.signups ? ` · 已报名 ${v.signups} 人` : ''}
            </Text>
            {v.note ? <Text className='muted'>{v.note}</Text> : null}
          </View>
          <Button
            className={`btn ${v.signedUp ? 'btn--plain' : 'btn--secondary'} btn--small`}
            data-testid='service-signup'
            disabled={busy === v.id}
            onClick={() => void toggle(v)}
          >
            {v.signedUp ? '取消报名' : '报名'}
          </Button>
        </View>
      ))}
    </View>
  );
}
