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
export const showModal = jest.fn(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }));
export const redirectTo = jest.fn(() => Promise.resolve({ errMsg: 'redirectTo:ok' }));
export const scanCode = jest.fn(() => Promise.reject({ errMsg: 'scanCode:fail cancel' }));
export const setKeepScreenOn = jest.fn(() => Promise.resolve({ errMsg: 'setKeepScreenOn:ok' }));
export const stopPullDownRefresh = jest.fn();
// 随手拍: photos, upload, map pick, network changes, subscribe messages.
export const chooseMedia = jest.fn(() => Promise.reject({ errMsg: 'chooseMedia:fail cancel' }));
export const chooseLocation = jest.fn(() => Promise.reject({ errMsg: 'chooseLocation:fail cancel' }));
/** weapp file reads (a picked photo's EXIF): no file system unless a test provides one. */
export const getFileSystemManager = jest.fn((): unknown => {
  throw new Error('getFileSystemManager: not provided by this test');
});
export const previewImage = jest.fn(() => Promise.resolve({ errMsg: 'previewImage:ok' }));
export const requestSubscribeMessage = jest.fn(() => Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' }));
export interface MockUploadOption {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  success?: (r: { statusCode: number; data: string }) => void;
  fail?: (e: { errMsg: string }) => void;
}
export const uploadFile = jest.fn((option: MockUploadOption) => {
  option.fail?.({ errMsg: 'uploadFile:fail' });
  return { onProgressUpdate: jest.fn(), abort: jest.fn() };
});
export const networkListeners = new Set<(r: { isConnected: boolean }) => void>();
export const onNetworkStatusChange = jest.fn((cb: (r: { isConnected: boolean }) => void) => {
  networkListeners.add(cb);
});
export const offNetworkStatusChange = jest.fn((cb: (r: { isConnected: boolean }) => void) => {
  networkListeners.delete(cb);
});
export const openLocation = jest.fn(() => Promise.resolve({ errMsg: 'openLocation:ok' }));
export const makePhoneCall = jest.fn(() => Promise.resolve({ errMsg: 'makePhoneCall:ok' }));
export const navigateBack = jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' }));
/** The mini-program map's context (weapp map component tests). */
export const createMapContext = jest.fn((_id: string) => ({ initMarkerCluster: jest.fn() }));
/** Page params: tests set them with routerParams.current = { id: '7' }. */
export const routerParams: { current: Record<string, string> } = { current: {} };
export function useRouter(): { params: Record<string, string> } {
  return { params: routerParams.current };
}
export function usePullDownRefresh(_callback: () => void): void {}

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
  routerParams.current = {};
  networkListeners.clear();
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
  showModal,
  redirectTo,
  scanCode,
  setKeepScreenOn,
  stopPullDownRefresh,
  useRouter,
  usePullDownRefresh,
  chooseMedia,
  chooseLocation,
  getFileSystemManager,
  previewImage,
  requestSubscribeMessage,
  uploadFile,
  onNetworkStatusChange,
  offNetworkStatusChange,
  openLocation,
  makePhoneCall,
  navigateBack,
  createMapContext,
};

export default Taro;
