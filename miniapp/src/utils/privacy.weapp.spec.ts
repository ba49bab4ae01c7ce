import * as Taro from '../../test/taro-mock';

// Run the app's privacy flow on the WeChat platform file instead of the h5 one.
jest.mock('./privacy-platform', () => jest.requireActual('./privacy-platform.weapp'));

import { answerPrivacyConsent, ensurePrivacyConsent, installPrivacyListener, isPrivacyPopupVisible } from './privacy';

type WechatResolve = (option: { event: string; buttonId?: string }) => void;

describe('privacy consent (weapp)', () => {
  it('does not ask when WeChat says no authorization is needed', async () => {
    Taro.getPrivacySetting.mockImplementation((option) => option.success?.({ needAuthorization: false }));
    await expect(ensurePrivacyConsent()).resolves.toBe(true);
    expect(isPrivacyPopupVisible()).toBe(false);
  });

  it('asks when WeChat says authorization is needed', async () => {
    Taro.getPrivacySetting.mockImplementation((option) => option.success?.({ needAuthorization: true }));
    const consent = ensurePrivacyConsent();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(isPrivacyPopupVisible()).toBe(true);
    answerPrivacyConsent(true, 'privacy-agree');
    await expect(consent).resolves.toBe(true);
  });

  it('answers a held private API through onNeedPrivacyAuthorization with the agree button id', () => {
    installPrivacyListener();
    const listener = Taro.onNeedPrivacyAuthorization.mock.calls[0][0] as (resolve: WechatResolve) => void;
    const resolve = jest.fn<void, Parameters<WechatResolve>>();
    listener(resolve);
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    expect(isPrivacyPopupVisible()).toBe(true);

    answerPrivacyConsent(true, 'privacy-agree');
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
    expect(isPrivacyPopupVisible()).toBe(false);
  });

  it('tells WeChat the user disagreed', () => {
    installPrivacyListener();
    const listener = Taro.onNeedPrivacyAuthorization.mock.calls[0][0] as (resolve: WechatResolve) => void;
    const resolve = jest.fn<void, Parameters<WechatResolve>>();
    listener(resolve);
    answerPrivacyConsent(false);
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
  });
});
