import { Text, Textarea, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro, { useRouter } from '@tarojs/taro';
import { AMENITY_LABELS, STATION_KIND_LABELS } from '@xjy/shared/enums';
import { chinaWeekday } from '@xjy/shared/china-time';
import { WEEKDAYS, WEEKDAY_LABELS, rangesOn } from '@xjy/shared/opening-hours';
import { STATION_FEEDBACK_NOTE_MAX, STATION_FEEDBACK_TYPE_LABELS, STATION_FEEDBACK_TYPES, type StationFeedbackType } from '@xjy/shared/station';
import { haversineM } from '@xjy/shared/geo';
import { useState } from 'react';
import { previewPhotos } from '../../components/photo-strip';
import StateView from '../../components/state-view';
import { CITY_NAME, useLocation } from '../../hooks/use-location';
import { useRequireLogin } from '../../hooks/use-auth';
import { useRequest } from '../../hooks/use-request';
import { useSubmit } from '../../hooks/use-submit';
import { errorMessage } from '../../services/http';
import { getStation, sendStationFeedback, starStation } from '../../services/stations';
import { agoText, amapMarkerUrl, tencentMarkerUrl } from '../../utils/station-links';
import ConfirmCard from './confirm-card';
import ServicesCard from './services-card';
import { mediaUrl } from '../../utils/media-url';
import { AMENITY_ICONS, formatDistance, openingText, todayHours } from '../../utils/station-format';
import './index.scss';

/** One station: is it open now, today's hours, services, and navigate / call / report a problem. */
export default function StationDetailPage() {
  const { user } = useRequireLogin();
  const id = Number(useRouter().params.id);
  const station = useRequest(() => getStation(id), String(id), Boolean(user) && Number.isInteger(id) && id > 0);
  const [reporting, setReporting] = useState(false);
  const [type, setType] = useState<StationFeedbackType | null>(null);
  const [note, setNote] = useState('');
  const { busy: sending, error: sendError, submit } = useSubmit();
  const location = useLocation();
  const [star, setStar] = useState<boolean | null>(null);

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
  const starred = star ?? s.favorite;
  const distance = location.position ? formatDistance(Math.round(haversineM(location.position, s))) : null;

  const toggleStar = async () => {
    setStar(!starred);
    try {
      await starStation(s.id, !starred);
    } catch (e) {
      setStar(starred);
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  /** On H5 the map apps' web links (the app opens when installed); in the mini-program WeChat's own map. */
  const navigate = (app: 'amap' | 'tencent' = 'amap') => {
    if (process.env.TARO_ENV === 'h5') {
      const url = (app === 'amap' ? amapMarkerUrl : tencentMarkerUrl)({ lat: s.lat, lng: s.lng, name: s.name });
      if (!window.open(url, '_blank', 'noopener')) window.location.href = url;
      return;
    }
    void Taro.openLocation({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address, scale: 17 }).catch(() => undefined);
  };

  const send = async () => {
    if (!type || sending) return;
    await submit(async () => {
      await sendStationFeedback(s.id, { type, note: note.trim() || undefined });
      setReporting(false);
      setType(null);
      setNote('');
      void Taro.showToast({ title: '已提交，工作人员会尽快核实', icon: 'none' });
    });
  };

  return (
    <View className='page station-detail' data-testid='station-detail'>
      <View className='card'>
        <View className='station-detail__head'>
          <Text className='station-detail__kind'>{STATION_KIND_LABELS[s.kind]}</Text>
          {s.needsConfirmation ? (
            <Text className='station-detail__badge' data-testid='station-needs-confirmation'>
              待确认
            </Text>
          ) : null}
          <Text
            className={`station-detail__star ${starred ? 'station-detail__star--on' : ''}`}
            data-testid='station-star'
            aria-label={starred ? '取消收藏' : '收藏'}
            aria-pressed={starred}
            onClick={() => void toggleStar()}
          >
            {starred ? '★ 已收藏' : '☆ 收藏'}
          </Text>
        </View>
        <Text className='station-detail__name' data-testid='station-name'>
          {s.name}
        </Text>
        {distance ? (
          <Text className='station-detail__distance' data-testid='station-detail-distance'>
            {location.status === 'located' ? `距你 ${distance}` : `距${CITY_NAME}城区中心 ${distance}`}
          </Text>
        ) : null}
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
        {s.lastConfirmation ? (
          <Text className='station-detail__rider' data-testid='station-rider-confirmed'>
            {agoText(s.lastConfirmation.at)} 骑手确认：{s.lastConfirmation.open ? '开着' : '没开'} · 饮水{s.lastConfirmation.water ? '✓' : '✗'} · 充电
            {s.lastConfirmation.charging ? '✓' : '✗'}
          </Text>
        ) : null}
        <Text className='station-detail__address'>{s.address}</Text>
        {s.phone ? (
          <Text className='station-detail__phone' data-testid='station-phone'>
            电话：{s.phone}
          </Text>
        ) : null}
        {s.hostUnit ? <Text className='muted'>承办单位：{s.hostUnit}</Text> : null}
      </View>

      <View className='station-detail__actions'>
        <Button className='btn btn--primary' data-testid='station-navigate' onClick={() => navigate('amap')}>
          导航前往
        </Button>
        {s.phone ? (
          <Button className='btn btn--secondary' data-testid='station-call' onClick={() => void Taro.makePhoneCall({ phoneNumber: s.phone! }).catch(() => undefined)}>
            拨打电话
          </Button>
        ) : null}
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <Text className='station-detail__alt-map' data-testid='station-navigate-tencent' onClick={() => navigate('tencent')}>
          没有高德地图？用腾讯地图打开
        </Text>
      ) : null}

      <ConfirmCard stationId={s.id} onConfirmed={() => void station.reload()} />
      <ServicesCard stationId={s.id} />

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
        {s.lastConfirmedAt ? <Text className='muted station-detail__confirmed'>信息确认于 {agoText(s.lastConfirmedAt)}</Text> : null}
      </View>

      {s.photos.length ? (
        <View className='card station-detail__photos'>
          {s.photos.map((p) => (
            <View
              key={p.id}
              className='station-detail__photo'
              style={{ backgroundImage: `url(${mediaUrl(p.thumbUrl)})` }}
              onClick={() => previewPhotos(s.photos, p)}
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
