import sharp from 'sharp';
import { readExifGps } from './exif-gps';

const exifOf = async (ifd3: Record<string, string> | null) => {
  const img = sharp({ create: { width: 32, height: 24, channels: 3, background: '#468' } }).jpeg();
  const withExif = img.withExif({ IFD0: { Make: 'TestPhone' }, ...(ifd3 ? { IFD3: ifd3 } : {}) });
  return (await sharp(await withExif.toBuffer()).metadata()).exif!;
};

/** A big-endian ("MM") TIFF block by hand: IFD0 with only the GPS pointer, then a GPS IFD with the four tags. */
function bigEndianExif(lat: [number, number][], lng: [number, number][], latRef = 'N', lngRef = 'E'): Buffer {
  const b = Buffer.alloc(200);
  b.write('MM', 0, 'latin1');
  b.writeUInt16BE(42, 2);
  b.writeUInt32BE(8, 4);
  b.writeUInt16BE(1, 8); // IFD0: one entry
  b.writeUInt16BE(0x8825, 10);
  b.writeUInt16BE(4, 12); // LONG
  b.writeUInt32BE(1, 14);
  b.writeUInt32BE(26, 18); // GPS IFD at 26
  b.writeUInt16BE(4, 26); // four entries
  const entry = (i: number, tag: number, type: number, count: number, value: number | string) => {
    const o = 28 + i * 12;
    b.writeUInt16BE(tag, o);
    b.writeUInt16BE(type, o + 2);
    b.writeUInt32BE(count, o + 4);
    if (typeof value === 'string') b.write(value, o + 8, 'latin1');
    else b.writeUInt32BE(value, o + 8);
  };
  entry(0, 1, 2, 2, latRef);
  entry(1, 2, 5, 3, 100);
  entry(2, 3, 2, 2, lngRef);
  entry(3, 4, 5, 3, 124);
  [...lat, ...lng].forEach(([n, d], i) => {
    b.writeUInt32BE(n, 100 + i * 8);
    b.writeUInt32BE(d, 104 + i * 8);
  });
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), b]);
}

describe('readExifGps', () => {
  it('reads degrees, minutes and seconds as a phone writes them (little-endian, as sharp writes)', async () => {
    const gps = readExifGps(await exifOf({ GPSLatitudeRef: 'N', GPSLatitude: '38/1 20/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 41/1 200/100' }));
    expect(gps!.lat).toBeCloseTo(38 + 20 / 60 + 36 / 3600, 9);
    expect(gps!.lng).toBeCloseTo(114 + 41 / 60 + 2 / 3600, 9);
  });

  it('reads a big-endian block, and south and west as negative', () => {
    const gps = readExifGps(bigEndianExif([[33, 1], [30, 1], [0, 1]], [[70, 1], [15, 1], [3000, 100]], 'S', 'W'));
    expect(gps!.lat).toBeCloseTo(-33.5, 9);
    expect(gps!.lng).toBeCloseTo(-(70 + 15 / 60 + 30 / 3600), 9);
  });

  it('gives null without GPS, for 0/0 (no fix), for a zero denominator or out-of-range values', async () => {
    expect(readExifGps(await exifOf(null))).toBeNull();
    expect(readExifGps(undefined)).toBeNull();
    expect(readExifGps(await exifOf({ GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' }))).toBeNull();
    expect(readExifGps(bigEndianExif([[38, 0], [0, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]]))).toBeNull();
    expect(readExifGps(bigEndianExif([[95, 1], [0, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]]))).toBeNull();
    expect(readExifGps(bigEndianExif([[38, 1], [75, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]]))).toBeNull();
    expect(readExifGps(bigEndianExif([[38, 1], [0, 1], [0, 1]], [[114, 1], [0, 1], [0, 1]], 'X'))).toBeNull();
  });

  it('never throws on a damaged block: every truncation and every single corrupted byte gives a position or null', async () => {
    const good = await exifOf({ GPSLatitudeRef: 'N', GPSLatitude: '38/1 20/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 41/1 200/100' });
    for (let n = 0; n < good.length; n++) expect(() => readExifGps(good.subarray(0, n))).not.toThrow();
    for (let i = 0; i < good.length; i++) {
      for (const v of [0x00, 0xff, 0x7f]) {
        const bad = Buffer.from(good);
        bad[i] = v;
        const gps = readExifGps(bad);
        if (gps) expect(Math.abs(gps.lat) <= 90 && Math.abs(gps.lng) <= 180).toBe(true);
      }
    }
  });
});
