import { LatLng, MEDIA_LONG_SIDE_MAX, MEDIA_MAX_PIXELS, MEDIA_THUMB_SIDE, STATION_PHOTOS_MAX } from '@xjy/shared';
import sharp from 'sharp';
import { AppException } from '../../common/app.exception';
import { WorkLimiter } from '../../common/work-limiter';
import { readExifGps } from './exif-gps';
import { DecodedHeif, decodeHeif, HeifTooLargeError } from './heif-decoder';

export type SniffedType = 'jpeg' | 'png' | 'webp' | 'heic';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif']);

/** The real type from the first bytes; the file name and the client's content type are never trusted. */
export function sniffImageType(b: Buffer): SniffedType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && HEIF_BRANDS.has(b.toString('latin1', 8, 12))) return 'heic';
  return null;
}

export interface ProcessedImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  /** Where the original says it was taken (EXIF GPS, WGS-84), read before the metadata is dropped; never stored. */
  gps: LatLng | null;
}

export const unsupportedType = (message = '只支持 JPEG、PNG、WebP 或 HEIC 照片') => new AppException('unsupported_media_type', undefined, message);

const damaged = (type: SniffedType) =>
  unsupportedType(type === 'heic' ? '这张 HEIC 照片已损坏或格式不受支持，无法读取' : '照片已损坏，无法读取');

/** 413 image_too_large: the file is within the byte limit but declares more pixels than the server decodes. */
export const imageTooLarge = (width: number, height: number) =>
  new AppException('image_too_large', { maxPixels: MEDIA_MAX_PIXELS, width, height });

/**
 * Re-encodes to JPEG: turned upright from the EXIF orientation, every piece of metadata dropped (sharp keeps none
 * unless asked, so EXIF GPS never reaches storage), longest side at most 2048 px, plus a 400 px thumbnail.
 * The size the file declares is checked before anything is decoded. HEIC that sharp's libvips cannot decode (the
 * prebuilt one has no HEVC decoder, so iPhone photos) is decoded by libheif's WebAssembly build instead and goes
 * through the same pipeline from its raw pixels, already turned upright by the file's irot/imir.
 */
export function processImage(input: Buffer, owner: string | number = 'system'): Promise<ProcessedImage> {
  return IMAGE_WORK.run(owner, () => reencode(input, owner));
}

/**
 * sharp runs on libuv's threads, but every decode holds up to MEDIA_MAX_PIXELS × 4 bytes: two at a time on this
 * two-core machine, one per user with as many more waiting as a station has photos (a client uploads a form's photos
 * at once), 24 waiting overall; past that the answer is immediate.
 */
export const IMAGE_WORK_LIMITS = { concurrency: 2, queueMax: 24, perKeyConcurrency: 1, perKeyQueue: STATION_PHOTOS_MAX } as const;
export const IMAGE_WORK = new WorkLimiter('image', IMAGE_WORK_LIMITS, 'media_busy');

async function reencode(input: Buffer, owner: string | number): Promise<ProcessedImage> {
  const type = sniffImageType(input);
  if (!type) throw unsupportedType();
  // The size the file declares, read from its header by hand first: libvips refuses to even read the header of
  // an image over its own pixel limit (16383², the largest WebP), which would be reported as a damaged file.
  const declared = declaredSize(input, type);
  if (declared && declared.width * declared.height > MEDIA_MAX_PIXELS) throw imageTooLarge(declared.width, declared.height);
  // Header only: libvips reads the declared size without decoding (HEVC-coded HEIC included).
  const header = await sharp(input, { limitInputPixels: false }).metadata().catch(() => null);
  if (header?.width && header.height && header.width * header.height > MEDIA_MAX_PIXELS) throw imageTooLarge(header.width, header.height);
  const gps = readExifGps(header?.exif);
  try {
    return { ...(await encode(sharp(input, { failOn: 'error', limitInputPixels: MEDIA_MAX_PIXELS }).rotate())), gps };
  } catch (e) {
    if (e instanceof AppException) throw e;
    if (type !== 'heic') throw damaged(type);
  }
  let decoded: DecodedHeif;
  try {
    decoded = await decodeHeif(input, { maxPixels: MEDIA_MAX_PIXELS, owner });
  } catch (e) {
    if (e instanceof HeifTooLargeError) throw imageTooLarge(e.width, e.height);
    if (e instanceof AppException) throw e;
    throw damaged(type);
  }
  // Raw pixels carry no EXIF, so nothing turns them a second time. Their colour profile is not carried over
  // either: wide-gamut (Display P3) values are taken as sRGB, slightly duller than the original.
  try {
    return { ...(await encode(sharp(decoded.data, { raw: { width: decoded.width, height: decoded.height, channels: 4 }, limitInputPixels: MEDIA_MAX_PIXELS }))), gps };
  } catch {
    throw damaged(type);
  }
}

const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height as the header of a JPEG, PNG or WebP declares them, without decoding; null when unreadable. */
export function declaredSize(b: Buffer, type: SniffedType): { width: number; height: number } | null {
  if (type === 'png') return b.length >= 24 ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : null;
  if (type === 'webp') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (chunk === 'VP8L' && b.length >= 25) {
      const bits = b.readUInt32LE(21);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
    }
    if (chunk === 'VP8 ' && b.length >= 30) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    return null;
  }
  if (type === 'jpeg') {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
        i += 2;
        continue;
      }
      if (JPEG_SOF.has(marker)) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return null;
}

async function encode(upright: ReturnType<typeof sharp>): Promise<Omit<ProcessedImage, 'gps'>> {
  const full = await upright
    .resize({ width: MEDIA_LONG_SIDE_MAX, height: MEDIA_LONG_SIDE_MAX, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  const thumb = await sharp(full.data).resize({ width: MEDIA_THUMB_SIDE, height: MEDIA_THUMB_SIDE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 72 }).toBuffer();
  return { full: full.data, thumb, width: full.info.width, height: full.info.height };
}

/** A small street-scene-like placeholder JPEG for demo data, different per key, rendered with sharp. */
export async function renderDemoPhoto(key: string, thumb: boolean): Promise<Buffer> {
  let h = 0;
  for (const ch of key.replace('.thumb', '')) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = h % 360;
  const [w, ht] = thumb ? [400, 300] : [1200, 900];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900" viewBox="0 0 1200 900">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,78%)"/><stop offset="1" stop-color="hsl(${hue},35%,92%)"/></linearGradient></defs>
    <rect width="1200" height="900" fill="url(#sky)"/>
    <rect y="560" width="1200" height="340" fill="hsl(${(hue + 200) % 360},8%,38%)"/>
    <rect x="0" y="700" width="1200" height="16" fill="#f5f5f5"/>
    <rect x="${120 + (h % 500)}" y="260" width="260" height="300" fill="hsl(${(hue + 40) % 360},30%,55%)"/>
    <rect x="${600 + (h % 300)}" y="180" width="200" height="380" fill="hsl(${(hue + 80) % 360},25%,48%)"/>
    <circle cx="${300 + (h % 600)}" cy="640" r="${40 + (h % 30)}" fill="hsl(${(hue + 180) % 360},70%,45%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).resize(w, ht).jpeg({ quality: 78 }).toBuffer();
}
