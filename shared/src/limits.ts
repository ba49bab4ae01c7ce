// Limits as named constants: the server's validators and the mini-program's forms read the same numbers.

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const NICKNAME_MAX = 32;
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const AREA_NAME_MAX = 64;
export const AREA_CODE_MAX = 32;
/** A boundary ring with more vertices than this is refused. */
export const AREA_BOUNDARY_POINTS_MAX = 2000;
export const WECHAT_CODE_MAX = 128;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
/** Session token lifetime. */
export const TOKEN_TTL_SECONDS = 7 * 24 * 3600;
