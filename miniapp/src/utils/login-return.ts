import Taro from '@tarojs/taro';
import { ROUTES } from './routes';

// Why the login page was opened and where to go after it, kept in storage (not in the login URL, so a reload of
// the login page keeps it and links to the login page stay plain). Stale after half an hour.
const KEY = 'xjy.loginReturn';
const MAX_AGE_MS = 30 * 60_000;
const RECENT_MS = 10_000;

export type LoginReason = 'expired' | 'required';

export interface LoginReturn {
  /** An app page path with its query, e.g. /pages/station-detail/index?id=7. */
  to: string | null;
  reason: LoginReason;
}

interface Stored extends LoginReturn {
  at: number;
}

export const SESSION_EXPIRED_MESSAGE = '会话已过期，请重新登录';

const PAGE_PATH = /^\/(pages|packages\/[a-z-]+\/pages)\/[a-z-]+\/index$/;
/** Query keys the H5 router adds on its own. */
const ROUTER_KEYS = /^(stamp|\$taroTimestamp|__key_)$/;

/** Only a page of this app, never the login page or an outside address, may be a return target. */
export function safeReturnTo(raw: string | null | undefined): string | null {
  if (!raw || typeof raw !== 'string') return null;
  const [path, query = ''] = raw.split('?', 2);
  if (!PAGE_PATH.test(path) || path === ROUTES.login || path === ROUTES.notFound) return null;
  const params = query
    .split('&')
    .filter((p) => p && !ROUTER_KEYS.test(decodeURIComponent(p.split('=')[0])))
    .filter((p) => /^[\w$%.-]+=[\w%.,:-]*$/.test(p));
  return params.length ? `${path}?${params.join('&')}` : path;
}

/** The page the user is on, as a path with its query (H5: the address bar; weapp: the page stack's top). */
export function currentPageUrl(): string | null {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window === 'undefined') return null;
    return safeReturnTo(`${window.location.pathname}${window.location.search}`);
  }
  const pages = Taro.getCurrentPages?.() ?? [];
  const top = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined;
  if (!top?.route) return null;
  const query = Object.entries(top.options ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return safeReturnTo(`/${top.route.replace(/^\//, '')}${query ? `?${query}` : ''}`);
}

/** Remembers why the user is sent to log in and the page to return to. */
export function rememberLoginReturn(reason: LoginReason, to: string | null = currentPageUrl()): void {
  // One ended session sets off several calls at once (each 401, and the page's own "log in first"): the first
  // says what happened and where the user was; the ones just after it add nothing new.
  const prev = Taro.getStorageSync<Stored | ''>(KEY);
  const recent = prev && typeof prev === 'object' && typeof prev.at === 'number' && Date.now() - prev.at < RECENT_MS ? prev : null;
  const value: Stored = {
    to: safeReturnTo(to) ?? (recent ? safeReturnTo(recent.to) : null),
    reason: recent?.reason === 'expired' ? 'expired' : reason,
    at: Date.now(),
  };
  Taro.setStorageSync(KEY, value);
}

/** What rememberLoginReturn stored, while fresh. */
export function peekLoginReturn(): LoginReturn | null {
  const v = Taro.getStorageSync<Stored | ''>(KEY);
  if (!v || typeof v !== 'object' || typeof v.at !== 'number' || Date.now() - v.at > MAX_AGE_MS) return null;
  return { to: safeReturnTo(v.to), reason: v.reason === 'expired' ? 'expired' : 'required' };
}

/** Where to go after a successful login (the remembered page, else 驿站); forgets it. */
export function takeLoginReturn(fallback: string = ROUTES.stations): string {
  const v = peekLoginReturn();
  Taro.removeStorageSync(KEY);
  return v?.to ?? fallback;
}
