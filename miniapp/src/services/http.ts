import Taro from '@tarojs/taro';
import { errorMessageFor, isChineseText, isErrorBody, isErrorCode, type ErrorBody, type FieldError } from '@xjy/shared/errors';
import { fieldLabel } from '@xjy/shared/field-labels';
import { apiBase } from '../utils/api-base';
import { clearSession, getToken } from '../utils/session';
import { rememberLoginReturn } from '../utils/login-return';
import { ROUTES } from '../utils/routes';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  query?: Record<string, QueryValue>;
  data?: unknown;
  headers?: Record<string, string>;
  /** Marks a non-GET call as safe to repeat (the server dedupes it, e.g. by an Idempotency-Key header). */
  idempotent?: boolean;
  timeoutMs?: number;
}

/** Codes the client itself produces, beside the server's ErrorCode set. */
export type ClientErrorCode = 'network_error' | 'http_error';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorBody['details'];

  /** What the server said, as it said it (for logs); `message` is what a person reads. */
  readonly serverMessage: string;

  constructor(code: string, status: number, message: string, details?: ErrorBody['details']) {
    super(userMessage(code, message, details));
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
    this.serverMessage = message;
  }

  /** Field-level validation messages keyed by field name (400 validation_failed), always Chinese. */
  fieldErrors(): Record<string, string> {
    const fields: FieldError[] = this.details?.fields ?? [];
    return Object.fromEntries(fields.map((f) => [f.field, fieldMessage(f)]));
  }
}

const GENERIC_MESSAGE = '出了点问题，请稍后再试';

/** A field's message in Chinese: the server's when it is Chinese, else its label and a plain "is not right". */
function fieldMessage(f: FieldError): string {
  return isChineseText(f.message) ? f.message : `${fieldLabel(f.field).label}不正确`;
}

/**
 * The Chinese text for an error: the server's own message when it is Chinese (it comes from the same shared
 * catalogue, sometimes with specifics filled in), else the catalogue's text for the code, with the field labels
 * for validation details, else a generic sentence. No English or raw field name reaches the screen.
 */
export function userMessage(code: string, serverMessage: string, details?: ErrorBody['details']): string {
  if (isChineseText(serverMessage)) return serverMessage;
  const fields = details?.fields ?? [];
  if (code === 'validation_failed' && fields.length) return [...new Set(fields.map(fieldMessage))].slice(0, 3).join('；');
  if (isErrorCode(code)) return errorMessageFor(code, details);
  return GENERIC_MESSAGE;
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return GENERIC_MESSAGE;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const SESSION_ENDED_CODES = new Set(['unauthenticated', 'token_invalid']);

const config = {
  /** Wait before each retry; its length is the number of retries. */
  retryDelaysMs: [500, 1500] as readonly number[],
};

/** Tests shorten the backoff; production keeps the defaults. */
export function configureHttp(options: Partial<typeof config>): void {
  Object.assign(config, options);
}

let redirectingToLogin = false;

/** Called after a successful login so a later expired session can redirect again. */
export function resetLoginRedirect(): void {
  redirectingToLogin = false;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return `${apiBase()}${path}${params.length ? `?${params.join('&')}` : ''}`;
}

function isIdempotent(method: HttpMethod, options: RequestOptions): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  if (options.idempotent) return true;
  return Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function networkError(cause: unknown): ApiError {
  const errMsg = typeof cause === 'object' && cause !== null ? String((cause as { errMsg?: unknown }).errMsg ?? '') : '';
  const timedOut = /timeout|超时/i.test(errMsg);
  return new ApiError(
    'network_error',
    0,
    timedOut ? '网络超时，请检查网络后重试' : '网络连接失败，请检查网络后重试',
    errMsg ? { errMsg } : undefined,
  );
}

function httpError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(body.code, status, body.message, body.details);
  if (RETRYABLE_STATUS.has(status)) return new ApiError('upstream_unavailable', status, '服务暂时不可用，请稍后再试');
  return new ApiError('http_error', status, `请求失败 (${status})`);
}

function endSession(hadToken = true): void {
  clearSession();
  if (redirectingToLogin) return;
  redirectingToLogin = true;
  // The login page then says 会话已过期 and brings the user back to this page afterwards.
  rememberLoginReturn(hadToken ? 'expired' : 'required');
  Taro.reLaunch({ url: ROUTES.login }).catch(() => {
    redirectingToLogin = false;
  });
}

/**
 * The error for a finished non-2xx response, ending the session on 401 as request() does; for the upload
 * wrapper beside this one, so both map errors the same way.
 */
export function responseError(statusCode: number, data: unknown): ApiError {
  const error = httpError(statusCode, data);
  if (statusCode === 401 && SESSION_ENDED_CODES.has(error.code)) endSession();
  return error;
}

export { networkError, buildUrl };

/** The one wrapper over Taro.request: base URL, bearer token, JSON, typed errors, retry where idempotent. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const retries = isIdempotent(method, options) ? config.retryDelaysMs.length : 0;
  const token = getToken();
  const header: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.data !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;

  for (let attempt = 0; ; attempt++) {
    let response: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject | string>;
    try {
      response = await Taro.request<TaroGeneral.IAnyObject | string>({
        url: buildUrl(path, options.query),
        method,
        data: options.data as TaroGeneral.IAnyObject | undefined,
        header,
        dataType: 'json',
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      });
    } catch (cause) {
      if (attempt < retries) {
        await sleep(config.retryDelaysMs[attempt]);
        continue;
      }
      throw networkError(cause);
    }

    const { statusCode, data } = response;
    if (statusCode >= 200 && statusCode < 300) return data as T;
    if (RETRYABLE_STATUS.has(statusCode) && attempt < retries) {
      await sleep(config.retryDelaysMs[attempt]);
      continue;
    }
    const error = httpError(statusCode, data);
    if (statusCode === 401 && SESSION_ENDED_CODES.has(error.code)) endSession(Boolean(token));
    throw error;
  }
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'data'>) => request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'POST', data }),
  patch: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'PATCH', data }),
  put: <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
    request<T>(path, { ...options, method: 'PUT', data }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'data'>) => request<T>(path, { ...options, method: 'DELETE' }),
};
