import { bboxAround, gcj02ToWgs84, haversineM, isInChina, pointInEveryRing, pointInRing, Ring, ringCentroid, ringInsideRing, wgs84ToGcj02 } from './geo';

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

describe('ringInsideRing', () => {
  const square = (x0: number, y0: number, x1: number, y1: number): Ring => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  const parent = square(114, 38, 115, 39);

  it('accepts a child drawn strictly inside, along the edges, or identical to its parent', () => {
    expect(ringInsideRing(square(114.2, 38.2, 114.8, 38.8), parent)).toBe(true);
    expect(ringInsideRing(square(114, 38, 114.5, 38.5), parent)).toBe(true);
    expect(ringInsideRing(parent, parent)).toBe(true);
  });

  it('refuses a child with any vertex outside, or moved to another city', () => {
    expect(ringInsideRing(square(114.5, 38.5, 115.2, 38.8), parent)).toBe(false);
    expect(ringInsideRing(square(118.6, 24.7, 118.7, 24.8), parent)).toBe(false);
  });

  it('refuses a child whose vertices are inside but whose edge cuts across a concave parent', () => {
    // A U shape: the notch between the arms (x 114.4–114.6, y above 38.3) is outside.
    const u: Ring = [
      [114, 38],
      [115, 38],
      [115, 39],
      [114.6, 39],
      [114.6, 38.3],
      [114.4, 38.3],
      [114.4, 39],
      [114, 39],
    ];
    expect(ringInsideRing(square(114.1, 38.5, 114.3, 38.9), u)).toBe(true);
    expect(ringInsideRing(square(114.2, 38.5, 114.8, 38.9), u)).toBe(false);
  });

  it('tolerates float noise on a shared corner', () => {
    expect(ringInsideRing(square(114 + 1e-9, 38 - 1e-9, 114.5, 38.5), parent)).toBe(true);
  });
});

describe('pointInEveryRing', () => {
  const a: Ring = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
  ];
  const b: Ring = [
    [20, 20],
    [30, 20],
    [30, 30],
    [20, 30],
  ];
  it('needs the point in every ring that exists, and ignores missing ones', () => {
    expect(pointInEveryRing({ lat: 5, lng: 5 }, [a, null, a])).toBe(true);
    expect(pointInEveryRing({ lat: 25, lng: 25 }, [b, a])).toBe(false);
    expect(pointInEveryRing({ lat: 25, lng: 25 }, [null, undefined])).toBe(true);
  });
});
