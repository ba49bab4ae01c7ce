import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { wgs84ToGcj02 } from '@xjy/shared/geo';
import StationsPage from '../pages/stations';
import { answerPrivacyConsent, isPrivacyPopupVisible } from '../utils/privacy';
import { PRIVACY_GUIDE_VERSION } from '../utils/privacy-platform.h5';
import * as Taro from '../../test/taro-mock';
import { CITY_CENTRE, useLocation } from './use-location';

type Success = (position: { coords: { latitude: number; longitude: number } }) => void;
type Failure = (error: { code: number; message: string; PERMISSION_DENIED: number }) => void;

const getCurrentPosition = jest.fn<void, [Success, Failure]>();

function grantConsent() {
  Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
}
// The browser never answers (the user has not decided yet).
const pending = (): void => undefined;
const denied = (_ok: Success, fail: Failure) => fail({ code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1 });
const at = (latitude: number, longitude: number) => (ok: Success) => ok({ coords: { latitude, longitude } });

describe('useLocation', () => {
  beforeAll(() => {
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
  });
  beforeEach(() => getCurrentPosition.mockReset());
  afterEach(() => {
    if (isPrivacyPopupVisible()) answerPrivacyConsent(false);
  });

  it('returns the position in GCJ-02 once consent is given', async () => {
    grantConsent();
    getCurrentPosition.mockImplementation(at(38.34, 114.68));
    const { result } = renderHook(() => useLocation());
    expect(result.current.status).toBe('locating');
    await waitFor(() => expect(result.current.status).toBe('located'));
    expect(result.current.position).toEqual(wgs84ToGcj02({ lat: 38.34, lng: 114.68 }));
  });

  it('never asks for the location before privacy consent, and falls back to the city centre on decline', async () => {
    getCurrentPosition.mockImplementation(at(1, 1));
    const { result } = renderHook(() => useLocation());
    await waitFor(() => expect(isPrivacyPopupVisible()).toBe(true));
    expect(getCurrentPosition).not.toHaveBeenCalled();
    act(() => answerPrivacyConsent(false));
    await waitFor(() => expect(result.current.status).toBe('fallback'));
    expect(result.current).toMatchObject({ position: CITY_CENTRE, reason: 'privacy_declined' });
    expect(getCurrentPosition).not.toHaveBeenCalled();
  });

  it('falls back to 新乐 city centre when permission is denied', async () => {
    grantConsent();
    getCurrentPosition.mockImplementation(denied);
    const { result } = renderHook(() => useLocation());
    await waitFor(() => expect(result.current.status).toBe('fallback'));
    expect(result.current).toMatchObject({ position: { lat: 38.3435, lng: 114.6839 }, reason: 'permission_denied' });
  });

  it('falls back as unavailable on a timeout, and retry locates again', async () => {
    grantConsent();
    getCurrentPosition.mockImplementationOnce((_ok, fail) => fail({ code: 3, message: 'Timeout', PERMISSION_DENIED: 1 }));
    const { result } = renderHook(() => useLocation());
    await waitFor(() => expect(result.current).toMatchObject({ status: 'fallback', reason: 'unavailable' }));

    getCurrentPosition.mockImplementationOnce(at(38.4, 114.7));
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.status).toBe('located'));
    expect(getCurrentPosition).toHaveBeenCalledTimes(2);
  });
});

describe('StationsPage location header', () => {
  beforeEach(() => getCurrentPosition.mockReset());

  it('says it is showing the city centre, why, and offers a retry', async () => {
    grantConsent();
    getCurrentPosition.mockImplementation(denied);
    render(<StationsPage />);
    expect(await screen.findByTestId('location-fallback')).toHaveTextContent('未获得定位权限');
    expect(screen.getByTestId('stations-location')).toHaveTextContent('新乐市城区中心');
    expect(screen.getByTestId('stations-empty')).toHaveTextContent('暂无驿站');

    getCurrentPosition.mockImplementation(at(38.35, 114.69));
    fireEvent.click(screen.getByTestId('location-retry'));
    await waitFor(() => expect(screen.getByTestId('stations-location')).toHaveTextContent('已定位到你的位置'));
  });

  it('shows the consent popup on the page before locating', async () => {
    getCurrentPosition.mockImplementation(pending);
    render(<StationsPage />);
    expect(await screen.findByTestId('privacy-popup')).toBeInTheDocument();
    expect(screen.getByTestId('stations-page')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('privacy-decline'));
    expect(await screen.findByTestId('location-fallback')).toHaveTextContent('未同意隐私保护指引');
  });
});
