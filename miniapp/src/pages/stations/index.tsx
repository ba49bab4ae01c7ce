import { ScrollView, Text, View } from '@tarojs/components';
import Button from '../../components/button';
import Taro from '@tarojs/taro';
import { AMENITY_LABELS, STATION_KIND_LABELS, STATION_KINDS, type Amenity, type StationKind } from '@xjy/shared/enums';
import type { NearbyStation } from '@xjy/shared/station';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { STATION_SERVICE_KIND_LABELS } from '@xjy/shared/station';
import PrivacyPopup from '../../components/privacy-popup';
import StateView from '../../components/state-view';
import StationMap from '../../components/station-map';
import { useRequireLogin } from '../../hooks/use-auth';
import { FALLBACK_MESSAGES, useLocation } from '../../hooks/use-location';
import { useRequest } from '../../hooks/use-request';
import { errorMessage } from '../../services/http';
import { myStationServices, nearbyStations, NEARBY_RADIUS_M, starStation, type NearbyFilters } from '../../services/stations';
import { agoText, sessionTime } from '../../utils/station-links';
import { mapShownAtStart, rememberMapShown } from '../../utils/map-preference';
import { ROUTES } from '../../utils/routes';
import { AMENITY_ICONS, formatDistance, openingText } from '../../utils/station-format';
import './index.scss';

