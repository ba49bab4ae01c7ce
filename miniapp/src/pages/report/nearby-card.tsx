import { Text, View } from '@tarojs/components';
import Button from '../../components/button';
import type { NearbyReports } from '../../hooks/use-report-data';

/** 附近已有人上报: the same problem filed nearby, with 我也看到 instead of a second report. */
export default function NearbyCard({ items, witnessed, witness }: NearbyReports) {
  if (!items.length) return null;
  return (
    <View className='card report__nearby' data-testid='report-nearby'>
      <Text className='card__title'>附近已有人上报</Text>
      <Text className='muted'>如果是同一个问题，点“我也看到”即可，会提高处理优先级（不重复计分）。</Text>
      {items.map((n) => (
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
  );
}
