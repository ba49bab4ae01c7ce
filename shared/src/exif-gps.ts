import type { LatLng } from './geo.js';

// The GPS position in a photo's EXIF, read by hand from bytes (no Node Buffer, so the mini-program can read a picked
// photo before it is uploaded): either a whole JPEG, whose APP1 "Exif\0\0" segment is found by walking its markers,
// or a bare EXIF block ("Exif\0\0" then a TIFF structure, or the TIFF structure alone, as sharp's metadata().exif
// hands it over). Only IFD0's GPS pointer and the GPS IFD's latitude and longitude are read, every offset checked
// against the bytes, so damaged or hostile input gives null and never throws. The result is WGS-84 as the camera
// wrote it; convert it with wgs84ToGcj02 before showing it on a Chinese map.

const TAG_GPS_IFD = 0x8825;
const TAG_LAT_REF = 0x0001;
const TAG_LAT = 0x0002;
const TAG_LNG_REF = 0x0003;
const TAG_LNG = 0x0004;
const TYPE_ASCII = 2;
const TYPE_RATIONAL = 5;
const ENTRIES_MAX = 512;
/** Markers walked before giving up on a JPEG (a real one has its APP1 among the first few). */
const SEGMENTS_MAX = 64;

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

function startsWith(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  if (at < 0 || at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** The TIFF structure inside a JPEG's APP1 Exif segment; null when the JPEG has none or is damaged. */
function tiffInJpeg(bytes: Uint8Array): Uint8Array | null {
  let at = 2; // past SOI
  for (let n = 0; n < SEGMENTS_MAX; n++) {
    while (at < bytes.length && bytes[at] === 0xff && bytes[at + 1] === 0xff) at++; // fill bytes
    if (at + 4 > bytes.length || bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    // Start of scan or end of image: the metadata segments are over.
    if (marker === 0xda || marker === 0xd9) return null;
    // Stand-alone markers (RSTn, TEM) carry no length.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) return null;
    if (marker === 0xe1 && startsWith(bytes, at + 4, EXIF_HEADER)) return bytes.subarray(at + 4 + EXIF_HEADER.length, at + 2 + length);
    at += 2 + length;
  }
  return null;
}

/** The TIFF structure of a whole JPEG or a bare EXIF block. */
function tiffOf(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return tiffInJpeg(bytes);
  return startsWith(bytes, 0, EXIF_HEADER) ? bytes.subarray(EXIF_HEADER.length) : bytes;
}

/**
 * WGS-84 latitude and longitude from a JPEG or an EXIF block; null when there is none, or it is damaged or out of
 * range (including the 0/0 cameras write without a fix).
 */
export function readExifGps(bytes: Uint8Array | undefined | null): LatLng | null {
  if (!bytes || bytes.length < 8) return null;
  const tiff = tiffOf(bytes);
  if (!tiff || tiff.length < 8) return null;
  const le = tiff[0] === 0x49 && tiff[1] === 0x49; // "II"
  if (!le && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null; // "MM"
  const u16 = (o: number): number | null => {
    if (o < 0 || o + 2 > tiff.length) return null;
    return le ? tiff[o] | (tiff[o + 1] << 8) : (tiff[o] << 8) | tiff[o + 1];
  };
  const u32 = (o: number): number | null => {
    if (o < 0 || o + 4 > tiff.length) return null;
    const [a, b, c, d] = le ? [tiff[o + 3], tiff[o + 2], tiff[o + 1], tiff[o]] : [tiff[o], tiff[o + 1], tiff[o + 2], tiff[o + 3]];
    return a * 0x1000000 + ((b << 16) | (c << 8) | d);
  };
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
