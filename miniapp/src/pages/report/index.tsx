import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Progress, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NearbyReportResponse, ReportCategoryResponse } from '@xjy/shared/report';
import { REPORT_DESCRIPTION_MAX, REPORT_PHOTOS_MAX } from '@xjy/shared/report';
import PhotoGrid from '../../components/photo-grid';
import PointPicker from '../../components/point-picker';
import PrivacyPopup from '../../components/privacy-popup';
import StateView from '../../components/state-view';
import { useAuth } from '../../hooks/use-auth';
import { CITY_CENTRE, CITY_NAME, FALLBACK_MESSAGES, useLocation } from '../../hooks/use-location';
import { useRequest } from '../../hooks/use-request';
import { useReshow } from '../../hooks/use-reshow';
import { errorMessage } from '../../services/http';
import { createReport, listCategories, nearbyReports, recordSubscribeConsent, witnessReport } from '../../services/reports';
import { uploadPhoto } from '../../services/upload';
import { choosePhotos } from '../../utils/choose-photos';
import { ensurePrivacyConsent } from '../../utils/privacy';
import { enqueueReport, flushOutbox, isRetryable, OutboxItem, OutboxSender, readOutbox, removeFromOutbox, sendQueued } from '../../utils/report-outbox';
import { ROUTES } from '../../utils/routes';
import './index.scss';

const sender: OutboxSender = { upload: uploadPhoto, create: createReport };

interface Spot {
  lat: number;
  lng: number;
  name: string | null;
}

