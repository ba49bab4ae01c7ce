import { useCallback, useEffect, useRef, useState } from 'react';
import type { LatLng } from '@xjy/shared/geo';
import { getCurrentPosition, LocationError, reopenLocationPermission } from '../utils/location';
import { ensurePrivacyConsent } from '../utils/privacy';

/** 新乐 city centre: where the map starts when we may not or cannot know where the user is. */
export const CITY_CENTRE: LatLng = { lat: 38.3435, lng: 114.6839 };
export const CITY_NAME = '新乐市';

export type FallbackReason = 'privacy_declined' | 'permission_denied' | 'unavailable';

export type LocationState =
  | { status: 'locating'; position: null }
  | { status: 'located'; position: LatLng }
  | { status: 'fallback'; position: LatLng; reason: FallbackReason };

export const FALLBACK_MESSAGES: Record<FallbackReason, string> = {
  privacy_declined: `未同意隐私保护指引，暂按${CITY_NAME}城区中心显示`,
  permission_denied: `未获得定位权限，暂按${CITY_NAME}城区中心显示`,
  unavailable: `暂时无法获取位置，暂按${CITY_NAME}城区中心显示`,
};

/** Where the user is, asked only after privacy consent; falls back to the city centre and says why. */
export function useLocation(): LocationState & { retry: () => void } {
  const [state, setState] = useState<LocationState>({ status: 'locating', position: null });
  const lastReason = useRef<FallbackReason | null>(null);
  const alive = useRef(true);

  const locate = useCallback(async () => {
    setState({ status: 'locating', position: null });
    const fallback = (reason: FallbackReason) => {
      lastReason.current = reason;
      if (alive.current) setState({ status: 'fallback', position: CITY_CENTRE, reason });
    };
    if (!(await ensurePrivacyConsent())) {
      fallback('privacy_declined');
      return;
    }
    try {
      const position = await getCurrentPosition();
      lastReason.current = null;
      if (alive.current) setState({ status: 'located', position });
    } catch (error) {
      fallback(error instanceof LocationError ? error.reason : 'unavailable');
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    void locate();
    return () => {
      alive.current = false;
    };
  }, [locate]);

  const retry = useCallback(() => {
    if (lastReason.current === 'permission_denied') {
      void reopenLocationPermission().then(locate);
      return;
    }
    void locate();
  }, [locate]);

  return { ...state, retry };
}
