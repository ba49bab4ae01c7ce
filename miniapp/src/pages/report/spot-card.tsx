import { Text, View } from '@tarojs/components';
import Button from '../../components/button';
import PointPicker from '../../components/point-picker';
import type { ReportSpot } from '../../hooks/use-report-spot';

/** 位置: where the report will be filed, and the ways to move it. */
export default function SpotCard({ spot, moved, picking, notice, pickerValue, toggleMove, pick, pickerUnavailable, relocate }: ReportSpot) {
  return (
    <View className='card'>
      <Text className='card__title'>位置</Text>
      {spot ? (
        <Text className='report__spot' data-testid='report-spot'>
          {spot.name ?? `${spot.lat.toFixed(5)}, ${spot.lng.toFixed(5)}`}
          {moved && !spot.fromPhoto ? <Text className='muted report__moved'>（已在地图上调整）</Text> : null}
        </Text>
      ) : (
        <Text className='muted'>正在定位…</Text>
      )}
      {notice ? (
        <Text className='field-error' data-testid={notice.testId}>
          {notice.text}
        </Text>
      ) : null}
      {picking ? (
        <View className='report__picker'>
          <PointPicker value={pickerValue} onChange={pick} onUnavailable={pickerUnavailable} testId='report-point-picker' />
          <Text className='muted'>点一下地图或拖动红色图钉，把位置放到问题所在处</Text>
        </View>
      ) : null}
      <View className='report__spot-actions'>
        <Button className='btn btn--secondary report__spot-btn' onClick={() => void toggleMove()} data-testid='report-move-spot'>
          {picking ? '完成' : '在地图上调整'}
        </Button>
        <Button className='btn btn--plain report__spot-btn' onClick={relocate}>
          重新定位
        </Button>
      </View>
    </View>
  );
}