/** 随手拍: photos, place, category, a sentence; nearby open reports first; never lost on a bad network. */
export default function ReportPage() {
  const auth = useAuth();
  const location = useLocation();
  const categories = useRequest(listCategories, auth.token ?? '', auth.isLoggedIn);
  const [photos, setPhotos] = useState<string[]>([]);
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [moved, setMoved] = useState<Spot | null>(null);
  /** H5: the inline map is open; `movedBefore` is the choice to go back to if it cannot load. */
  const [picking, setPicking] = useState(false);
  const [pickerDown, setPickerDown] = useState(false);
  const movedBefore = useRef<Spot | null>(null);
  const [nearby, setNearby] = useState<NearbyReportResponse[]>([]);
  const [witnessed, setWitnessed] = useState<Set<number>>(new Set());
  const [sending, setSending] = useState(false);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxItem[]>(() => readOutbox());

  const spot: Spot | null = moved ?? (location.position ? { ...location.position, name: null } : null);

  const flush = useCallback(async () => {
    if (!readOutbox().some((i) => !i.refused)) return;
    const { sent } = await flushOutbox(sender);
    setOutbox(readOutbox());
    if (sent.length) void Taro.showToast({ title: `已补发 ${sent.length} 条随手拍`, icon: 'success' });
  }, []);

  // Send what is waiting when the page shows and whenever the network comes back.
  useEffect(() => {
    if (!auth.isLoggedIn) return undefined;
    void flush();
    const onChange = (res: { isConnected: boolean }) => {
      if (res.isConnected) void flush();
    };
    Taro.onNetworkStatusChange(onChange);
    return () => Taro.offNetworkStatusChange(onChange);
  }, [auth.isLoggedIn, flush]);
  useReshow(() => {
    if (auth.isLoggedIn) void flush();
  });

  useEffect(() => {
    if (!auth.isLoggedIn || !category || !spot) {
      setNearby([]);
      return undefined;
    }
    let alive = true;
    nearbyReports({ lat: spot.lat, lng: spot.lng, category })
      .then((r) => alive && setNearby(r.items))
      .catch(() => alive && setNearby([]));
    return () => {
      alive = false;
    };
  }, [auth.isLoggedIn, category, spot?.lat, spot?.lng]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!auth.isLoggedIn) {
    return (
      <View className='page report' data-testid='report-page'>
        <View className='card'>
          <Text className='card__title'>随手拍</Text>
          <Text className='muted'>看到交通秩序、不文明行为、安全隐患等城市问题，拍照上报；被采纳可获得 5–10 新市民积分。</Text>
        </View>
        <StateView kind='empty' testId='report-login' title='登录后才能上报' description='上报需要登录，方便告诉你处理进度和积分。' actionText='去登录' onAction={() => void Taro.navigateTo({ url: ROUTES.login })} />
        <PrivacyPopup aboveTabBar />
      </View>
    );
  }

  // Photos stay on the phone until the report is sent, so a bad network never loses them (see report-outbox).
  const pickPhotos = async () => {
    const picked = await choosePhotos(REPORT_PHOTOS_MAX - photos.length);
    if (picked.length) setPhotos((p) => [...p, ...picked.filter((x) => !p.includes(x))].slice(0, REPORT_PHOTOS_MAX));
  };

  const openPicker = () => {
    movedBefore.current = moved;
    setPickerDown(false);
    setPicking(true);
  };

  const pickerUnavailable = () => {
    // Whatever was tapped on a map without tiles was chosen blind: keep the point from before the map opened.
    setMoved(movedBefore.current);
    setPicking(false);
    setPickerDown(true);
  };

  const moveSpot = async () => {
    if (process.env.TARO_ENV !== 'weapp') {
      if (picking) setPicking(false);
      else openPicker();
      return;
    }
    if (!(await ensurePrivacyConsent())) return;
    try {
      const r = await Taro.chooseLocation(spot ? { latitude: spot.lat, longitude: spot.lng } : {});
      setMoved({ lat: r.latitude, lng: r.longitude, name: r.name || r.address || null });
    } catch {
      // Cancelled.
    }
  };

  const witness = async (id: number) => {
    // The list was fetched for this spot; the server confirms only what its nearby list shows there.
    if (!spot) return;
    try {
      await witnessReport(id, { lat: spot.lat, lng: spot.lng });
      setWitnessed((s) => new Set([...s, id]));
      void Taro.showToast({ title: '已记录，谢谢你', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const askSubscribe = async () => {
    const templateId = categories.data?.subscribeTemplateId;
    if (!templateId || process.env.TARO_ENV !== 'weapp') return;
    try {
      const r = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] });
      const result = (r as unknown as Record<string, string>)[templateId];
      if (result === 'accept' || result === 'reject') await recordSubscribeConsent({ templateId, result });
    } catch {
      // The user closed the dialog or WeChat refused: the in-app messages still tell them.
    }
  };

  const send = async () => {
    setError(null);
    if (!photos.length) return setError('请至少拍一张照片');
    if (!category) return setError('请选择问题类别');
    if (!description.trim()) return setError('请写一句话说明问题');
    if (!spot) return setError('还没有位置，请稍候或在地图上选点');
    await askSubscribe();
    const item = enqueueReport({ category, description: description.trim(), lat: spot.lat, lng: spot.lng }, photos);
    setOutbox(readOutbox());
    setSending(true);
    setProgress(0);
    try {
      const report = await sendQueued(item, sender, setProgress);
      setPhotos([]);
      setDescription('');
      setMoved(null);
      setPicking(false);
      void Taro.navigateTo({ url: `${ROUTES.reportDetail}?id=${report.id}` });
    } catch (e) {
      if (isRetryable(e)) {
        setPhotos([]);
        setDescription('');
        void Taro.showToast({ title: '已保存，网络恢复后自动发送', icon: 'none' });
      } else {
        removeFromOutbox(item.key);
        setError(errorMessage(e));
      }
    } finally {
      setOutbox(readOutbox());
      setSending(false);
    }
  };

  const cats: ReportCategoryResponse[] = categories.data?.items ?? [];

  return (
    <View className='page report' data-testid='report-page'>
      <View className='card'>
        <Text className='card__title'>拍下问题</Text>
        <PhotoGrid
          tiles={photos.map((p) => ({ key: p, src: p }))}
          max={REPORT_PHOTOS_MAX}
          onAdd={() => void pickPhotos()}
          onRemove={(key) => setPhotos((list) => list.filter((p) => p !== key))}
          addTestId='report-add-photo'
        />
        <Text className='muted'>最多 {REPORT_PHOTOS_MAX} 张；照片会去掉拍摄地点等隐私信息后保存</Text>
      </View>

      <View className='card'>
        <Text className='card__title'>位置</Text>
        {spot ? (
          <Text className='report__spot' data-testid='report-spot'>
            {spot.name ?? `${spot.lat.toFixed(5)}, ${spot.lng.toFixed(5)}`}
            {moved ? <Text className='muted report__moved'>（已在地图上调整）</Text> : null}
          </Text>
        ) : (
          <Text className='muted'>正在定位…</Text>
        )}
        {!moved && location.status === 'fallback' && !pickerDown ? <Text className='field-error'>{FALLBACK_MESSAGES[location.reason]}，请在地图上选点</Text> : null}
        {pickerDown ? (
          <Text className='field-error' data-testid='report-picker-down'>
            {moved ? '地图暂时无法加载，仍使用之前选的位置' : location.status === 'fallback' ? `地图暂时无法加载，仍按${CITY_NAME}城区中心上报，请在说明里写清楚地点` : '地图暂时无法加载，仍使用定位到的位置'}
          </Text>
        ) : null}
        {picking ? (
          <View className='report__picker'>
            <PointPicker value={spot ?? CITY_CENTRE} onChange={(p) => setMoved({ ...p, name: null })} onUnavailable={pickerUnavailable} testId='report-point-picker' />
            <Text className='muted'>点一下地图或拖动红色图钉，把位置放到问题所在处</Text>
          </View>
        ) : null}
        <View className='report__spot-actions'>
          <Button className='btn btn--secondary report__spot-btn' onClick={() => void moveSpot()} data-testid='report-move-spot'>
            {picking ? '完成' : '在地图上调整'}
          </Button>
          <Button
            className='btn btn--plain report__spot-btn'
            onClick={() => {
              setMoved(null);
              setPickerDown(false);
              location.retry();
            }}
          >
            重新定位
          </Button>
        </View>
      </View>

      <View className='card'>
        <Text className='card__title'>问题类别</Text>
        {categories.error ? <StateView kind='error' title='类别没有加载' description={categories.error.message} actionText='重试' onAction={() => void categories.reload()} /> : null}
        <View className='report__cats'>
          {cats.map((c) => (
            <View key={c.key} className={`report__cat ${category === c.key ? 'report__cat--on' : ''}`} onClick={() => setCategory(c.key)} data-testid={`report-cat-${c.key}`}>
              <Text>{c.label}</Text>
              <Text className='report__cat-points'>
                {c.pointsMin}–{c.pointsMax} 分
              </Text>
            </View>
          ))}
        </View>
      </View>

      {nearby.length ? (
        <View className='card report__nearby' data-testid='report-nearby'>
          <Text className='card__title'>附近已有人上报</Text>
          <Text className='muted'>如果是同一个问题，点“我也看到”即可，会提高处理优先级（不重复计分）。</Text>
          {nearby.map((n) => (
            <View key={n.id} className='report__nearby-item'>
              <View className='report__nearby-text'>
                <Text>{n.description}</Text>
                <Text className='muted'>
                  {n.distanceM} 米 · {n.witnessCount} 人也看到
                </Text>
              </View>
              <Button className='btn btn--secondary report__nearby-btn' disabled={witnessed.has(n.id)} onClick={() => void witness(n.id)}>
                {witnessed.has(n.id) ? '已记录' : '我也看到'}
              </Button>
            </View>
          ))}
        </View>
      ) : null}

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
      {sending ? <Progress percent={progress} strokeWidth={6} activeColor='#c8102e' /> : null}
      <Button className='btn btn--primary report__send' loading={sending} disabled={sending} onClick={() => void send()} data-testid='report-send'>
        {sending ? `正在发送 ${progress}%` : '发送'}
      </Button>

      {outbox.length ? (
        <View className='card' data-testid='report-outbox'>
          <Text className='card__title'>待发送（{outbox.length}）</Text>
          {outbox.map((i) => (
            <View key={i.key} className='report__outbox-item'>
              <View className='report__nearby-text'>
                <Text>{i.body.description}</Text>
                <Text className={i.refused ? 'field-error' : 'muted'}>{i.refused ? `未能发送：${i.refused}` : `网络恢复后自动发送${i.lastError ? `（${i.lastError}）` : ''}`}</Text>
              </View>
              {i.refused ? (
                <Button
                  className='btn btn--plain report__nearby-btn'
                  onClick={() => {
                    removeFromOutbox(i.key);
                    setOutbox(readOutbox());
                  }}
                >
                  删除
                </Button>
              ) : (
                <Button className='btn btn--secondary report__nearby-btn' onClick={() => void flush()}>
                  重试
                </Button>
              )}
            </View>
          ))}
        </View>
      ) : null}

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
