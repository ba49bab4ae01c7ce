import { haversineM, type LatLng } from '@xjy/shared/geo';
import type { MediaUploadResponse } from '@xjy/shared/media';
import { useCallback, useMemo, useState } from 'react';
import { uploadFile } from '../services/upload';

/** Farther than this from the device's position, a photo's own position is offered instead. */
export const PHOTO_LOCATION_FAR_M = 200;

export interface PhotoLocationOffer extends LatLng {
  /** How far the photo's position is from the device's; null when the device gave none. */
  distanceM: number | null;
}

/**
 * Whether to offer a photo's position (GCJ-02, from its EXIF) as the report's: when the device has no position, or
 * the photo was taken more than PHOTO_LOCATION_FAR_M away from where the device is now (a photo taken earlier).
 */
export function photoLocationOffer(device: LatLng | null, photo: LatLng | null | undefined): PhotoLocationOffer | null {
  if (!photo) return null;
  if (!device) return { ...photo, distanceM: null };
  const distanceM = Math.round(haversineM(device, photo));
  return distanceM > PHOTO_LOCATION_FAR_M ? { ...photo, distanceM } : null;
}

/** A report photo uploaded with the server asked to read its EXIF position (never stored by the server). */
export const uploadReportPhoto = (filePath: string, onProgress?: (percent: number) => void): Promise<MediaUploadResponse> =>
  uploadFile<MediaUploadResponse>('/api/media', filePath, { query: { withLocation: 'true' }, onProgress });

export interface PhotoLocation {
  /** Shown as 使用照片位置 while non-null. */
  offer: PhotoLocationOffer | null;
  /**
   * Feed every picked photo's position (GCJ-02, read on the phone by utils/photo-gps, or an upload's exifLocation);
   * the first photo that carries one is the one offered.
   */
  notePhoto: (position: LatLng | null | undefined) => void;
  /** The reporter takes it: returns the position to send as the report's lat/lng, and the offer goes away. */
  accept: () => LatLng | null;
  /** The reporter keeps the device's position: the offer goes away for this report. */
  dismiss: () => void;
  /** A new report: forget the photo's position and any answer. */
  reset: () => void;
}

/**
 * 随手拍's photo-first location: offers the position a photo carries when the device's is missing or far from it.
 * Nothing is taken without the reporter's tap, and the server never stores a position from a photo.
 */
export function usePhotoLocation(device: LatLng | null): PhotoLocation {
  const [photo, setPhoto] = useState<LatLng | null>(null);
  const [answered, setAnswered] = useState(false);

  const notePhoto = useCallback((at: LatLng | null | undefined) => {
    if (at) setPhoto((current) => current ?? { lat: at.lat, lng: at.lng });
  }, []);
  const accept = useCallback(() => {
    setAnswered(true);
    return photo;
  }, [photo]);
  const dismiss = useCallback(() => setAnswered(true), []);
  const reset = useCallback(() => {
    setPhoto(null);
    setAnswered(false);
  }, []);

  const offer = useMemo(() => (answered ? null : photoLocationOffer(device, photo)), [answered, device, photo]);
  return { offer, notePhoto, accept, dismiss, reset };
}
