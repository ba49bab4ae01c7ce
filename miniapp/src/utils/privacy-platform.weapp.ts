import Taro from '@tarojs/taro';

export type PrivacyResolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

/** WeChat knows whether this user has agreed to the current privacy guide. */
export function needsPrivacyConsent(): Promise<boolean> {
  // Base libraries before 2.32.3 have no privacy guide API and need no consent step.
  if (typeof Taro.getPrivacySetting !== 'function') return Promise.resolve(false);
  return new Promise((resolve) => {
    Taro.getPrivacySetting({
      success: (result) => resolve(result.needAuthorization),
      fail: () => resolve(false),
    });
  });
}

/** WeChat records the consent itself when the agreePrivacyAuthorization button is tapped. */
export function rememberPrivacyConsent(): void {}

/** A private API called before consent is held until resolve() is called with the user's answer. */
export function listenForPrivacyRequests(onRequest: (resolve: PrivacyResolve) => void): void {
  if (typeof Taro.onNeedPrivacyAuthorization === 'function') {
    Taro.onNeedPrivacyAuthorization((resolve) => onRequest(resolve));
  }
}
