import type { LatLng } from '@xjy/shared/geo';

/**
 * A small JPEG made by hand whose EXIF carries `wgs` (WGS-84) as GPS, as a phone writes it: SOI, APP1 "Exif\0\0"
 * with a little-endian TIFF (IFD0 → GPS IFD with the four tags), a start of scan and EOI. Seconds to 1/10000.
 */
export function jpegWithGps(wgs: LatLng): Uint8Array {
  const tiff = new Uint8Array(160);
  const v = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49], 0);
  v.setUint16(2, 42, true);
  v.setUint32(4, 8, true);
  v.setUint16(8, 1, true);
  v.setUint16(10, 0x8825, true);
  v.setUint16(12, 4, true);
  v.setUint32(14, 1, true);
  v.setUint32(18, 26, true);
  v.setUint16(26, 4, true);
  const entry = (i: number, tag: number, type: number, count: number, value: number | string) => {
    const o = 28 + i * 12;
    v.setUint16(o, tag, true);
    v.setUint16(o + 2, type, true);
    v.setUint32(o + 4, count, true);
    if (typeof value === 'string') tiff[o + 8] = value.charCodeAt(0);
    else v.setUint32(o + 8, value, true);
  };
  entry(0, 1, 2, 2, wgs.lat < 0 ? 'S' : 'N');
  entry(1, 2, 5, 3, 100);
  entry(2, 3, 2, 2, wgs.lng < 0 ? 'W' : 'E');
  entry(3, 4, 5, 3, 124);
  const dms = (x: number): Array<[number, number]> => {
    const a = Math.abs(x);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    return [[d, 1], [m, 1], [Math.round(((a - d) * 60 - m) * 60 * 10000), 10000]];
  };
  [...dms(wgs.lat), ...dms(wgs.lng)].forEach(([n, d], i) => {
    v.setUint32(100 + i * 8, n, true);
    v.setUint32(104 + i * 8, d, true);
  });
  const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...Array.from(tiff)];
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff, ...app1, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0xff, 0xd9]);
}

/** The same JPEG without any EXIF. */
export const JPEG_WITHOUT_GPS = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 6, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0xff, 0xd9]);
