import Taro from '@tarojs/taro';
import type { LatLng } from '@xjy/shared/geo';

export type LocationFailure = 'permission_denied' | 'unavailable';

export class LocationError extends Error {
  constructor(readonly reason: LocationFailure, message: string) {
    super(message);
    this.name = 'LocationError';
  }
}

/** A position with the accuracy the device reports, for geofenced check-in. */
export type Fix = LatLng & { accuracyM: number };

/** GCJ-02 straight from WeChat, as every map and the API expect. */
export async function getCurrentPosition(): Promise<LatLng> {
  const { lat, lng } = await getCurrentFix();
  return { lat, lng };
}

export async function getCurrentFix(): Promise<Fix> {
  try {
    const result = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 4000 });
    return { lat: result.latitude, lng: result.longitude, accuracyM: Math.round(result.accuracy ?? 0) };
  } catch (cause) {
    const errMsg = String((cause as { errMsg?: unknown } | null)?.errMsg ?? '');
    if (/auth|privacy|permission/i.test(errMsg)) throw new LocationError('permission_denied', errMsg);
    throw new LocationError('unavailable', errMsg);
  }
}

/** Once denied, WeChat never asks again by itself: the settings page is the only way back. */
export async function reopenLocationPermission(): Promise<void> {
  try {
    await Taro.openSetting();
  } catch {
    // The user closed the settings page; the next attempt reports the result.
  }
}
