import { act, renderHook, waitFor } from '@testing-library/react';
import * as Taro from '../../test/taro-mock';
import { PRIVACY_GUIDE_VERSION } from '../utils/privacy-platform.h5';
import { CITY_CENTRE } from './use-location';
import { useReportSpot } from './use-report-spot';

// No browser geolocation in jsdom: with consent given, the location falls back to the city centre.
async function located() {
  Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
  const hook = renderHook(() => useReportSpot());
  await waitFor(() => expect(hook.result.current.spot).not.toBeNull());
  return hook;
}

describe('useReportSpot', () => {
  it('files at the fallback point and asks the user to place it on the map', async () => {
    const { result } = await located();
    expect(result.current.spot).toEqual({ ...CITY_CENTRE, name: null });
    expect(result.current.notice?.text).toMatch(/请在地图上选点$/);
    expect(result.current.moved).toBe(false);
  });

  it('uses the point picked on the map, and goes back to it when the map then fails', async () => {
    const { result } = await located();
    await act(() => result.current.toggleMove());
    expect(result.current.picking).toBe(true);
    act(() => result.current.pick({ lat: 38.35, lng: 114.69 }));
    await act(() => result.current.toggleMove());
    expect(result.current).toMatchObject({ spot: { lat: 38.35, lng: 114.69, name: null }, moved: true, picking: false, notice: null });

    await act(() => result.current.toggleMove());
    act(() => result.current.pick({ lat: 38.36, lng: 114.7 }));
    act(() => result.current.pickerUnavailable());
    expect(result.current).toMatchObject({ spot: { lat: 38.35, lng: 114.69 }, picking: false, notice: { text: '地图暂时无法加载，仍使用之前选的位置', testId: 'report-picker-down' } });
  });

  it('starts over from the location on relocate and after a report went out', async () => {
    const { result } = await located();
    await act(() => result.current.toggleMove());
    act(() => result.current.pick({ lat: 38.35, lng: 114.69 }));
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ spot: { ...CITY_CENTRE }, moved: false, picking: false });
    act(() => result.current.pickerUnavailable());
    expect(result.current.notice?.testId).toBe('report-picker-down');
    act(() => result.current.relocate());
    await waitFor(() => expect(result.current.spot).not.toBeNull());
    expect(result.current.notice?.testId).toBeUndefined();
  });
});
