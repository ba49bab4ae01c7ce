import { Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaWallClock } from '@xjy/shared/china-time';
import { STATION_SERVICE_HOST_MAX, STATION_SERVICE_KIND_LABELS, STATION_SERVICE_KINDS, type StationServiceKind } from '@xjy/shared/station';
import { useState } from 'react';
import Button from '../../../../components/button';
import { useRequest } from '../../../../hooks/use-request';
import { errorMessage, isApiError } from '../../../../services/http';
import { cancelStationService, scheduleStationService, stationServices } from '../../../../services/stations';
import { sessionTime } from '../../../../utils/station-links';

const pad = (n: number) => String(n).padStart(2, '0');
/** Tomorrow in China time, as the date picker's YYYY-MM-DD. */
function tomorrow(): string {
  const d = chinaWallClock(Date.now() + 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 驿站服务: staff schedule 法律咨询, 心理辅导, 政策宣讲… at this station (kind, time, host) and cancel them. */
export default function ServicesSection({ stationId }: { stationId: number }) {
  const list = useRequest(() => stationServices(stationId), `services-${stationId}`);
  const [kind, setKind] = useState<StationServiceKind>('legal_consult');
  const [date, setDate] = useState(tomorrow());
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('11:00');
  const [host, setHost] = useState('');
  const [capacity, setCapacity] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const add = async () => {
    if (!host.trim()) {
      setError('请填写主讲人或机构');
      return;
    }
    const cap = capacity.trim() ? Number(capacity.trim()) : null;
    if (cap !== null && !(Number.isInteger(cap) && cap > 0)) {
      setError('人数上限须为正整数，不限则留空');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await scheduleStationService(stationId, { kind, startsAt: `${date}T${start}:00+08:00`, endsAt: `${date}T${end}:00+08:00`, host: host.trim(), capacity: cap });
      setHost('');
      setCapacity('');
      void Taro.showToast({ title: '已安排，骑手在驿站页可看到并报名', icon: 'none' });
      await list.reload();
    } catch (e) {
      const field = isApiError(e) ? (e.details as { fields?: Array<{ message: string }> } | undefined)?.fields?.[0]?.message : undefined;
      setError(field ?? errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const cancel = async (id: number, name: string) => {
    const answer = await Taro.showModal({ title: '取消服务', content: `确定取消「${name}」吗？已报名的骑手会在驿站页看到已取消。`, confirmText: '取消服务', cancelText: '不取消' });
    if (!answer.confirm) return;
    try {
      await cancelStationService(id);
      await list.reload();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className='card station-edit__services' data-testid='edit-services'>
      <Text className='card__title'>驿站服务</Text>
      {(list.data?.items ?? []).map((v) => (
        <View key={v.id} className='station-edit__service' data-testid='edit-service'>
          <Text className={v.cancelled ? 'muted' : ''}>
            {STATION_SERVICE_KIND_LABELS[v.kind]} · {sessionTime(v.startsAt, v.endsAt)} · {v.host} · 已报名 {v.signups}
            {v.capacity !== null ? `/${v.capacity}` : ''}
            {v.cancelled ? '（已取消）' : ''}
          </Text>
          {v.cancelled ? null : (
            <Text className='station-edit__service-cancel' data-testid='edit-service-cancel' onClick={() => void cancel(v.id, `${STATION_SERVICE_KIND_LABELS[v.kind]} ${sessionTime(v.startsAt, v.endsAt)}`)}>
              取消
            </Text>
          )}
        </View>
      ))}
      <View className='station-edit__service-kinds'>
        {STATION_SERVICE_KINDS.map((k) => (
          <Text key={k} className={`chip ${kind === k ? 'chip--on' : ''}`} aria-pressed={kind === k} data-testid={`service-kind-${k}`} onClick={() => setKind(k)}>
            {STATION_SERVICE_KIND_LABELS[k]}
          </Text>
        ))}
      </View>
      <View className='station-edit__service-time'>
        <Picker mode='date' value={date} start={tomorrow().slice(0, 4) + '-01-01'} onChange={(e) => setDate(String(e.detail.value))}>
          <Text className='station-edit__picker' data-testid='service-date'>
            日期：{date}
          </Text>
        </Picker>
        <Picker mode='time' value={start} onChange={(e) => setStart(String(e.detail.value))}>
          <Text className='station-edit__picker' data-testid='service-start'>
            开始：{start}
          </Text>
        </Picker>
        <Picker mode='time' value={end} onChange={(e) => setEnd(String(e.detail.value))}>
          <Text className='station-edit__picker' data-testid='service-end'>
            结束：{end}
          </Text>
        </Picker>
      </View>
      <Input className='station-edit__input' placeholder='主讲人或机构，例如：新乐市法律援助中心' aria-label='主讲人或机构' maxlength={STATION_SERVICE_HOST_MAX} value={host} onInput={(e) => setHost(e.detail.value)} data-testid='service-host' />
      <Input className='station-edit__input' type='number' placeholder='人数上限（选填，不限留空）' aria-label='人数上限' value={capacity} onInput={(e) => setCapacity(e.detail.value)} data-testid='service-capacity' />
      {error ? (
        <Text className='field-error' data-testid='service-error'>
          {error}
        </Text>
      ) : null}
      <Button className='btn btn--secondary' disabled={saving} onClick={() => void add()} data-testid='service-add'>
        {saving ? '安排中…' : '安排服务'}
      </Button>
    </View>
  );
}
