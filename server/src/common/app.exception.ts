import { ERROR_HTTP_STATUS, errorMessageFor, type ErrorCode, type ErrorDetails } from '@xjy/shared';

/**
 * The one error type features throw. Status and the Chinese message come from the shared catalogue keyed by the
 * code; the global filter turns it into the { code, message, details? } body.
 *
 *   new AppException('area_not_found')
 *   new AppException('image_too_large', { width, height, maxPixels })   // the catalogue fills in details
 *   new AppException('validation_failed', { fields }, '结束时间必须晚于开始时间')  // a Chinese override
 */
export class AppException extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, details?: ErrorDetails, messageOverride?: string);
  /** @deprecated Pass only the code (and details): status and message come from the shared catalogue. */
  constructor(code: string, status: number, message: string, details?: ErrorDetails);
  constructor(code: string, statusOrDetails?: number | ErrorDetails, message?: string, legacyDetails?: ErrorDetails) {
    const legacy = typeof statusOrDetails === 'number';
    const details = legacy ? legacyDetails : statusOrDetails;
    super(legacy ? (message ?? '') : (message ?? errorMessageFor(code as ErrorCode, details)));
    this.name = 'AppException';
    this.code = code;
    this.status = legacy ? statusOrDetails : ERROR_HTTP_STATUS[code as ErrorCode];
    this.details = details;
  }
}

/** details.fields for one field, with its Chinese message. */
export const fieldDetails = (field: string, message: string): ErrorDetails => ({ fields: [{ field, message }] });

/** An error about one request field; `message` is the Chinese sentence for both the body and the field. */
export const fieldError = (code: ErrorCode, field: string, message: string) => new AppException(code, fieldDetails(field, message), message);

// The helpers below build the old English errors; they stay only until reports/ and points/ are converted.
/** @deprecated Use `new AppException('x_not_found')`. */
export const notFound = (what: string, code = 'not_found') => new AppException(code, 404, `${what} not found`);
/** @deprecated Use `new AppException('forbidden')`. */
export const forbidden = (message = 'You may not do this', code = 'forbidden') => new AppException(code, 403, message);
/** @deprecated Use `new AppException('out_of_scope')`. */
export const outOfScope = () => new AppException('out_of_scope');
/** @deprecated Use `new AppException(code, details)`. */
export const conflict = (code: string, message: string, details?: ErrorDetails) => new AppException(code, 409, message, details);
/** @deprecated Use `new AppException(code, fieldDetails(field, message), message)`. */
export const badRequest = (code: string, message: string, field?: string) =>
  new AppException(code, 400, message, field ? { fields: [{ field, message }] } : undefined);
