import type { LatLng } from '@xjy/shared';

// The GPS position in a photo's EXIF block (as sharp's metadata().exif hands it over: "Exif\0\0" then a TIFF
// structure), read by hand: only IFD0's GPS pointer and the GPS IFD's latitude and longitude, every offset checked
// against the buffer, so a damaged or hostile block gives null and never throws.

const TAG_GPS_IFD = 0x8825;
const TAG_LAT_REF = 0x0001;
const TAG_LAT = 0x0002;
const TAG_LNG_REF = 0x0003;
const TAG_LNG = 0x0004;
const TYPE_ASCII = 2;
const TYPE_RATIONAL = 5;
const ENTRIES_MAX = 512;

/** WGS-84 latitude and longitude from an EXIF block; null when there is none, or it is damaged or out of range. */
export function readExifGps(exif: Buffer | undefined | null): LatLng | null {
  if (!exif || exif.length < 14) return null;
  const start = exif.toString('latin1', 0, 6) === 'Exif\0\0' ? 6 : 0;
  const tiff = exif.subarray(start);
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (o + 2 <= tiff.length ? (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o)) : null);
  const u32 = (o: number) => (o + 4 <= tiff.length ? (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o)) : null);
  if (u16(2) !== 42) return null;

  /** The entries of the IFD at `offset`: tag → [type, count, offset of the value or of its inline bytes]. */
  const entries = (offset: number | null): Map<number, [number, number, number]> | null => {
    if (offset === null || offset < 8) return null;
    const n = u16(offset);
    if (n === null || n > ENTRIES_MAX || offset + 2 + n * 12 > tiff.length) return null;
    const out = new Map<number, [number, number, number]>();
    for (let i = 0; i < n; i++) {
      const e = offset + 2 + i * 12;
      const [tag, type, count] = [u16(e)!, u16(e + 2)!, u32(e + 4)!];
      const size = (type === TYPE_RATIONAL ? 8 : type === TYPE_ASCII ? 1 : 4) * count;
      out.set(tag, [type, count, size <= 4 ? e + 8 : u32(e + 8)!]);
    }
    return out;
  };

  const ifd0 = entries(u32(4));
  const pointer = ifd0?.get(TAG_GPS_IFD);
  if (!pointer) return null;
  const gps = entries(u32(pointer[2]));
  if (!gps) return null;

  const ref = (tag: number): string | null => {
    const e = gps.get(tag);
    if (!e || e[0] !== TYPE_ASCII || e[1] < 1 || e[2] >= tiff.length) return null;
    return String.fromCharCode(tiff[e[2]]).toUpperCase();
  };
  const dms = (tag: number): number | null => {
    const e = gps.get(tag);
    if (!e || e[0] !== TYPE_RATIONAL || e[1] < 3 || e[2] + 24 > tiff.length) return null;
    const parts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const num = u32(e[2] + i * 8)!;
      const den = u32(e[2] + i * 8 + 4)!;
      if (den === 0) return null;
      parts.push(num / den);
    }
    if (parts[1] >= 60 || parts[2] >= 60) return null;
    return parts[0] + parts[1] / 60 + parts[2] / 3600;
  };

  const latRef = ref(TAG_LAT_REF);
  const lngRef = ref(TAG_LNG_REF);
  const lat = dms(TAG_LAT);
  const lng = dms(TAG_LNG);
  if (lat === null || lng === null || (latRef !== 'N' && latRef !== 'S') || (lngRef !== 'E' && lngRef !== 'W')) return null;
  if (lat > 90 || lng > 180) return null;
  // Cameras without a fix often write 0/0: no position, not the Gulf of Guinea.
  if (lat === 0 && lng === 0) return null;
  return { lat: latRef === 'S' ? -lat : lat, lng: lngRef === 'W' ? -lng : lng };
}
