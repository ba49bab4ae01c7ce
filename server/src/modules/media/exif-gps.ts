import { readExifGps as readGps, type LatLng } from '@xjy/shared';

/**
 * WGS-84 latitude and longitude from a photo's EXIF block (as sharp's metadata().exif hands it over); null when there
 * is none, or it is damaged or out of range. The reading itself is shared with the mini-program (shared/src/exif-gps.ts).
 */
export function readExifGps(exif: Buffer | undefined | null): LatLng | null {
  return readGps(exif);
}
