import { MEDIA_MAX_PIXELS } from '@xjy/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeHeif, HeifDecodeError, HeifTooLargeError } from './heif-decoder';
import { declaredSize, processImage, sniffImageType } from './media-image';

/**
 * A real HEVC-coded HEIC (made by test/fixtures/make-heic-fixture.mjs): stored 640x480 landscape, EXIF with GPS and
 * Orientation=6, and an irot property that turns it upright to 480x640: blue | red over yellow | green.
 */
const IPHONE_HEIC = readFileSync(join(__dirname, '../../../test/fixtures/iphone-style.heic'));

/** Mean colour of a 20x20 patch, by channel. */
async function patch(jpeg: Buffer, left: number, top: number): Promise<number[]> {
  const { data, info } = await sharp(jpeg).extract({ left, top, width: 20, height: 20 }).raw().toBuffer({ resolveWithObject: true });
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += info.channels) for (let c = 0; c < 3; c++) sum[c] += data[i + c];
  return sum.map((v) => v / (data.length / info.channels));
}
const isBlue = ([r, g, b]: number[]) => b > 150 && r < 100 && g < 110;
const isRed = ([r, g, b]: number[]) => r > 150 && g < 100 && b < 100;
const isYellow = ([r, g, b]: number[]) => r > 150 && g > 150 && b < 100;
const isGreen = ([r, g, b]: number[]) => g > 150 && r < 100 && b < 110;

/** A PNG whose header declares width x height, with nothing decodable behind it. */
function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
  };
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(64, 1)), chunk('IEND', Buffer.alloc(0))]);
}

