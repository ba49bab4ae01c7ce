import { apiBase } from './api-base';

/** The server hands out photo links relative to itself unless it knows its public origin. */
export function mediaUrl(url: string): string {
  return /^https?:\/\//.test(url) ? url : `${apiBase()}${url}`;
}
