import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ErrorBody, FieldError, ListResponse } from '@xjy/shared';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ description: 'The field, dotted for nested ones (e.g. hours.0.open)' })
  field!: string;

  @ApiProperty()
  message!: string;
}

export class ErrorDetailsDto {
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  fields?: FieldError[];

  @ApiPropertyOptional({ description: 'Given on 5xx: quote it when asking for help' })
  requestId?: string;
}

/** The one error body every response of the API uses. */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ description: 'Stable machine-readable code, e.g. validation_failed, out_of_scope, report_not_found' })
  code!: string;

  @ApiProperty({ description: 'For people; may change' })
  message!: string;

  @ApiPropertyOptional({ type: ErrorDetailsDto, additionalProperties: true })
  details?: ErrorBody['details'];
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 503;

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'validation_failed (fields named in details.fields), malformed_json, or a feature code',
  401: 'unauthenticated or token_invalid',
  403: 'forbidden: wrong role, or out_of_scope',
  404: 'not_found or a feature code such as report_not_found',
  405: 'method_not_allowed',
  409: 'a conflict with the current state, e.g. a taken key or an illegal transition',
  413: 'payload_too_large or image_too_large',
  415: 'unsupported_media_type',
  422: 'refused with the reason as the code',
  429: 'rate_limited (Retry-After says when to try again)',
  503: 'db_unavailable or upstream_unavailable',
};

/** Documents the error responses an operation (or every operation of a controller) may answer, all with ErrorBody. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBodyDto),
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBodyDto })),
  ) as MethodDecorator & ClassDecorator;
}

/**
 * The errors any operation that needs a token may answer: a malformed request (bad percent-encoding, a body that
 * is not JSON), no or a bad token, the wrong role or scope, the database away.
 */
export const ApiAuthErrors = () => ApiErrors(400, 401, 403, 503);

const listClasses = new Map<Type<unknown>, Type<unknown>>();

/** A named `{ items, nextCursor? }` schema for ListResponse<T>, one class per item type. */
export function ListOf<T>(item: Type<T>, extra: Record<string, { type: unknown; description?: string; nullable?: boolean }> = {}, name?: string): Type<ListResponse<T>> {
  const key = name ? undefined : item;
  const hit = key ? listClasses.get(key) : undefined;
  if (hit) return hit as Type<ListResponse<T>>;
  class List {
    items!: T[];
    nextCursor?: string;
  }
  ApiProperty({ type: [item] })(List.prototype, 'items');
  ApiPropertyOptional({ type: String, description: 'Opaque cursor for the next page, absent on the last page' })(List.prototype, 'nextCursor');
  for (const [prop, options] of Object.entries(extra)) ApiProperty(options as never)(List.prototype, prop);
  Object.defineProperty(List, 'name', { value: name ?? `${item.name.replace(/(Response)?Dto$/, '')}ListDto` });
  if (key) listClasses.set(key, List);
  return List as Type<ListResponse<T>>;
}
