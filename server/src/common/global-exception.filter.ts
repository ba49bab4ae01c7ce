import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, NotFoundException } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ThrottlerException } from '@nestjs/throttler';
import { ERROR_HTTP_STATUS, errorMessageFor, type ErrorBody, type ErrorCode, type ErrorDetails } from '@xjy/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from './app.exception';
import { isDbUnavailable } from './db-errors';
import { allowedMethods } from './http-errors';
import { APP_CONFIG, AppConfig } from '../config/app.config';

/** Maps Nest/Fastify's own HTTP statuses to stable codes. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 408:
      return 'request_timeout';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 414:
      return 'uri_too_long';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 431:
      return 'header_too_large';
    case 503:
      return 'upstream_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'bad_request';
  }
}

/** Fastify's and @fastify/multipart's own error codes: each gets one of ours. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported_media_type',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'multipart_too_many_files',
  FST_FIELDS_LIMIT: 'multipart_too_many_fields',
  FST_PARTS_LIMIT: 'multipart_too_many_fields',
  FST_PROTO_VIOLATION: 'multipart_unexpected_field',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_INVALID_JSON_FIELD_ERROR: 'multipart_invalid',
  FST_MP_PREMATURE_CLOSE: 'multipart_invalid',
};

/** Fastify's body parser errors, whether they arrive raw or wrapped by Nest. */
function isJsonParseError(e: { code?: unknown; message?: unknown }): boolean {
  return (
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    /not valid JSON|Unexpected (token|end of JSON)|JSON at position/i.test(String(e.message ?? ''))
  );
}

const catalogued = (code: ErrorCode, status: number = ERROR_HTTP_STATUS[code], details?: ErrorDetails) => ({
  status,
  body: { code, message: errorMessageFor(code, details), ...(details ? { details } : {}) } satisfies ErrorBody,
});

/**
 * Every error leaves as { code, message, details? } with a Chinese message from the shared catalogue. Unknown
 * errors become a generic 500 with the request id, logged with their stack; a lost database becomes 503
 * db_unavailable. No stack trace ever reaches a client. Also answers Fastify's own errors (bad URL, too long
 * parameter) through `respond`, so they carry the same body and X-Request-Id.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');
  private indexHtml: string | null | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.respond(exception, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>());
  }

  /** Sends the error body; also used directly by the routes that run outside Nest's pipeline (fast routes). */
  respond(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    if (exception instanceof NotFoundException && this.serveAppShell(request, reply)) return;
    let { status, body } = this.toBody(exception, String(request.id ?? ''));
    if (status === 404 && body.code === 'not_found' && !(exception instanceof AppException)) {
      const allow = allowedMethods(request);
      if (allow.length) {
        ({ status, body } = catalogued('method_not_allowed'));
        void reply.header('allow', allow.join(', '));
      }
    }
    if (status >= 500 && body.code !== 'db_unavailable' && body.code !== 'wechat_unavailable' && body.code !== 'upstream_unavailable') {
      this.logger.error({ err: exception, requestId: request.id, url: request.url }, 'unhandled error');
    } else if (body.code === 'db_unavailable') {
      this.logger.warn({ requestId: request.id, url: request.url, err: (exception as Error)?.message }, 'database unavailable');
    }
    if (status === 429) void reply.header('retry-after', '60');
    void reply.header('x-request-id', request.id).status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  /** The H5 app uses browser-history routes: a page URL that is not a file gets index.html. */
  private serveAppShell(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url === '/api') return false;
    if (!String(request.headers.accept ?? '').includes('text/html')) return false;
    if (this.indexHtml === undefined) {
      try {
        this.indexHtml = readFileSync(join(this.config.h5Dir, 'index.html'), 'utf8');
      } catch {
        this.indexHtml = null;
      }
    }
    if (this.indexHtml === null) return false;
    void reply.status(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(this.indexHtml);
    return true;
  }

  toBody(exception: unknown, requestId: string): { status: number; body: ErrorBody } {
    if (exception instanceof AppException) {
      return { status: exception.status, body: { code: exception.code, message: exception.message, ...(exception.details ? { details: exception.details } : {}) } };
    }
    if (exception instanceof ThrottlerException) return catalogued('rate_limited');
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 400 && isJsonParseError(exception)) return catalogued('malformed_json');
      return catalogued(codeForStatus(status), status);
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    const known = typeof fastifyError?.code === 'string' ? FRAMEWORK_CODES[fastifyError.code] : undefined;
    if (known) return catalogued(known);
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      if (isJsonParseError(fastifyError)) return catalogued('malformed_json');
      const code = codeForStatus(fastifyError.statusCode);
      return catalogued(code, code === 'bad_request' ? fastifyError.statusCode : ERROR_HTTP_STATUS[code]);
    }
    if (isDbUnavailable(exception)) return catalogued('db_unavailable', 503, { requestId });
    return catalogued('internal_error', 500, { requestId });
  }
}
