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
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, details?: ErrorDetails, messageOverride?: string) {
    super(messageOverride ?? errorMessageFor(code, details));
    this.name = 'AppException';
    this.code = code;
    this.status = ERROR_HTTP_STATUS[code];
    this.details = details;
  }
}

/** details.fields for one field, with its Chinese message. */
export const fieldDetails = (field: string, message: string): ErrorDetails => ({ fields: [{ field, message }] });

/** An error about one request field; `message` is the Chinese sentence for both the body and the field. */
export const fieldError = (code: ErrorCode, field: string, message: string) => new AppException(code, fieldDetails(field, message), message);
