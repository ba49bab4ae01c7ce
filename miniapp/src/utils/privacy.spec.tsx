import { act, fireEvent, render, screen } from '@testing-library/react';
import * as Taro from '../../test/taro-mock';
import PrivacyPopup from '../components/privacy-popup';
import { PRIVACY_GUIDE_VERSION } from './privacy-platform.h5';
import { answerPrivacyConsent, ensurePrivacyConsent, isPrivacyPopupVisible } from './privacy';

describe('ensurePrivacyConsent (h5)', () => {
  afterEach(() => {
    // Never leave a question open for the next test.
    if (isPrivacyPopupVisible()) answerPrivacyConsent(false);
  });

  it('asks once, resolves true on agree and remembers the answer', async () => {
    const first = ensurePrivacyConsent();
    await Promise.resolve();
    expect(isPrivacyPopupVisible()).toBe(true);
    answerPrivacyConsent(true);
    await expect(first).resolves.toBe(true);
    expect(Taro.storedValue('xjy.privacyConsent')).toBe(PRIVACY_GUIDE_VERSION);

    await expect(ensurePrivacyConsent()).resolves.toBe(true);
    expect(isPrivacyPopupVisible()).toBe(false);
  });

  it('resolves false on decline and asks again next time', async () => {
    const first = ensurePrivacyConsent();
    await Promise.resolve();
    answerPrivacyConsent(false);
    await expect(first).resolves.toBe(false);
    expect(Taro.storedValue('xjy.privacyConsent')).toBeUndefined();

    void ensurePrivacyConsent();
    await Promise.resolve();
    expect(isPrivacyPopupVisible()).toBe(true);
  });

  it('answers every caller waiting at the same time', async () => {
    const a = ensurePrivacyConsent();
    const b = ensurePrivacyConsent();
    await Promise.resolve();
    answerPrivacyConsent(true);
    await expect(Promise.all([a, b])).resolves.toEqual([true, true]);
  });

  it('asks again when the stored consent is for an older guide', async () => {
    Taro.setStorageSync('xjy.privacyConsent', '2000-01');
    void ensurePrivacyConsent();
    await Promise.resolve();
    expect(isPrivacyPopupVisible()).toBe(true);
  });
});

describe('PrivacyPopup', () => {
  it('appears while consent is pending and resolves it from its buttons', async () => {
    render(<PrivacyPopup />);
    expect(screen.queryByTestId('privacy-popup')).not.toBeInTheDocument();

    let consent!: Promise<boolean>;
    await act(async () => {
      consent = ensurePrivacyConsent();
    });
    expect(screen.getByTestId('privacy-popup')).toHaveTextContent('隐私保护指引');
    fireEvent.click(screen.getByTestId('privacy-agree'));
    await expect(consent).resolves.toBe(true);
    expect(screen.queryByTestId('privacy-popup')).not.toBeInTheDocument();
  });

  it('declining resolves false and closes the popup', async () => {
    render(<PrivacyPopup />);
    let consent!: Promise<boolean>;
    await act(async () => {
      consent = ensurePrivacyConsent();
    });
    fireEvent.click(screen.getByTestId('privacy-decline'));
    await expect(consent).resolves.toBe(false);
    expect(screen.queryByTestId('privacy-popup')).not.toBeInTheDocument();
  });

  it('links to the in-app privacy guide', async () => {
    render(<PrivacyPopup />);
    await act(async () => {
      void ensurePrivacyConsent();
    });
    fireEvent.click(screen.getByText('查看《隐私保护指引》'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' });
    act(() => answerPrivacyConsent(false));
  });
});
