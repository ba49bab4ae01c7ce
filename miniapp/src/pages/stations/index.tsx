import { Button, Text, View } from '@tarojs/components';
import { STATION_KIND_LABELS, STATION_KINDS, AMENITY_LABELS } from '@xjy/shared/enums';
import PrivacyPopup from '../../components/privacy-popup';
import StateView from '../../components/state-view';
import { useRequireLogin } from '../../hooks/use-auth';
import { CITY_NAME, FALLBACK_MESSAGES, useLocation } from '../../hooks/use-location';
import './index.scss';

const formatCoord = (value: number) => value.toFixed(4);

/** 驿站: where am I, and (once stations are published) what is open near me. */
export default function StationsPage() {
  // The app opens here; a visitor without an account is sent to log in first.
  useRequireLogin();
  const location = useLocation();

  return (
    <View className='page stations' data-testid='stations-page'>
      <View className='card stations__where' data-testid='stations-location'>
        {location.status === 'locating' ? (
          <>
            <Text className='stations__where-title'>正在获取你的位置…</Text>
            <Text className='muted'>同意隐私保护指引后，我们用定位查找附近的驿站</Text>
          </>
        ) : location.status === 'located' ? (
          <>
            <Text className='stations__where-title'>已定位到你的位置</Text>
            <Text className='muted'>
              纬度 {formatCoord(location.position.lat)}，经度 {formatCoord(location.position.lng)}
            </Text>
          </>
        ) : (
          <>
            <Text className='stations__where-title'>当前显示：{CITY_NAME}城区中心</Text>
            <Text className='stations__fallback' data-testid='location-fallback'>
              {FALLBACK_MESSAGES[location.reason]}
            </Text>
            <Button className='btn btn--secondary stations__retry' onClick={location.retry} data-testid='location-retry'>
              {location.reason === 'permission_denied' ? '去开启定位' : '重新定位'}
            </Button>
          </>
        )}
      </View>

      <View className='card'>
        <Text className='card__title'>附近的驿站</Text>
        <StateView
          kind='empty'
          testId='stations-empty'
          title='附近驿站将显示在这里'
          description={`城区每 500 米设有一处爱心驿站。驿站信息发布后，这里会按距离列出${STATION_KINDS.map(
            (kind) => STATION_KIND_LABELS[kind],
          ).join('、')}，以及开放时间和可用服务。`}
        />
        <Text className='muted stations__amenities-caption'>驿站常见服务</Text>
        <View className='stations__amenities'>
          {(['drinking_water', 'phone_charging', 'ebike_charging', 'seating', 'restroom'] as const).map((amenity) => (
            <Text key={amenity} className='stations__amenity'>
              {AMENITY_LABELS[amenity]}
            </Text>
          ))}
        </View>
      </View>
      <PrivacyPopup aboveTabBar />
    </View>
  );
}
