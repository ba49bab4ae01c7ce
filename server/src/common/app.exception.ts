import type { ErrorBody } from '@xjy/shared';

/**
 * The one error type features throw. `code` is stable and mapped to an HTTP status where it is defined;
 * the global filter turns it into the { code, message, details? } body.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'AppException';
  }
}

export const notFound = (what: string, code = 'not_found') => new AppException(code, 404, `${what} not found`);
export const forbidden = (message = 'You may not do this', code = 'forbidden') => new AppException(code, 403, message);
export const outOfScope = () => new AppException('out_of_scope', 403, 'This is outside the areas you look after');
export const conflict = (code: string, message: string, details?: ErrorBody['details']) => new AppException(code, 409, message, details);
export const badRequest = (code: string, message: string, field?: string) =>
  new AppException(code, 400, message, field ? { fields: [{ field, message }] } : undefined);
