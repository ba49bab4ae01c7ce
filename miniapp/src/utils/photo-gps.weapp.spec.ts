import { gcj02ToWgs84, haversineM } from '@xjy/shared/geo';
import { JPEG_WITHOUT_GPS, jpegWithGps } from '../../test/exif-jpeg';
import * as Taro from '../../test/taro-mock';

// Read a picked photo the WeChat way instead of through the h5 fetch.
jest.mock('./photo-bytes', () => jest.requireActual('./photo-bytes.weapp'));

import { readPhotoGps } from './photo-gps';

interface ReadOption {
  filePath: string;
  position?: number;
  length?: number;
  success?: (r: { data: ArrayBuffer | string }) => void;
  fail?: (e: { errMsg: string }) => void;
}

/** A WeChat file system holding `files`; readFile refuses a range past the end, as WeChat does. */
function fileSystem(files: Record<string, Uint8Array>, statFails = false) {
  const readFile = jest.fn((o: ReadOption) => {
    const bytes = files[o.filePath];
    const start = o.position ?? 0;
    const end = o.length === undefined ? bytes?.length : start + o.length;
    if (!bytes || end! > bytes.length) return o.fail?.({ errMsg: 'readFile:fail' });
    o.success?.({ data: bytes.slice(start, end).buffer });
  });
  const statSync = jest.fn((path: string) => {
    if (statFails || !files[path]) throw new Error('statSync:fail');
    return { size: files[path].length };
  });
  Taro.getFileSystemManager.mockReturnValue({ readFile, statSync });
  return { readFile, statSync };
}

describe('readPhotoGps (weapp)', () => {
  const taken = { lat: 38.3555, lng: 114.6912 };

  it('reads the GPS of a temp file’s head as GCJ-02', async () => {
    const photo = Uint8Array.from([...Array.from(jpegWithGps(gcj02ToWgs84(taken))), ...new Array(300_000).fill(0)]);
    const fs = fileSystem({ 'wxfile://tmp/a.jpg': photo });
    const at = await readPhotoGps('wxfile://tmp/a.jpg');
    expect(haversineM(at!, taken)).toBeLessThan(1);
    expect(fs.readFile.mock.calls[0][0]).toMatchObject({ position: 0, length: 256 * 1024 });
  });

  it('reads the whole file when its size is unknown, and a small file whole', async () => {
    const photo = jpegWithGps(gcj02ToWgs84(taken));
    fileSystem({ 'wxfile://tmp/a.jpg': photo }, true);
    expect(haversineM((await readPhotoGps('wxfile://tmp/a.jpg'))!, taken)).toBeLessThan(1);
    const fs = fileSystem({ 'wxfile://tmp/a.jpg': photo });
    expect(haversineM((await readPhotoGps('wxfile://tmp/a.jpg'))!, taken)).toBeLessThan(1);
    expect(fs.readFile.mock.calls[0][0]).toMatchObject({ position: 0, length: photo.length });
  });

  it('gives null without GPS, for a file it cannot read, and without a file system', async () => {
    fileSystem({ 'wxfile://tmp/plain.jpg': JPEG_WITHOUT_GPS });
    await expect(readPhotoGps('wxfile://tmp/plain.jpg')).resolves.toBeNull();
    await expect(readPhotoGps('wxfile://tmp/missing.jpg')).resolves.toBeNull();
    Taro.getFileSystemManager.mockImplementation(() => {
      throw new Error('no fs');
    });
    await expect(readPhotoGps('wxfile://tmp/plain.jpg')).resolves.toBeNull();
  });
});
