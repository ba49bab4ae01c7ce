import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { LatLng } from '@xjy/shared/geo';
import { ensurePrivacyConsent } from '../utils/privacy';
import { CITY_CENTRE, CITY_NAME, FALLBACK_MESSAGES, useLocation } from './use-location';

export interface Spot extends LatLng {
  /** The place's name when the user chose it on WeChat's map. */
  name: string | null;
  /** The reporter took the position their photo carries (使用照片位置). */
  fromPhoto?: boolean;
}

export interface ReportSpot {
  /** Where the report will be filed: the user's choice, else the located (or fallback) point; null while locating. */
  spot: Spot | null;
  /** The user moved the point away from the located one. */
  moved: boolean;
  /** H5: the inline map is open. */
  picking: boolean;
  /** What the user must know about the point (located only roughly, the map did not load). */
  notice: { text: string; testId?: string } | null;
  /** Where the device is, when located (not the fallback city centre); null while locating or without a fix. */
  device: LatLng | null;
  /** Where the inline map starts. */
  pickerValue: LatLng;
  /** Opens (or closes) the map to move the point: WeChat's location chooser, or the inline map on H5. */
  toggleMove: () => Promise<void>;
  pick: (p: LatLng) => void;
  /** The inline map could not load. */
  pickerUnavailable: () => void;
  relocate: () => void;
  /** The reporter accepted the position a photo carries (GCJ-02). */
  takePhotoSpot: (p: LatLng) => void;
  /** After a report went out: back to the located point. */
  reset: () => void;
}

/** The 随手拍 point: located, or moved on a map; falls back to what was chosen before when the map cannot load. */
export function useReportSpot(): ReportSpot {
  const location = useLocation();
  const [moved, setMoved] = useState<Spot | null>(null);
  const [picking, setPicking] = useState(false);
  const [pickerDown, setPickerDown] = useState(false);
  /** The choice to go back to if the inline map cannot load. */
  const movedBefore = useRef<Spot | null>(null);

  const spot: Spot | null = moved ?? (location.position ? { ...location.position, name: null } : null);

  const toggleMove = async () => {
    if (process.env.TARO_ENV !== 'weapp') {
      if (!picking) {
        movedBefore.current = moved;
        setPickerDown(false);
      }
      setPicking(!picking);
      return;
    }
    if (!(await ensurePrivacyConsent())) return;
    try {
      const r = await Taro.chooseLocation(spot ? { latitude: spot.lat, longitude: spot.lng } : {});
      setMoved({ lat: r.latitude, lng: r.longitude, name: r.name || r.address || null });
    } catch {
      // Cancelled.
    }
  };

  const pickerUnavailable = () => {
    // Whatever was tapped on a map without tiles was chosen blind: keep the point from before the map opened.
    setMoved(movedBefore.current);
    setPicking(false);
    setPickerDown(true);
  };

  let notice: ReportSpot['notice'] = null;
  if (pickerDown) {
    const text = moved ? '地图暂时无法加载，仍使用之前选的位置' : location.status === 'fallback' ? `地图暂时无法加载，仍按${CITY_NAME}城区中心上报，请在说明里写清楚地点` : '地图暂时无法加载，仍使用定位到的位置';
    notice = { text, testId: 'report-picker-down' };
  } else if (!moved && location.status === 'fallback') notice = { text: `${FALLBACK_MESSAGES[location.reason]}，请在地图上选点` };

  return {
    spot,
    moved: moved !== null,
    picking,
    notice,
    device: location.status === 'located' ? location.position : null,
    pickerValue: spot ?? CITY_CENTRE,
    toggleMove,
    pick: (p) => setMoved({ ...p, name: null }),
    pickerUnavailable,
    relocate: () => {
      setMoved(null);
      setPickerDown(false);
      location.retry();
    },
    takePhotoSpot: (p) => {
      setMoved({ lat: p.lat, lng: p.lng, name: '照片拍摄位置', fromPhoto: true });
      setPicking(false);
      setPickerDown(false);
    },
    reset: () => {
      setMoved(null);
      setPicking(false);
    },
  };
}
