import { Picker, Text, View } from '@tarojs/components';
import { COVERAGE_RADIUS_M } from '@xjy/shared/station';
import { useMemo, useState } from 'react';
import StateView from '../../../../components/state-view';
import StationMap from '../../../../components/station-map';
import { useAuth } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { stationCoverage } from '../../../../services/stations';
import StaffOnly from '../../components/staff-only';
import { useScopeCommunities } from '../../hooks/use-scope-communities';
import './index.scss';

/** The 500 m rule for one community: how much of it is covered, and where the gaps are, largest first. */
function Coverage() {
  const { user } = useAuth();
  const communities = useScopeCommunities(user);
  const [index, setIndex] = useState(0);
  const [mapDown, setMapDown] = useState(false);
  const options = communities.data ?? [];
  const area = options[index];
  const coverage = useRequest(() => stationCoverage(area!.id), `coverage-${area?.id ?? 0}`, Boolean(area));
  const gaps = useMemo(
    () => (coverage.data?.gaps ?? []).map((g, i) => ({ lat: g.lat, lng: g.lng, radiusM: Math.max(60, Math.sqrt(g.areaM2 / Math.PI)), label: `缺口 ${i + 1}：约 ${(g.areaM2 / 10000).toFixed(1)} 公顷` })),
    [coverage.data],
  );

  if (communities.loading) return <StateView kind='loading' title='正在加载辖区…' />;
  if (communities.error) return <StateView kind='error' title='没能加载辖区' description={communities.error.message} actionText='重试' onAction={() => void communities.reload()} />;
  if (!area) return <StateView kind='empty' title='辖区内没有社区' />;
  const c = coverage.data;
  return (
    <View className='page station-coverage' data-testid='station-coverage'>
      <View className='card'>
        <Picker mode='selector' range={options.map((o) => o.label)} value={index} onChange={(e) => setIndex(Number(e.detail.value))}>
          <Text className='station-coverage__picker'>{area.label} ›</Text>
        </Picker>
        {coverage.loading && !c ? (
          <Text className='muted'>正在计算…</Text>
        ) : coverage.error ? (
          <Text className='field-error'>{coverage.error.message}</Text>
        ) : c ? (
          <>
            <Text className='station-coverage__share' data-testid='coverage-share'>
              {(c.share * 100).toFixed(1)}%
            </Text>
            <Text className='muted'>
              {c.covered} / {c.cells} 个 {c.cellM} 米网格在爱心驿站 {COVERAGE_RADIUS_M} 米范围内；辖区内 {c.stations} 个爱心驿站；{c.gaps.length} 处缺口
            </Text>
          </>
        ) : null}
      </View>
      {c && area.lat !== null && area.lng !== null && !mapDown ? (
        <View className='station-coverage__map'>
          <StationMap center={{ lat: area.lat, lng: area.lng }} markers={[]} circles={gaps} onUnavailable={() => setMapDown(true)} testId='coverage-map' />
        </View>
      ) : null}
      {mapDown ? <Text className='muted station-coverage__down'>地图暂时无法加载，缺口列表如下。</Text> : null}
      {c?.gaps.length ? (
        <View className='card'>
          <Text className='card__title'>覆盖缺口（由大到小）</Text>
          {c.gaps.map((g, i) => (
            <View key={`${g.lat},${g.lng}`} className='station-coverage__gap' data-testid='coverage-gap'>
              <Text>缺口 {i + 1}</Text>
              <Text>
                约 {(g.areaM2 / 10000).toFixed(1)} 公顷 · 中心 {g.lat.toFixed(5)}, {g.lng.toFixed(5)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default function StationCoveragePage() {
  return (
    <StaffOnly>
      <Coverage />
    </StaffOnly>
  );
}
