import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { LatLng, Ring } from '@xjy/shared/geo';
import { AREA_BOUNDARY_POINTS_MAX } from '@xjy/shared/limits';
import StationMap from '../../../../components/station-map';
import ConsoleButton from '../../components/console-button';
import { readBoundaryPoints, ringToGeoJson, type CoordSystem } from './geojson';

interface Props {
  /** The boundary field's GeoJSON text and its coordinate system: what is drawn starts from it and goes back into it. */
  text: string;
  coords: CoordSystem;
  /** Where the map opens when nothing is drawn yet (the area's or its parent's centre). */
  centre: LatLng;
  /** The drawn ring as GeoJSON text, in GCJ-02 (the map's tiles and the server both use it), or '' when cleared. */
  onDrawn: (text: string) => void;
}

const HINT_ID = 'boundary-draw-hint';

/**
 * Drawing a boundary by clicking its corners on the map. The map (and its library) loads only when opened. The
 * vertices live in the boundary field itself, so drawing, pasting and uploading fill one value and can be mixed:
 * a pasted WGS-84 file is shown converted, and the next click continues its ring.
 */
export default function BoundaryDraw({ text, coords, centre, onDrawn }: Props) {
  const [start, setStart] = useState<LatLng | null>(null);
  const [tilesDown, setTilesDown] = useState(false);
  const read = useMemo(() => (text.trim() ? readBoundaryPoints(text, coords) : { ring: [] as Ring }), [text, coords]);
  const ring = 'ring' in read ? read.ring : null;
  const outline = useMemo(() => (ring ?? []).map(([lng, lat]) => ({ lat, lng })), [ring]);
  const points = ring?.length ?? 0;

  const add = (at: LatLng) => {
    if (points >= AREA_BOUNDARY_POINTS_MAX) return;
    // Unreadable text is replaced by the new drawing (the hint says so).
    onDrawn(ringToGeoJson([...(ring ?? []), [at.lng, at.lat]]));
  };
  const undo = () => onDrawn(ringToGeoJson((ring ?? []).slice(0, -1)));

  if (!start) {
    return (
      <View className='console__actions'>
        <ConsoleButton kind='secondary' onClick={() => setStart(outline[0] ?? centre)} testId='boundary-draw-open'>
          在地图上画边界
        </ConsoleButton>
      </View>
    );
  }
  return (
    <View className='console__field console__field--wide' data-testid='boundary-draw'>
      <Text className='console__muted' id={HINT_ID}>
        在地图上依次点击边界的各个拐点（至少 3 个），自动连成闭合的多边形，坐标按 GCJ-02（与底图相同）填入上方的边界框。不便使用鼠标时，可在上方粘贴或选择 GeoJSON 文件，全程可用键盘完成。
      </Text>
      <View role='group' aria-label='绘制边界的地图' aria-describedby={HINT_ID}>
        <StationMap center={start} markers={[]} outline={outline} onMapTap={add} onUnavailable={() => setTilesDown(true)} testId='boundary-map' />
      </View>
      {tilesDown ? <Text className='console__muted'>底图没有加载出来：仍可在空白地图上点击取点，或改用 GeoJSON。</Text> : null}
      {ring === null ? <Text className='console__error'>边界框中的内容无法读取；在地图上点击将重新开始画。</Text> : null}
      <View className='console__actions'>
        <Text className='console__muted' aria-live='polite' data-testid='boundary-draw-count'>
          已画 {points} 个点{points > 0 && points < 3 ? `，还需 ${3 - points} 个` : ''}
        </Text>
        <ConsoleButton kind='secondary' disabled={points === 0} onClick={undo} testId='boundary-undo'>
          撤销上一点
        </ConsoleButton>
        <ConsoleButton kind='plain' disabled={points === 0 && ring !== null} onClick={() => onDrawn('')} testId='boundary-clear'>
          清除
        </ConsoleButton>
        <ConsoleButton kind='plain' onClick={() => setStart(null)} testId='boundary-draw-close'>
          收起地图
        </ConsoleButton>
      </View>
    </View>
  );
}
