import { useCallback, useSyncExternalStore } from 'react';
import {
  answerPrivacyConsent,
  ensurePrivacyConsent,
  isPrivacyPopupVisible,
  subscribePrivacyPopup,
} from '../utils/privacy';

export interface PrivacyConsent {
  /** True while some feature waits for the user's answer. */
  visible: boolean;
  agree: (buttonId?: string) => void;
  decline: () => void;
  ensure: () => Promise<boolean>;
}

export function usePrivacyConsent(): PrivacyConsent {
  const visible = useSyncExternalStore(subscribePrivacyPopup, isPrivacyPopupVisible, isPrivacyPopupVisible);
  const agree = useCallback((buttonId?: string) => answerPrivacyConsent(true, buttonId), []);
  const decline = useCallback(() => answerPrivacyConsent(false), []);
  return { visible, agree, decline, ensure: ensurePrivacyConsent };
}
