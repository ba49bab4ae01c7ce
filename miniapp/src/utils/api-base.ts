const DEFAULT_API_BASE = 'http://127.0.0.1:3000';

/**
 * H5 is served by the API server itself, so it calls its own origin (`/api/...`).
 * The mini-program has no origin and needs the configured API host.
 */
export function apiBase(): string {
  if (process.env.TARO_ENV === 'h5') return '';
  return (process.env.TARO_APP_API_BASE || DEFAULT_API_BASE).replace(/\/+$/, '');
}
