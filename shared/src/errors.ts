// Every error body the API sends is { code, message, details? }. Codes are stable; messages are for people.

export const COMMON_ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unauthenticated',
  'token_invalid',
  'forbidden',
  'out_of_scope',
  'not_found',
  'conflict',
  'illegal_state',
  'rate_limited',
  'server_busy',
  'payload_too_large',
  'unsupported_media_type',
  'db_unavailable',
  'upstream_unavailable',
  'internal_error',
] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];

export const AUTH_ERROR_CODES = [
  'wechat_code_invalid',
  'wechat_unavailable',
  'bad_credentials',
  'account_disabled',
  'dev_login_disabled',
  'unknown_demo_account',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export const AREA_ERROR_CODES = [
  'area_not_found',
  'area_level_invalid',
  'area_code_taken',
  'area_has_children',
  'area_in_use',
  'area_boundary_outside_parent',
  'area_boundary_excludes_child',
  'area_boundary_admin_only',
] as const;
export type AreaErrorCode = (typeof AREA_ERROR_CODES)[number];

export const STAFF_ERROR_CODES = ['username_taken', 'user_not_found'] as const;
export type StaffErrorCode = (typeof STAFF_ERROR_CODES)[number];

/** Bounds on work one user can cause (issue 9, defect 6), and the WeChat push checks (defect 9). */
export const LIMIT_ERROR_CODES = [
  'media_busy',
  'coverage_busy',
  'coverage_area_too_large',
  'station_import_too_large',
  'station_import_too_many_rows',
  'station_import_unsafe_zip',
  'push_signature_invalid',
  'push_stale',
  'push_replayed',
  'push_plaintext_refused',
  'push_decrypt_failed',
] as const;
export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[number];

export type ErrorCode = CommonErrorCode | AuthErrorCode | AreaErrorCode | StaffErrorCode | LimitErrorCode;

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode | (string & {});
  message: string;
  details?: { fields?: FieldError[]; requestId?: string; [key: string]: unknown };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
