import type { BBox } from '@xjy/shared';
import { fieldError } from '../../common/app.exception';

const MAP_SPAN_MAX_DEG = 2;

/** "minLng,minLat,maxLng,maxLat"; 400 naming bbox when malformed, inverted, out of range or too large. */
export function parseBBox(raw: string | undefined): BBox {
  const fail = (message: string) => fieldError('validation_failed', 'bbox', message);
  if (!raw) throw fail('请提供地图范围');
  const parts = raw.split(',').map((x) => x.trim());
  if (parts.length !== 4 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) throw fail('地图范围格式应为：最小经度,最小纬度,最大经度,最大纬度');
  const [minLng, minLat, maxLng, maxLat] = parts.map(Number);
  if (Math.abs(minLat) > 90 || Math.abs(maxLat) > 90 || Math.abs(minLng) > 180 || Math.abs(maxLng) > 180) throw fail('地图范围的角点必须是有效坐标');
  if (minLng > maxLng || minLat > maxLat) throw fail('地图范围的最小值不能大于最大值');
  if (maxLng - minLng > MAP_SPAN_MAX_DEG || maxLat - minLat > MAP_SPAN_MAX_DEG) throw fail(`地图范围最多跨 ${MAP_SPAN_MAX_DEG} 度`);
  return { minLng, minLat, maxLng, maxLat };
}
