import { wgs84ToGcj02 } from '@xjy/shared/geo';
import { parseBoundary, readBoundaryPoints, ringToGeoJson } from './geojson';

const square = [
  [114.66, 38.33],
  [114.68, 38.33],
  [114.68, 38.35],
  [114.66, 38.35],
  [114.66, 38.33],
];

describe('parseBoundary', () => {
  it('reads a Polygon, a Feature, a FeatureCollection and a MultiPolygon alike, dropping the closing point', () => {
    const polygon = { type: 'Polygon', coordinates: [square] };
    for (const v of [polygon, { type: 'Feature', properties: {}, geometry: polygon }, { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }] }, { type: 'MultiPolygon', coordinates: [[square]] }]) {
      expect(parseBoundary(JSON.stringify(v), 'gcj02')).toEqual({ ring: square.slice(0, 4) });
    }
  });

  it('converts WGS-84 files to GCJ-02', () => {
    const r = parseBoundary(JSON.stringify({ type: 'Polygon', coordinates: [square] }), 'wgs84');
    const expected = wgs84ToGcj02({ lng: 114.66, lat: 38.33 });
    expect('ring' in r && r.ring[0][0]).toBeCloseTo(expected.lng, 6);
    expect('ring' in r && r.ring[0][1]).toBeCloseTo(expected.lat, 6);
  });

  it('explains in Chinese what is wrong', () => {
    expect(parseBoundary('{oops', 'gcj02')).toEqual({ error: '不是有效的 GeoJSON（JSON 格式有误）' });
    expect(parseBoundary('{"type":"Point","coordinates":[114.6,38.3]}', 'gcj02')).toEqual({ error: '没有找到多边形（需要 Polygon 或 MultiPolygon）' });
    expect(parseBoundary('[[38.33,114.66],[38.33,114.68],[38.35,114.68]]', 'gcj02')).toEqual({ error: expect.stringContaining('经纬度顺序') });
    expect(parseBoundary('[[114.66,38.33],[114.68,38.33]]', 'gcj02')).toEqual({ error: '边界至少需要 3 个点' });
    expect(parseBoundary('[[114.66,"38"],[114.68,38.33],[114.6,38.3]]', 'gcj02')).toEqual({ error: '坐标须为 [经度, 纬度] 数字对' });
  });

  it('reads fewer than 3 points for a drawing in progress, and writes a drawn ring back as a closed Polygon', () => {
    const two = square.slice(0, 2) as Array<[number, number]>;
    expect(readBoundaryPoints(ringToGeoJson(two), 'gcj02')).toEqual({ ring: two });
    expect(parseBoundary(ringToGeoJson(two), 'gcj02')).toEqual({ error: '边界至少需要 3 个点' });
    expect(readBoundaryPoints(ringToGeoJson([[114.66, 38.33]]), 'gcj02')).toEqual({ ring: [[114.66, 38.33]] });
    const ring = square.slice(0, 4) as Array<[number, number]>;
    expect(JSON.parse(ringToGeoJson(ring))).toEqual({ type: 'Polygon', coordinates: [square] });
    expect(parseBoundary(ringToGeoJson(ring), 'gcj02')).toEqual({ ring });
    expect(ringToGeoJson([])).toBe('');
  });
});
