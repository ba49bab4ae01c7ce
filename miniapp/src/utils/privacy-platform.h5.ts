import Taro from '@tarojs/taro';

export type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/** Bump when the privacy guide changes materially, so everyone is asked again. */
export const PRIVACY_GUIDE_VERSION = '2025-01';
const CONSENT_KEY = 'xjy.privacyConsent';

export function needsPrivacyConsent(): Promise<boolean> {
  return Promise.resolve(Taro.getStorageSync<string>(CONSENT_KEY) !== PRIVACY_GUIDE_VERSION);
}

export function rememberPrivacyConsent(): void {
  Taro.setStorageSync(CONSENT_KEY, PRIVACY_GUIDE_VERSION);
}

/** Browsers have no platform privacy hook; ensurePrivacyConsent() is the only gate. */
export function listenForPrivacyRequests(onRequest: (resolve: PrivacyResolve) => void): void {
  void onRequest;
}
