import Taro from '@tarojs/taro';
import type { LoginResponse, UserResponse } from '@xjy/shared/auth';

// The signed-in session lives in storage so it survives restarts; listeners let hooks re-render on change.
const TOKEN_KEY = 'xjy.token';
const USER_KEY = 'xjy.user';
const EXPIRES_KEY = 'xjy.expiresAt';

export interface Session {
  token: string | null;
  user: UserResponse | null;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let snapshot: Session | null = null;

function readStorage(): Session {
  const token = Taro.getStorageSync<string>(TOKEN_KEY) || null;
  const expiresAt = Taro.getStorageSync<string>(EXPIRES_KEY) || null;
  // An expired token is as good as none: drop it rather than earn a 401 on the first call.
  if (token && expiresAt && Date.parse(expiresAt) <= Date.now()) {
    return { token: null, user: null };
  }
  const user = Taro.getStorageSync<UserResponse | ''>(USER_KEY) || null;
  return { token, user: token ? user : null };
}

function emit(): void {
  snapshot = null;
  listeners.forEach((listener) => listener());
}

/** True when storage still holds a token whose time is up: the user had a session and it ran out. */
export function sessionExpired(): boolean {
  const token = Taro.getStorageSync<string>(TOKEN_KEY);
  const expiresAt = Taro.getStorageSync<string>(EXPIRES_KEY);
  return Boolean(token && expiresAt && Date.parse(expiresAt) <= Date.now());
}

export function getSession(): Session {
  if (!snapshot) snapshot = readStorage();
  return snapshot;
}

export function getToken(): string | null {
  return getSession().token;
}

export function saveLogin(login: LoginResponse): void {
  Taro.setStorageSync(TOKEN_KEY, login.token);
  Taro.setStorageSync(EXPIRES_KEY, login.expiresAt);
  Taro.setStorageSync(USER_KEY, login.user);
  emit();
}

export function saveUser(user: UserResponse): void {
  Taro.setStorageSync(USER_KEY, user);
  emit();
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY);
  Taro.removeStorageSync(EXPIRES_KEY);
  Taro.removeStorageSync(USER_KEY);
  emit();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
