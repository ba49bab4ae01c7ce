import { readExifGps } from '@xjy/shared/exif-gps';
import { isValidLatLng, wgs84ToGcj02, type LatLng } from '@xjy/shared/geo';
import { readPhotoBytes } from './photo-bytes';

/**
 * Where a picked photo was taken, from its EXIF GPS, as GCJ-02 (what the map and the API use); null when the photo
 * carries none or its bytes cannot be read. Read on the phone, before any upload, so it works offline too.
 */
export async function readPhotoGps(path: string): Promise<LatLng | null> {
  const bytes = await readPhotoBytes(path);
  const wgs = bytes ? readExifGps(bytes) : null;
  if (!wgs) return null;
  const gcj = wgs84ToGcj02(wgs);
  return isValidLatLng(gcj) ? gcj : null;
}
