import {
  listenForPrivacyRequests,
  needsPrivacyConsent,
  rememberPrivacyConsent,
  type PrivacyResolve,
} from './privacy-platform';

// One consent popup state for the whole app: any page's PrivacyPopup shows it, any feature can wait on it.
type Listener = () => void;
const listeners = new Set<Listener>();
let visible = false;
let waiting: Array<(agreed: boolean) => void> = [];
let platformRequests: PrivacyResolve[] = [];

function setVisible(next: boolean): void {
  if (visible === next) return;
  visible = next;
  listeners.forEach((listener) => listener());
}

export function isPrivacyPopupVisible(): boolean {
  return visible;
}

export function subscribePrivacyPopup(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Resolves true once the user has agreed to the privacy guide (asking if needed), false if they decline.
 * Call it before any private API: getLocation, chooseLocation, chooseMedia …
 */
export async function ensurePrivacyConsent(): Promise<boolean> {
  if (!(await needsPrivacyConsent())) return true;
  return new Promise<boolean>((resolve) => {
    waiting.push(resolve);
    setVisible(true);
  });
}

/** The user's answer from the popup; buttonId is the agree button's id, which WeChat checks was tapped. */
export function answerPrivacyConsent(agreed: boolean, buttonId?: string): void {
  if (agreed) rememberPrivacyConsent();
  const requests = platformRequests;
  const waiters = waiting;
  platformRequests = [];
  waiting = [];
  setVisible(false);
  requests.forEach((resolve) => resolve(agreed ? { event: 'agree', buttonId } : { event: 'disagree' }));
  waiters.forEach((resolve) => resolve(agreed));
}

/** Installed once at app start: a private API called before consent opens the same popup. */
export function installPrivacyListener(): void {
  listenForPrivacyRequests((resolve) => {
    platformRequests.push(resolve);
    resolve({ event: 'exposureAuthorization' });
    setVisible(true);
  });
}
