// Photos: uploaded once, re-encoded by the server, then attached to one thing (a report, a resolution, a station).

/** Largest upload the server accepts, in bytes. */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
/**
 * Most pixels (width × height, as the file declares them) the server will decode; more is refused with 413
 * image_too_large before decoding. Above a 48 MP phone photo; a decoded RGBA copy of this many pixels is 200 MB.
 */
export const MEDIA_MAX_PIXELS = 50_000_000;
/** Longest side of a stored photo, in pixels. */
export const MEDIA_LONG_SIDE_MAX = 2048;
/** Longest side of a thumbnail, in pixels. */
export const MEDIA_THUMB_SIDE = 400;
/** How long a signed photo link stays valid, in seconds. */
export const MEDIA_LINK_TTL_SECONDS = 6 * 3600;

/** report_follow_up: the reporter's later photos (a supplement, or the follow-up after closure). */
export const MEDIA_ATTACH_TYPES = ['report', 'report_resolution', 'station', 'report_follow_up'] as const;
export type MediaAttachType = (typeof MEDIA_ATTACH_TYPES)[number];

/** WeChat content-security verdict on a photo; `none` when WeChat is not configured or the uploader has no openid. */
export const MEDIA_CHECK_STATUSES = ['none', 'pending', 'pass', 'risky'] as const;
export type MediaCheckStatus = (typeof MEDIA_CHECK_STATUSES)[number];

export const MEDIA_ERROR_CODES = [
  'media_not_found',
  'media_already_attached',
  'media_file_missing',
  'push_signature_invalid',
  'push_stale',
  'push_replayed',
  'push_plaintext_refused',
  'push_decrypt_failed',
  'image_too_large',
  'media_busy',
] as const;
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

export interface MediaResponse {
  id: number;
  /** Signed, time-limited links; anyone holding them may load the file until they expire. */
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

/** POST /api/media */
export interface MediaUploadParams {
  /** 'true': also read where the photo says it was taken (随手拍 offers it as the report's location). */
  withLocation?: 'true' | 'false';
}

/** The upload's answer: the photo's links, and with withLocation=true where its EXIF GPS says it was taken. */
export interface MediaUploadResponse extends MediaResponse {
  /**
   * GCJ-02 (converted from the EXIF's WGS-84), or null when the photo carries no usable position. Only an offer: the
   * server stores no position from a photo (the stored file has no EXIF); the client sends it as the report's
   * lat/lng only when the reporter accepts it.
   */
  exifLocation?: { lat: number; lng: number } | null;
}
