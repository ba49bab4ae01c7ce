// The few Taro APIs the app calls, as jest mocks over an in-memory storage. Nothing else is provided on purpose:
// a new API in the app must be added here, and a test then decides how it behaves.
import { useEffect } from 'react';

export interface MockResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}

export interface MockRequestOption {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  timeout?: number;
  dataType?: string;
}

const storage = new Map<string, unknown>();

export const request = jest.fn<Promise<MockResponse>, [MockRequestOption]>();
export const getStorageSync = jest.fn((key: string) => (storage.has(key) ? storage.get(key) : ''));
export const setStorageSync = jest.fn((key: string, value: unknown) => {
  storage.set(key, value);
});
export const removeStorageSync = jest.fn((key: string) => {
  storage.delete(key);
});
export const showToast = jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' }));
export const login = jest.fn(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' }));
export const navigateTo = jest.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' }));
export const switchTab = jest.fn(() => Promise.resolve({ errMsg: 'switchTab:ok' }));
export const reLaunch = jest.fn(() => Promise.resolve({ errMsg: 'reLaunch:ok' }));
export const getPrivacySetting = jest.fn((option: { success?: (r: { needAuthorization: boolean }) => void }) => {
  option.success?.({ needAuthorization: false });
});
export const onNeedPrivacyAuthorization = jest.fn();
export const getLocation = jest.fn(() => Promise.reject({ errMsg: 'getLocation:fail' }));
export const openSetting = jest.fn(() => Promise.resolve({ authSetting: {} }));
export const openPrivacyContract = jest.fn();

/** Page lifecycle: show fires once on mount, like a page's first appearance. */
export function useDidShow(callback: () => void): void {
  useEffect(() => {
    callback();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
export function useLaunch(callback: () => void): void {
  useEffect(() => {
    callback();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

export function resetTaroMock(): void {
  storage.clear();
  request.mockReset();
  getLocation.mockReset();
  getLocation.mockImplementation(() => Promise.reject({ errMsg: 'getLocation:fail' }));
  login.mockImplementation(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' }));
  getPrivacySetting.mockImplementation((option) => {
    option.success?.({ needAuthorization: false });
  });
}

/** Storage as the app left it, for assertions. */
export function storedValue(key: string): unknown {
  return storage.get(key);
}

const Taro = {
  request,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  showToast,
  login,
  navigateTo,
  switchTab,
  reLaunch,
  getPrivacySetting,
  onNeedPrivacyAuthorization,
  getLocation,
  openSetting,
  openPrivacyContract,
  useDidShow,
  useLaunch,
};

export default Taro;
