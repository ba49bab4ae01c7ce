import { Picker, Text, View } from '@tarojs/components';
import type { LatLng } from '@xjy/shared/geo';
import { COVERAGE_RULES, COVERAGE_WALK_RADIUS_DEFAULT_M } from '@xjy/shared/coverage';
import { STATION_KINDS, STATION_KIND_LABELS, type StationKind } from '@xjy/shared/enums';
import { coverageBlockBounds, type CoverageResponse } from '@xjy/shared/station';
import { useMemo, useState } from 'react';
import StateView from '../../../../components/state-view';
import StationMap from '../../../../components/station-map';
import type { MapCircle, MapRect } from '../../../../components/station-map/types';
import { useAuth } from '../../../../hooks/use-auth';
import { useRequest } from '../../../../hooks/use-request';
import { stationCoverage } from '../../../../services/stations';
import StaffOnly from '../../components/staff-only';
import { useScopeCommunities } from '../../hooks/use-scope-communities';
import './index.scss';

const hectares = (m2: number) => (m2 / 10000).toFixed(1);

/** Walking distances staff may pick for service centres and commerce stations (the server allows 300–3,000 m). */
export const WALK_DISTANCES_M = [500, COVERAGE_WALK_RADIUS_DEFAULT_M, 1500, 2000] as const;

/** Gaps sent with their cells are drawn cell-exact; those the response's cap left without cells, as a circle of the same area. */
function gapShapes(c: CoverageResponse | null): { rects: MapRect[]; circles: MapCircle[] } {
  const rects: MapRect[] = [];
  const circles: MapCircle[] = [];
  c?.gaps.forEach((g, i) => {
    const label = `缺口 ${i + 1}：约 ${hectares(g.areaM2)} 公顷`;
    if (g.blocks) for (const b of g.blocks) rects.push({ ...coverageBlockBounds(c.grid, b), label });
    else circles.push({ lat: g.lat, lng: g.lng, radiusM: Math.max(60, Math.sqrt(g.areaM2 / Math.PI)), label });
  });
  return { rects, circles };
}

/**
 * The 15-minute circle for one community and one kind of station: 爱心驿站 every 500 m, 党群服务中心 and 电商服务站
 * within a walking distance (1,000 m unless staff pick another); how much is covered, and the gaps, largest first.
 */
function Coverage() {
  const { user } = useAuth();
  const communities = useScopeCommunities(user);
  const [index, setIndex] = useState(0);
  const [mapDown, setMapDown] = useState(false);
  /** A gap tapped in the list: the map centres on it. */
  const [focus, setFocus] = useState<LatLng | null>(null);
  const [kind, setKind] = useState<StationKind>('rest_station');
  const [walkM, setWalkM] = useState<number>(COVERAGE_WALK_RADIUS_DEFAULT_M);
  const options = communities.data ?? [];
  const area = options[index];
  const adjustable = COVERAGE_RULES[kind].fixedRadiusM === null;
  // Rest stations ask with no kind at all (the server's default); the others name the kind, and a distance only when not the default.
  const rule = kind === 'rest_station' ? {} : { kind, radiusM: walkM === COVERAGE_WALK_RADIUS_DEFAULT_M ? undefined : walkM };
  const coverage = useRequest(() => stationCoverage(area!.id, rule), `coverage-${area?.id ?? 0}-${kind}-${adjustable ? walkM : ''}`, Boolean(area));
  const shapes = useMemo(() => gapShapes(coverage.data), [coverage.data]);

  if (communities.loading) return <StateView kind='loading' title='正在加载辖区…' />;
  if (communities.error) return <StateView kind='error' title='没能加载辖区' description={communities.error.message} actionText='重试' onAction={() => void communities.reload()} />;
  if (!area) return <StateView kind='empty' title='辖区内没有社区' />;
  const c = coverage.data;
  return (
    <View className='page station-coverage' data-testid='station-coverage'>
      <View className='card'>
        <Picker
          mode='selector'
          range={options.map((o) => o.label)}
          value={index}
          onChange={(e) => {
            setIndex(Number(e.detail.value));
            setFocus(null);
          }}
        >
          <Text className='station-coverage__picker'>{area.label} ›</Text>
        </Picker>
        <View className='station-coverage__kinds' data-testid='coverage-kinds'>
          {STATION_KINDS.map((k) => (
            <Text
              key={k}
              className={`chip ${kind === k ? 'chip--on' : ''}`}
              data-testid={`coverage-kind-${k}`}
              onClick={() => {
                setKind(k);
                setFocus(null);
              }}
            >
              {STATION_KIND_LABELS[k]}
            </Text>
          ))}
        </View>
        {adjustable ? (
          <View className='station-coverage__kinds' data-testid='coverage-distances'>
            <Text className='muted'>步行距离</Text>
            {WALK_DISTANCES_M.map((m) => (
              <Text key={m} className={`chip ${walkM === m ? 'chip--on' : ''}`} data-testid={`coverage-walk-${m}`} onClick={() => setWalkM(m)}>
                {m} 米
              </Text>
            ))}
          </View>
        ) : null}
        {coverage.loading && !c ? (
          <Text className='muted'>正在计算…</Text>
        ) : coverage.error ? (
          <Text className='field-error'>{coverage.error.message}</Text>
        ) : c ? (
          <>
            <Text className='station-coverage__share' data-testid='coverage-share'>
              {(c.share * 100).toFixed(1)}%
            </Text>
            <Text className='muted' data-testid='coverage-summary'>
              {c.covered} / {c.cells} 个 {c.cellM} 米网格在{STATION_KIND_LABELS[kind]} {c.radiusM} 米范围内（{COVERAGE_RULES[kind].basis}）；辖区内 {c.stations} 个{STATION_KIND_LABELS[kind]}；
              {c.gaps.length} 处缺口
            </Text>
          </>
        ) : null}
      </View>
      {c && area.lat !== null && area.lng !== null && !mapDown ? (
        <View className='station-coverage__map'>
          <StationMap center={focus ?? { lat: area.lat, lng: area.lng }} markers={[]} rects={shapes.rects} circles={shapes.circles} onUnavailable={() => setMapDown(true)} testId='coverage-map' />
          {c.blocksCapped ? (
            <Text className='muted station-coverage__capped' data-testid='coverage-capped'>
              缺口较多：地图按 {c.cellM} 米网格画出了最大的 {c.gaps.filter((g) => g.blocks).length} 处，其余 {shapes.circles.length} 处只用圆圈标出大致位置。
            </Text>
          ) : null}
        </View>
      ) : null}
      {mapDown ? <Text className='muted station-coverage__down'>地图暂时无法加载，缺口列表如下。</Text> : null}
      {c?.gaps.length ? (
        <View className='card'>
          <Text className='card__title'>覆盖缺口（由大到小）</Text>
          {c.gaps.map((g, i) => (
            <View key={`${g.lat},${g.lng}`} className='station-coverage__gap' data-testid='coverage-gap' onClick={() => setFocus({ lat: g.lat, lng: g.lng })}>
              <Text>缺口 {i + 1}</Text>
              <Text>
                约 {hectares(g.areaM2)} 公顷 · 中心 {g.lat.toFixed(5)}, {g.lng.toFixed(5)}
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
