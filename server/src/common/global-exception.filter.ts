import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, NotFoundException } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ThrottlerException } from '@nestjs/throttler';
import type { ErrorBody } from '@xjy/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from './app.exception';
import { isDbUnavailable } from './db-errors';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { redactUrl } from './logging';

/** Maps Nest/Fastify's own HTTP errors to stable codes. */
function codeForStatus(status: number): string {
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
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'db_unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'validation_failed';
  }
}

/** Fastify's body parser errors, whether they arrive raw or wrapped by Nest. */
function isJsonParseError(e: { code?: unknown; message?: unknown }): boolean {
  return (
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    /not valid JSON|Unexpected (token|end of JSON)|JSON at position/i.test(String(e.message ?? ''))
  );
}

/**
 * Every error leaves as { code, message, details? }. Unknown errors become a generic 500 with the request id,
 * logged with their stack; a lost database becomes 503 db_unavailable. No stack trace ever reaches a client.
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
    const { status, body } = this.toBody(exception, String(request.id ?? ''));
    if (status >= 500 && body.code !== 'db_unavailable') {
      this.logger.error({ err: exception, requestId: request.id, url: redactUrl(request.url) }, 'unhandled error');
    } else if (body.code === 'db_unavailable') {
      this.logger.warn({ requestId: request.id, url: redactUrl(request.url), err: (exception as Error)?.message }, 'database unavailable');
    }
    if (status === 429) void reply.header('retry-after', '60');
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
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
    if (exception instanceof ThrottlerException) {
      return { status: 429, body: { code: 'rate_limited', message: 'Too many requests; wait a minute and try again' } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 400 && isJsonParseError(exception)) return { status, body: { code: 'malformed_json', message: 'The request body is not valid JSON' } };
      const message = status === 404 ? 'No such endpoint' : exception.message;
      return { status, body: { code: codeForStatus(status), message } };
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      if (isJsonParseError(fastifyError)) {
        return { status: 400, body: { code: 'malformed_json', message: 'The request body is not valid JSON' } };
      }
      return { status, body: { code: codeForStatus(status), message: fastifyError.message ?? 'Bad request' } };
    }
    if (isDbUnavailable(exception)) {
      return { status: 503, body: { code: 'db_unavailable', message: 'The database is unavailable; try again shortly', details: { requestId } } };
    }
    return { status: 500, body: { code: 'internal_error', message: 'Something went wrong on our side', details: { requestId } } };
  }
}
