import { bboxAround, gcj02ToWgs84, haversineM, isInChina, pointInRing, ringCentroid, wgs84ToGcj02 } from './geo';

describe('haversineM', () => {
  it('gives about 111.2 km for one degree of latitude', () => {
    expect(haversineM({ lat: 38, lng: 114 }, { lat: 39, lng: 114 })).toBeCloseTo(111195, -1);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { lat: 38.343, lng: 114.684 };
    const b = { lat: 38.35, lng: 114.7 };
    expect(haversineM(a, a)).toBe(0);
    expect(haversineM(a, b)).toBeCloseTo(haversineM(b, a), 6);
  });
});

describe('bboxAround', () => {
  it('contains every point at the radius in the four directions', () => {
    const c = { lat: 38.343, lng: 114.684 };
    const box = bboxAround(c, 1000);
    expect(haversineM(c, { lat: box.maxLat, lng: c.lng })).toBeCloseTo(1000, 0);
    expect(haversineM(c, { lat: c.lat, lng: box.maxLng })).toBeGreaterThanOrEqual(999);
  });
});

describe('GCJ-02', () => {
  it('shifts a Beijing point by the known offset (Tiananmen)', () => {
    // Tiananmen: WGS-84 39.90734, 116.39139 is shown by Amap at GCJ-02 39.90874, 116.39763 (about 550 m apart).
    const g = wgs84ToGcj02({ lat: 39.90734, lng: 116.39139 });
    expect(g.lat).toBeCloseTo(39.90874, 3);
    expect(g.lng).toBeCloseTo(116.39763, 3);
  });

  it('round-trips within a centimetre', () => {
    const w = { lat: 38.343, lng: 114.684 };
    const back = gcj02ToWgs84(wgs84ToGcj02(w));
    expect(haversineM(w, back)).toBeLessThan(0.01);
  });

  it('leaves points outside China alone', () => {
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 });
    expect(isInChina({ lat: 51.5, lng: -0.12 })).toBe(false);
    expect(isInChina({ lat: 24.73, lng: 118.65 })).toBe(true);
  });
});

describe('pointInRing', () => {
  const square: Array<[number, number]> = [
    [114, 38],
    [115, 38],
    [115, 39],
    [114, 39],
  ];

  it('tells inside from outside', () => {
    expect(pointInRing({ lat: 38.5, lng: 114.5 }, square)).toBe(true);
    expect(pointInRing({ lat: 39.5, lng: 114.5 }, square)).toBe(false);
    expect(pointInRing({ lat: 38.5, lng: 113.9 }, square)).toBe(false);
  });

  it('finds the centre of a square', () => {
    const c = ringCentroid(square);
    expect(c.lat).toBeCloseTo(38.5, 9);
    expect(c.lng).toBeCloseTo(114.5, 9);
  });
});
