import { useState } from 'react';
import { Progress, Text, Textarea, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro from '@tarojs/taro';
import { REPORT_DESCRIPTION_MAX, REPORT_PHOTOS_MAX } from '@xjy/shared/report';
// Style order as on every other page: photo grid, map, popup, then state views (the weapp CSS chunks share them).
import PhotoGrid from '../../components/photo-grid';
import SpotCard from './spot-card';
import PrivacyPopup from '../../components/privacy-popup';
import StateView from '../../components/state-view';
import LoginPrompt from '../../components/login-prompt';
import { useAuth } from '../../hooks/use-auth';
import { useNearbyReports, useReportCategories } from '../../hooks/use-report-data';
import { usePhotoLocation } from '../../hooks/use-photo-location';
import { useReportOutbox } from '../../hooks/use-report-outbox';
import { useReportSpot } from '../../hooks/use-report-spot';
import { errorMessage } from '../../services/http';
import { choosePhotos } from '../../utils/choose-photos';
import { readPhotoGps } from '../../utils/photo-gps';
import { ROUTES } from '../../utils/routes';
import NearbyCard from './nearby-card';
import OutboxCard from './outbox-card';
import PhotoLocationCard from './photo-location-card';
import './index.scss';

/** 随手拍: photos, place, category, a sentence; nearby open reports first; never lost on a bad network. */
export default function ReportPage() {
  const auth = useAuth();
  const place = useReportSpot();
  // A photo's own position is offered against where the report would go now: the point moved on the map, else the device's.
  const photoPlace = usePhotoLocation(place.moved ? place.spot : place.device);
  const categories = useReportCategories(auth.token);
  const outbox = useReportOutbox(auth.isLoggedIn);
  const [photos, setPhotos] = useState<string[]>([]);
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const nearby = useNearbyReports(place.spot, category, auth.isLoggedIn);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!auth.isLoggedIn) {
    return (
      <View className='page report' data-testid='report-page'>
        <View className='card'>
          <Text className='card__title'>随手拍</Text>
          <Text className='muted'>看到交通秩序、不文明行为、安全隐患等城市问题，拍照上报；被采纳可获得 5–10 新市民积分。</Text>
        </View>
        <LoginPrompt testId='report-login' title='登录后才能上报' description='上报需要登录，方便告诉你处理进度和积分。' />
        <PrivacyPopup aboveTabBar />
      </View>
    );
  }

  // Photos stay on the phone until the report is sent, so a bad network never loses them (see report-outbox); their
  // GPS is read here on the phone, never uploaded twice, and only used if the reporter taps 使用照片位置.
  const pickPhotos = async () => {
    const picked = await choosePhotos(REPORT_PHOTOS_MAX - photos.length);
    if (!picked.length) return;
    setPhotos((p) => [...p, ...picked.filter((x) => !p.includes(x))].slice(0, REPORT_PHOTOS_MAX));
    for (const path of picked) void readPhotoGps(path).then(photoPlace.notePhoto);
  };

  const removePhoto = (key: string) => {
    const left = photos.filter((p) => p !== key);
    setPhotos(left);
    if (!left.length) photoPlace.reset();
  };

  const takePhotoSpot = () => {
    const at = photoPlace.accept();
    if (at) place.takePhotoSpot(at);
  };

  const send = async () => {
    const { spot } = place;
    setError(null);
    if (!photos.length) return setError('请至少拍一张照片');
    if (!category) return setError('请选择问题类别');
    if (!description.trim()) return setError('请写一句话说明问题');
    if (!spot) return setError('还没有位置，请稍候或在地图上选点');
    await categories.askSubscribe();
    setProgress(0);
    try {
      const result = await outbox.submit({ category, description: description.trim(), lat: spot.lat, lng: spot.lng }, photos, setProgress);
      setPhotos([]);
      setDescription('');
      photoPlace.reset();
      if ('sent' in result) {
        place.reset();
        void Taro.navigateTo({ url: `${ROUTES.reportDetail}?id=${result.sent.id}` });
      } else void Taro.showToast({ title: '已保存，网络恢复后自动发送', icon: 'none' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  const sending = progress !== null;
  return (
    <View className='page report' data-testid='report-page'>
      <View className='card'>
        <Text className='card__title'>拍下问题</Text>
        <PhotoGrid
          tiles={photos.map((p) => ({ key: p, src: p }))}
          max={REPORT_PHOTOS_MAX}
          onAdd={() => void pickPhotos()}
          onRemove={removePhoto}
          addTestId='report-add-photo'
        />
        <Text className='muted'>最多 {REPORT_PHOTOS_MAX} 张；照片会去掉拍摄地点等隐私信息后保存</Text>
      </View>

      <SpotCard {...place} />
      <PhotoLocationCard offer={photoPlace.offer} onAccept={takePhotoSpot} onDismiss={photoPlace.dismiss} />

      <View className='card'>
        <Text className='card__title'>问题类别</Text>
        {categories.request.error ? <StateView kind='error' title='类别没有加载' description={categories.request.error.message} actionText='重试' onAction={() => void categories.request.reload()} /> : null}
        <View className='report__cats'>
          {categories.items.map((c) => (
            <View key={c.key} className={`report__cat ${category === c.key ? 'report__cat--on' : ''}`} onClick={() => setCategory(c.key)} data-testid={`report-cat-${c.key}`}>
              <Text>{c.label}</Text>
              <Text className='report__cat-points'>
                {c.pointsMin}–{c.pointsMax} 分
              </Text>
            </View>
          ))}
        </View>
      </View>

      <NearbyCard {...nearby} />

      <View className='card'>
        <Text className='card__title'>说明</Text>
        <Textarea
          className='report__text'
          value={description}
          maxlength={REPORT_DESCRIPTION_MAX}
          placeholder='一句话说清楚：什么问题、在哪里'
          onInput={(e) => setDescription(e.detail.value)}
          data-testid='report-description'
        />
        <Text className='muted report__count'>
          {description.length}/{REPORT_DESCRIPTION_MAX}
        </Text>
      </View>

      {error ? (
        <Text className='field-error' data-testid='report-error'>
          {error}
        </Text>
      ) : null}
      {sending ? <Progress percent={progress ?? 0} strokeWidth={6} activeColor='#c8102e' /> : null}
      <Button className='btn btn--primary report__send' loading={sending} disabled={sending} onClick={() => void send()} data-testid='report-send'>
        {sending ? `正在发送 ${progress}%` : '发送'}
      </Button>

      <OutboxCard {...outbox} />

      <View className='row' onClick={() => void Taro.navigateTo({ url: ROUTES.myReports })} data-testid='my-reports-link'>
        <Text className='row__label'>我的随手拍</Text>
        <Text className='row__value'>
          处理进度和积分<Text className='row__arrow'>›</Text>
        </Text>
      </View>
      <PrivacyPopup aboveTabBar />
    </View>
  );
}
