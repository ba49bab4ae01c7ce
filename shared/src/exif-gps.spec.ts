import { readExifGps } from './exif-gps';

type Rational = [number, number];

/** A little-endian ("II") TIFF block by hand: IFD0 with only the GPS pointer, then a GPS IFD with the four tags. */
function tiff(lat: Rational[], lng: Rational[], latRef = 'N', lngRef = 'E'): Uint8Array {
  const bytes = new Uint8Array(160);
  const v = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49], 0);
  v.setUint16(2, 42, true);
  v.setUint32(4, 8, true);
  v.setUint16(8, 1, true); // IFD0: one entry
  v.setUint16(10, 0x8825, true);
  v.setUint16(12, 4, true); // LONG
  v.setUint32(14, 1, true);
  v.setUint32(18, 26, true); // GPS IFD at 26
  v.setUint16(26, 4, true); // four entries
  const entry = (i: number, tag: number, type: number, count: number, value: number | string) => {
    const o = 28 + i * 12;
    v.setUint16(o, tag, true);
    v.setUint16(o + 2, type, true);
    v.setUint32(o + 4, count, true);
    if (typeof value === 'string') bytes[o + 8] = value.charCodeAt(0);
    else v.setUint32(o + 8, value, true);
  };
  entry(0, 1, 2, 2, latRef);
  entry(1, 2, 5, 3, 100);
  entry(2, 3, 2, 2, lngRef);
  entry(3, 4, 5, 3, 124);
  [...lat, ...lng].forEach(([n, d], i) => {
    v.setUint32(100 + i * 8, n, true);
    v.setUint32(104 + i * 8, d, true);
  });
  return bytes;
}

const EXIF = [0x45, 0x78, 0x69, 0x66, 0, 0];
const segment = (marker: number, body: ArrayLike<number>) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...Array.from(body)];

/** A JPEG by hand: SOI, a JFIF APP0, the APP1 Exif segment, a quantisation table, a start of scan and EOI. */
function jpeg(block: Uint8Array): Uint8Array {
  const jfif = [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  return Uint8Array.from([
    0xff, 0xd8,
    ...segment(0xe0, jfif),
    ...segment(0xe1, [...EXIF, ...Array.from(block)]),
    ...segment(0xdb, new Array(65).fill(1)),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
    0x12, 0x34,
    0xff, 0xd9,
  ]);
}

const hebei = tiff([[38, 1], [20, 1], [3600, 100]], [[114, 1], [41, 1], [200, 100]]);

describe('readExifGps', () => {
  it('reads the position of a whole JPEG, walking past the segments before its Exif one', () => {
    const gps = readExifGps(jpeg(hebei));
    expect(gps!.lat).toBeCloseTo(38 + 20 / 60 + 36 / 3600, 9);
    expect(gps!.lng).toBeCloseTo(114 + 41 / 60 + 2 / 3600, 9);
  });

  it('reads a bare EXIF block, with or without its "Exif\\0\\0" header, and south / west as negative', () => {
    expect(readExifGps(Uint8Array.from([...EXIF, ...Array.from(hebei)]))).toEqual(readExifGps(hebei));
    const gps = readExifGps(tiff([[33, 1], [30, 1], [0, 1]], [[70, 1], [15, 1], [3000, 100]], 'S', 'W'));
    expect(gps!.lat).toBeCloseTo(-33.5, 9);
    expect(gps!.lng).toBeCloseTo(-(70 + 15 / 60 + 30 / 3600), 9);
  });

  it('gives null for a JPEG without Exif, for 0/0, a zero denominator, out-of-range minutes or a bad reference', () => {
    expect(readExifGps(Uint8Array.from([0xff, 0xd8, ...segment(0xe0, [1, 2, 3, 4]), 0xff, 0xda, 0, 2, 0xff, 0xd9]))).toBeNull();
    expect(readExifGps(tiff([[0, 1], [0, 1], [0, 1]], [[0, 1], [0, 1], [0, 1]]))).toBeNull();
    expect(readExifGps(tiff([[38, 0], [0, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]]))).toBeNull();
    expect(readExifGps(tiff([[38, 1], [75, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]]))).toBeNull();
    expect(readExifGps(tiff([[95, 1], [0, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]]))).toBeNull();
    expect(readExifGps(tiff([[38, 1], [0, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]], 'X'))).toBeNull();
    expect(readExifGps(null)).toBeNull();
    expect(readExifGps(new Uint8Array(0))).toBeNull();
  });

  it('gives null, never throws, for every truncation of a good JPEG', () => {
    const good = jpeg(hebei);
    for (let n = 0; n < good.length; n++) {
      const cut = good.subarray(0, n);
      expect(() => readExifGps(cut)).not.toThrow();
      // Cut inside or before the GPS values the position is gone; cut later (in the scan) it is still read.
      if (n < 2 + 18 + 4 + EXIF.length + 124 + 24) expect(readExifGps(cut)).toBeNull();
    }
  });

  it('never throws on damaged bytes: every single byte of a good JPEG set to each of a few values', () => {
    const good = jpeg(hebei);
    for (let i = 0; i < good.length; i++) {
      for (const value of [0x00, 0x01, 0x7f, 0xff]) {
        const bad = Uint8Array.from(good);
        bad[i] = value;
        expect(() => readExifGps(bad)).not.toThrow();
        const gps = readExifGps(bad);
        if (gps) expect(Math.abs(gps.lat) <= 90 && Math.abs(gps.lng) <= 180).toBe(true);
      }
    }
  });
});
