import { Text, Textarea, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro, { useRouter } from '@tarojs/taro';
import { AMENITY_LABELS, STATION_KIND_LABELS } from '@xjy/shared/enums';
import { chinaWeekday } from '@xjy/shared/china-time';
import { WEEKDAYS, WEEKDAY_LABELS, rangesOn } from '@xjy/shared/opening-hours';
import { STATION_FEEDBACK_NOTE_MAX, STATION_FEEDBACK_TYPE_LABELS, STATION_FEEDBACK_TYPES, type StationFeedbackType } from '@xjy/shared/station';
import { useState } from 'react';
import StateView from '../../components/state-view';
import { useRequireLogin } from '../../hooks/use-auth';
import { useRequest } from '../../hooks/use-request';
import { errorMessage } from '../../services/http';
import { getStation, sendStationFeedback } from '../../services/stations';
import { mediaUrl } from '../../utils/media-url';
import { AMENITY_ICONS, openingText, todayHours } from '../../utils/station-format';
import './index.scss';

/** One station: is it open now, today's hours, services, and navigate / call / report a problem. */
export default function StationDetailPage() {
  const { user } = useRequireLogin();
  const id = Number(useRouter().params.id);
  const station = useRequest(() => getStation(id), String(id), Boolean(user) && Number.isInteger(id) && id > 0);
  const [reporting, setReporting] = useState(false);
  const [type, setType] = useState<StationFeedbackType | null>(null);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);

  if (!Number.isInteger(id) || id <= 0) return <StateView kind='error' title='没有找到这个驿站' testId='station-missing' />;
  if (station.loading && !station.data) return <StateView kind='loading' title='正在加载驿站…' />;
  if (station.error || !station.data) {
    const gone = station.error?.code === 'station_not_found';
    return (
      <StateView
        kind='error'
        title={gone ? '这个驿站已暂停开放或不存在' : '没能加载驿站'}
        description={gone ? undefined : station.error?.message}
        actionText={gone ? undefined : '重试'}
        onAction={gone ? undefined : () => void station.reload()}
        testId='station-error'
      />
    );
  }
  const s = station.data;
  const today = chinaWeekday(Date.now());

  const send = async () => {
    if (!type || sending) return;
    setSending(true);
    setSendError(null);
    try {
      await sendStationFeedback(s.id, { type, note: note.trim() || undefined });
      setReporting(false);
      setType(null);
      setNote('');
      void Taro.showToast({ title: '已提交，工作人员会尽快核实', icon: 'none' });
    } catch (e) {
      setSendError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className='page station-detail' data-testid='station-detail'>
      <View className='card'>
        <Text className='station-detail__kind'>{STATION_KIND_LABELS[s.kind]}</Text>
        <Text className='station-detail__name' data-testid='station-name'>
          {s.name}
        </Text>
        <Text className={`station-detail__open ${s.openNow ? 'station-detail__open--yes' : ''}`} data-testid='station-open-now'>
          {openingText(s.openNow, s.nextChange)}
        </Text>
        <Text className='muted' data-testid='station-today'>
          今日（{WEEKDAY_LABELS[today]}）：{todayHours(s.hours)}
        </Text>
        {s.closures.some((c) => Date.parse(c.to) > Date.now()) ? (
          <Text className='station-detail__closure' data-testid='station-closure'>
            {s.closures
              .filter((c) => Date.parse(c.to) > Date.now())
              .map((c) => `临时闭站 ${c.from.slice(0, 10)} 至 ${c.to.slice(0, 10)}${c.reason ? `（${c.reason}）` : ''}`)
              .join('；')}
          </Text>
        ) : null}
        <Text className='station-detail__address'>{s.address}</Text>
        {s.hostUnit ? <Text className='muted'>承办单位：{s.hostUnit}</Text> : null}
      </View>

      <View className='station-detail__actions'>
        <Button
          className='btn btn--primary'
          data-testid='station-navigate'
          onClick={() => void Taro.openLocation({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address, scale: 17 }).catch(() => undefined)}
        >
          导航前往
        </Button>
        {s.phone ? (
          <Button className='btn btn--secondary' data-testid='station-call' onClick={() => void Taro.makePhoneCall({ phoneNumber: s.phone! }).catch(() => undefined)}>
            拨打电话
          </Button>
        ) : null}
      </View>

      <View className='card'>
        <Text className='card__title'>服务项目</Text>
        <View className='station-detail__amenities' data-testid='station-amenities'>
          {s.amenities.map((a) => (
            <View key={a} className='station-detail__amenity'>
              <Text className='station-detail__amenity-icon'>{AMENITY_ICONS[a]}</Text>
              <Text>{AMENITY_LABELS[a]}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>开放时间</Text>
        {WEEKDAYS.map((d) => (
          <View key={d} className={`station-detail__day ${d === today ? 'station-detail__day--today' : ''}`}>
            <Text>{WEEKDAY_LABELS[d]}</Text>
            <Text>{rangesOn(s.hours, d).length ? todayHoursFor(s.hours, d) : '不开放'}</Text>
          </View>
        ))}
        {s.lastConfirmedAt ? <Text className='muted station-detail__confirmed'>信息核实于 {s.lastConfirmedAt.slice(0, 10)}</Text> : null}
      </View>

      {s.photos.length ? (
        <View className='card station-detail__photos'>
          {s.photos.map((p) => (
            <View
              key={p.id}
              className='station-detail__photo'
              style={{ backgroundImage: `url(${mediaUrl(p.thumbUrl)})` }}
              onClick={() => void Taro.previewImage({ urls: s.photos.map((x) => mediaUrl(x.url)), current: mediaUrl(p.url) })}
            />
          ))}
        </View>
      ) : null}

      <View className='card'>
        {reporting ? (
          <View data-testid='feedback-form'>
            <Text className='card__title'>反馈问题</Text>
            <View className='station-detail__types'>
              {STATION_FEEDBACK_TYPES.map((t) => (
                <Text key={t} className={`station-detail__type ${type === t ? 'station-detail__type--on' : ''}`} data-testid={`feedback-type-${t}`} onClick={() => setType(t)}>
                  {STATION_FEEDBACK_TYPE_LABELS[t]}
                </Text>
              ))}
            </View>
            <Textarea
              className='station-detail__note'
              data-testid='feedback-note'
              value={note}
              maxlength={STATION_FEEDBACK_NOTE_MAX}
              placeholder='补充说明（选填），例如：中午 12 点到店没开门'
              onInput={(e) => setNote(e.detail.value)}
            />
            {sendError ? <Text className='station-detail__error'>{sendError}</Text> : null}
            <Button className='btn btn--primary' data-testid='feedback-submit' disabled={!type || sending} onClick={() => void send()}>
              {sending ? '提交中…' : '提交反馈'}
            </Button>
          </View>
        ) : (
          <Button className='btn btn--secondary' data-testid='feedback-open' onClick={() => setReporting(true)}>
            信息不对？反馈问题
          </Button>
        )}
      </View>
    </View>
  );
}

function todayHoursFor(hours: Parameters<typeof rangesOn>[0], day: Parameters<typeof rangesOn>[1]): string {
  return rangesOn(hours, day)
    .map((r) => (r.open === '00:00' && r.close === '24:00' ? '全天' : `${r.open}–${r.close <= r.open ? `次日${r.close}` : r.close}`))
    .join('、');
}