describe('sniffImageType', () => {
  it('knows JPEG, PNG, WebP and HEIC by their first bytes, and nothing else', () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
    expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffImageType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0', 'latin1'))).toBe('heic');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('processImage', () => {
  it('drops all metadata, applies the orientation and bounds both sizes', async () => {
    const input = await sharp({ create: { width: 2600, height: 1300, channels: 3, background: '#246' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N' } })
      .withMetadata({ orientation: 8 })
      .toBuffer();
    const out = await processImage(input);
    expect([out.width, out.height]).toEqual([1024, 2048]);
    const full = await sharp(out.full).metadata();
    expect(full.exif).toBeUndefined();
    expect(full.orientation).toBeUndefined();
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([200, 400]);
  });

  it('refuses bytes that are not an image with 415', async () => {
    await expect(processImage(Buffer.from('hello'))).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('refuses a file declaring more than MEDIA_MAX_PIXELS with 413 image_too_large, before decoding it', async () => {
    const bomb = pngDeclaring(10_000, 10_000);
    expect((await sharp(bomb).metadata()).width).toBe(10_000);
    await expect(processImage(bomb)).rejects.toMatchObject({ status: 413, code: 'image_too_large', details: { maxPixels: MEDIA_MAX_PIXELS, width: 10_000, height: 10_000 } });
    // Just under the limit the same broken file is only broken: 415.
    await expect(processImage(pngDeclaring(5_000, 5_000))).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it.each([
    ['PNG', () => pngDeclaring(20_000, 20_000)],
    ['JPEG', async () => jpegDeclaring(20_000, 20_000)],
    ['WebP', async () => webpDeclaring(20_000, 20_000)],
  ])('refuses a %s declaring more than 16383² pixels (past libvips\' own header limit) with 413 image_too_large', async (_type, make) => {
    const bomb = await make();
    await expect(processImage(bomb)).rejects.toMatchObject({ status: 413, code: 'image_too_large', details: { width: 20_000, height: 20_000 } });
  });
});

describe('declaredSize', () => {
  it('reads the size a JPEG, PNG and WebP header declares', async () => {
    const jpeg = await sharp({ create: { width: 321, height: 123, channels: 3, background: '#888' } }).jpeg().toBuffer();
    expect(declaredSize(jpeg, 'jpeg')).toEqual({ width: 321, height: 123 });
    expect(declaredSize(await sharp(jpeg).webp({ lossless: true }).toBuffer(), 'webp')).toEqual({ width: 321, height: 123 });
    expect(declaredSize(await sharp(jpeg).webp().toBuffer(), 'webp')).toEqual({ width: 321, height: 123 });
    expect(declaredSize(pngDeclaring(7, 9), 'png')).toEqual({ width: 7, height: 9 });
    expect(declaredSize(Buffer.from([0xff, 0xd8, 0xff]), 'jpeg')).toBeNull();
  });
});

/** A real small JPEG whose SOF marker is rewritten to declare width x height. */
async function jpegDeclaring(width: number, height: number): Promise<Buffer> {
  const b = Buffer.from(await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).jpeg().toBuffer());
  for (let i = 2; i < b.length - 9; ) {
    if (b[i + 1] === 0xc0 || b[i + 1] === 0xc2) {
      b.writeUInt16BE(height, i + 5);
      b.writeUInt16BE(width, i + 7);
      return b;
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error('no SOF marker');
}

/** An extended-format WebP header (VP8X) declaring a canvas of width x height. */
function webpDeclaring(width: number, height: number): Buffer {
  const b = Buffer.alloc(64);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(56, 4);
  b.write('WEBPVP8X', 8, 'latin1');
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return b;
}

describe('HEIC', () => {
  it('the fixture is HEVC-coded, carries EXIF GPS, and sharp alone cannot decode it', async () => {
    expect(sniffImageType(IPHONE_HEIC)).toBe('heic');
    const meta = await sharp(IPHONE_HEIC).metadata();
    expect(meta).toMatchObject({ format: 'heif', compression: 'hevc', width: 480, height: 640 });
    expect(meta.exif?.includes(Buffer.from('Apple'))).toBe(true);
    await expect(sharp(IPHONE_HEIC).jpeg().toBuffer()).rejects.toThrow(/HEVC|compression format/);
  });

  it('becomes an upright JPEG of the right size with no EXIF, GPS or colour profile, and a thumbnail', async () => {
    const out = await processImage(IPHONE_HEIC);
    expect([out.width, out.height]).toEqual([480, 640]);
    const full = await sharp(out.full).metadata();
    expect(full).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    expect(full.exif).toBeUndefined();
    expect(full.icc).toBeUndefined();
    expect(full.xmp).toBeUndefined();
    expect(full.orientation).toBeUndefined();
    expect(out.full.includes(Buffer.from('Apple'))).toBe(false);
    // Turned once, by irot (EXIF Orientation=6 says the same and must not turn it again): quadrants where upright.
    expect(isBlue(await patch(out.full, 10, 10))).toBe(true);
    expect(isRed(await patch(out.full, 450, 10))).toBe(true);
    expect(isYellow(await patch(out.full, 10, 610))).toBe(true);
    expect(isGreen(await patch(out.full, 450, 610))).toBe(true);
    const thumb = await sharp(out.thumb).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 300, 400]);
    expect(thumb.exif).toBeUndefined();
  });

  it('refuses a file with a HEIC brand and a garbage body with 415', async () => {
    const garbage = Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(4000, 7)]);
    expect(sniffImageType(garbage)).toBe('heic');
    await expect(processImage(garbage)).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type', message: expect.stringContaining('HEIC') });
    // A real HEIC cut short: the container parses, the HEVC data does not.
    await expect(processImage(IPHONE_HEIC.subarray(0, Math.floor(IPHONE_HEIC.length * 0.6)))).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('refuses a HEIC declaring more than MEDIA_MAX_PIXELS with 413 image_too_large', async () => {
    const huge = Buffer.from(IPHONE_HEIC);
    const ispe = huge.indexOf('ispe', 0, 'latin1');
    expect(ispe).toBeGreaterThan(0);
    huge.writeUInt32BE(10_000, ispe + 8);
    huge.writeUInt32BE(10_000, ispe + 12);
    await expect(processImage(huge)).rejects.toMatchObject({ status: 413, code: 'image_too_large', details: { width: 10_000, height: 10_000 } });
  });

  it('the decoder checks the declared size before decoding and reports it', async () => {
    await expect(decodeHeif(IPHONE_HEIC, { maxPixels: 480 * 640 - 1 })).rejects.toEqual(new HeifTooLargeError(480, 640));
    const ok = await decodeHeif(IPHONE_HEIC, { maxPixels: 480 * 640 });
    expect([ok.width, ok.height, ok.data.length]).toEqual([480, 640, 480 * 640 * 4]);
    await expect(decodeHeif(Buffer.from('not heif'), { maxPixels: MEDIA_MAX_PIXELS })).rejects.toBeInstanceOf(HeifDecodeError);
  });
});