/** Custom elements are skipped by Tab; a sideways-scrolling row must be reachable from the keyboard (H5 only). */
const SCROLL_KEYBOARD: Record<string, unknown> = process.env.TARO_ENV === 'h5' ? { tabIndex: 0 } : {};
/** The services riders ask for most, as one-tap filters. */
const AMENITY_CHIPS: Amenity[] = ['ebike_charging', 'phone_charging', 'drinking_water', 'hot_water', 'restroom', 'microwave'];

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** 驿站: list and map (on H5 once asked for) of the stations near me, nearest first, with filters for services, kind and open now. */
export default function StationsPage() {
  // The app opens here; a visitor without an account is sent to log in first.
  const { user } = useRequireLogin();
  const location = useLocation();
  const [filters, setFilters] = useState<NearbyFilters>({ amenities: [], kind: null, openNow: false });
  const [mapDown, setMapDown] = useState(false);
  // On H5 the map (and its library) loads only once the rider asks for it; the choice is kept for next time.
  const [mapOn, setMapOn] = useState(mapShownAtStart);
  const toggleMap = () => {
    rememberMapShown(!mapOn);
    setMapOn(!mapOn);
    setMapDown(false);
  };
  const position = location.position;
  const key = position ? `${position.lat.toFixed(5)},${position.lng.toFixed(5)}|${filters.amenities.join(',')}|${filters.kind ?? ''}|${filters.openNow}` : 'none';
  const stations = useRequest(() => nearbyStations(position!.lat, position!.lng, filters), key, Boolean(position && user));
  const items: NearbyStation[] = useMemo(() => stations.data?.items ?? [], [stations.data]);
  // The time of the list on screen: a failed refresh keeps it, and says how old it is.
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  useEffect(() => {
    if (stations.data) setLoadedAt(Date.now());
  }, [stations.data]);
  // Stars change at once on screen; the server's answer follows with the next refresh.
  const [starred, setStarred] = useState<Record<number, boolean>>({});
  const isStarred = (s: NearbyStation) => starred[s.id] ?? s.favorite;
  const toggleStar = async (s: NearbyStation) => {
    const on = !isStarred(s);
    setStarred((m) => ({ ...m, [s.id]: on }));
    try {
      await starStation(s.id, on);
      void Taro.showToast({ title: on ? '已收藏，收藏的驿站排在最前' : '已取消收藏', icon: 'none' });
    } catch (e) {
      setStarred((m) => ({ ...m, [s.id]: !on }));
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  const reminders = useRequest(() => myStationServices(), String(user?.id ?? 0), Boolean(user));
  const dueSoon = (reminders.data?.items ?? []).filter((v) => v.remindNow);
  const markers = useMemo(() => items.map((s) => ({ id: s.id, lat: s.lat, lng: s.lng, title: s.name, open: s.openNow })), [items]);
  const open = useCallback((id: number) => void Taro.navigateTo({ url: `${ROUTES.stationDetail}?id=${id}` }), []);
  const onMapDown = useCallback(() => setMapDown(true), []);
  const filtered = filters.amenities.length > 0 || filters.kind !== null || filters.openNow;

  return (
    <View className='page stations' data-testid='stations-page'>
      <View className='card stations__where' data-testid='stations-location'>
        {location.status === 'locating' ? (
          <Text className='stations__where-title'>正在获取你的位置…</Text>
        ) : location.status === 'located' ? (
          <Text className='stations__where-title'>已定位到你的位置 · 附近 {NEARBY_RADIUS_M / 1000} 公里内的驿站，由近到远</Text>
        ) : (
          <>
            <View className='stations__where-row'>
              <Text className='stations__fallback' data-testid='location-fallback'>
                {FALLBACK_MESSAGES[location.reason]}
              </Text>
              <Button className='btn btn--secondary btn--small stations__retry' onClick={location.retry} data-testid='location-retry'>
                重新定位
              </Button>
            </View>
            {location.reason === 'permission_denied' && process.env.TARO_ENV === 'h5' ? (
              <Text className='muted stations__how' data-testid='location-howto'>
                浏览器拦截了定位：点地址栏左侧的🔒或“ⓘ”图标，把“位置”改为“允许”，再点“重新定位”。微信内打开时，请在右上角“…”中允许使用位置。
              </Text>
            ) : null}
          </>
        )}
      </View>

      {dueSoon.length ? (
        <View className='card stations__reminder' data-testid='service-reminder'>
          {dueSoon.map((v) => (
            <Text key={v.id} className='stations__reminder-line'>
              提醒：你报名的{STATION_SERVICE_KIND_LABELS[v.kind]}：{sessionTime(v.startsAt, v.endsAt)} · {v.stationName}
            </Text>
          ))}
        </View>
      ) : null}

      {/* In a browser the chip row scrolls sideways: Tab reaches it so the arrow keys can scroll it. */}
      <ScrollView scrollX className='stations__chips' data-testid='station-filters' aria-label='筛选驿站' {...SCROLL_KEYBOARD}>
        <Text
          className={`stations__chip ${filters.openNow ? 'stations__chip--on' : ''}`}
          data-testid='filter-open-now'
          onClick={() => setFilters((f) => ({ ...f, openNow: !f.openNow }))}
        >
          营业中
        </Text>
        {AMENITY_CHIPS.map((a) => (
          <Text
            key={a}
            className={`stations__chip ${filters.amenities.includes(a) ? 'stations__chip--on' : ''}`}
            data-testid={`filter-amenity-${a}`}
            onClick={() => setFilters((f) => ({ ...f, amenities: toggle(f.amenities, a) }))}
          >
            {AMENITY_ICONS[a]} {AMENITY_LABELS[a]}
          </Text>
        ))}
        {STATION_KINDS.map((k: StationKind) => (
          <Text
            key={k}
            className={`stations__chip ${filters.kind === k ? 'stations__chip--on' : ''}`}
            data-testid={`filter-kind-${k}`}
            onClick={() => setFilters((f) => ({ ...f, kind: f.kind === k ? null : k }))}
          >
            {STATION_KIND_LABELS[k]}
          </Text>
        ))}
      </ScrollView>

      {position ? (
        <View className='stations__map-bar'>
          <Button className='btn btn--secondary btn--small' onClick={toggleMap} aria-expanded={mapOn} data-testid='map-toggle'>
            {mapOn ? '收起地图' : '在地图上查看'}
          </Button>
        </View>
      ) : null}
      {position && mapOn && !mapDown ? (
        <View className='stations__map'>
          <StationMap center={position} markers={markers} me={location.status === 'located' ? position : null} onMarkerTap={open} onUnavailable={onMapDown} />
        </View>
      ) : null}
      {mapOn && mapDown ? (
        <View className='card stations__map-down' data-testid='map-unavailable'>
          <Text>地图暂时无法加载（网络或地图服务不可用），已为你按距离列出附近驿站。</Text>
        </View>
      ) : null}

      <View className='card'>
        <Text className='card__title'>附近的驿站{items.length ? `（${items.length}）` : ''}</Text>
        {stations.error && items.length ? (
          <View className='stations__stale' data-testid='stations-stale'>
            <Text>更新失败，显示的是{loadedAt ? ` ${agoText(new Date(loadedAt).toISOString())}` : '之前'}的结果</Text>
            <Button className='btn btn--secondary btn--small' onClick={() => void stations.reload()} data-testid='stations-stale-retry'>
              重试
            </Button>
          </View>
        ) : loadedAt && items.length ? (
          <Text className='muted stations__updated' data-testid='stations-updated'>
            更新于 {agoText(new Date(loadedAt).toISOString())}
          </Text>
        ) : null}
        {stations.loading && !stations.data ? (
          <StateView kind='loading' title='正在查找附近的驿站…' testId='stations-loading' />
        ) : stations.error && !items.length ? (
          <StateView kind='error' title='没能加载附近驿站' description={stations.error.message} actionText='重试' onAction={() => void stations.reload()} testId='stations-error' />
        ) : !items.length && position ? (
          <StateView
            kind='empty'
            testId='stations-empty'
            title={filtered ? '附近没有符合条件的驿站' : '附近 3 公里内暂无驿站'}
            description={filtered ? '试试减少筛选条件' : '城区每 500 米设有一处爱心驿站，换个位置再看看'}
            actionText={filtered ? '清除筛选' : undefined}
            onAction={filtered ? () => setFilters({ amenities: [], kind: null, openNow: false }) : undefined}
          />
        ) : (
          <View data-testid='station-list'>
            {items.map((s) => (
              <View key={s.id} className='stations__item' data-testid='station-item' onClick={() => open(s.id)}>
                <View className='stations__item-head'>
                  <Text className='stations__item-name'>{s.name}</Text>
                  <Text className='stations__item-distance' data-testid='station-distance'>
                    {formatDistance(s.distanceM)}
                  </Text>
                  <Text
                    className={`stations__star ${isStarred(s) ? 'stations__star--on' : ''}`}
                    data-testid='station-star'
                    aria-label={isStarred(s) ? '取消收藏' : '收藏'}
                    aria-pressed={isStarred(s)}
                    onClick={(e) => {
                      e.stopPropagation();
                      void toggleStar(s);
                    }}
                  >
                    {isStarred(s) ? '★' : '☆'}
                  </Text>
                </View>
                <Text className={`stations__item-open ${s.openNow ? 'stations__item-open--yes' : ''}`} data-testid='station-open'>
                  {openingText(s.openNow, s.nextChange)}
                </Text>
                <View className='stations__item-fresh'>
                  {s.needsConfirmation ? (
                    <Text className='stations__badge' data-testid='station-needs-confirmation'>
                      待确认
                    </Text>
                  ) : null}
                  {s.lastConfirmedAt ? (
                    <Text className='muted' data-testid='station-confirmed-ago'>
                      {agoText(s.lastConfirmedAt)} 确认
                    </Text>
                  ) : null}
                </View>
                <Text className='muted stations__item-address'>
                  {STATION_KIND_LABELS[s.kind]} · {s.address}
                </Text>
                {s.nextService ? (
                  <Text className='stations__item-service' data-testid='station-next-service'>
                    {STATION_SERVICE_KIND_LABELS[s.nextService.kind]} · {sessionTime(s.nextService.startsAt, s.nextService.endsAt)}
                  </Text>
                ) : null}
                <View className='stations__item-amenities'>
                  {s.amenities.map((a) => (
                    <Text key={a} className='stations__amenity'>
                      {AMENITY_ICONS[a]} {AMENITY_LABELS[a]}
                    </Text>
                  ))}
                </View>
              </View>
            ))}
          </View>
        )}
      </View>
      <PrivacyPopup aboveTabBar />
    </View>
  );
}
