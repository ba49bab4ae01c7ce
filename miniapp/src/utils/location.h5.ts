import { wgs84ToGcj02, type LatLng } from '@xjy/shared/geo';

export type LocationFailure = 'permission_denied' | 'unavailable';

export class LocationError extends Error {
  constructor(readonly reason: LocationFailure, message: string) {
    super(message);
    this.name = 'LocationError';
  }
}

const TIMEOUT_MS = 10_000;

/** A position with the accuracy the device reports, for geofenced check-in. */
export type Fix = LatLng & { accuracyM: number };

/** Browsers report WGS-84; the API and maps work in GCJ-02, so convert here. */
export async function getCurrentPosition(): Promise<LatLng> {
  const { lat, lng } = await getCurrentFix();
  return { lat, lng };
}

export function getCurrentFix(): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new LocationError('unavailable', 'geolocation unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ ...wgs84ToGcj02({ lat: position.coords.latitude, lng: position.coords.longitude }), accuracyM: Math.round(position.coords.accuracy ?? 0) }),
      (error) =>
        reject(new LocationError(error.code === error.PERMISSION_DENIED ? 'permission_denied' : 'unavailable', error.message)),
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: 60_000 },
    );
  });
}

/** A browser re-asks on the next request (or the user changes it in site settings); nothing to open. */
export async function reopenLocationPermission(): Promise<void> {}
