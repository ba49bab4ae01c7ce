import sharp from 'sharp';
import { processImage, sniffImageType } from './media-image';

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
});
