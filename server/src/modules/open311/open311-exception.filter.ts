import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { Open311Error } from '@xjy/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GlobalExceptionFilter } from '../../common/global-exception.filter';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { errorsXml, OPEN311_JSON_TYPE, OPEN311_XML_TYPE } from './open311.format';

/**
 * Open311 errors as the spec writes them: a list of { code, description }, code being the HTTP status, in the
 * format the path asked for. The description is the same Chinese sentence the API's own error body carries (each
 * field's message for a validation error). A server error keeps the API's body, with its request id.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly inner: GlobalExceptionFilter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.inner = new GlobalExceptionFilter(config);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const { status, body } = this.inner.toBody(exception, String(request.id ?? ''));
    if (status >= 500) return this.inner.respond(exception, request, reply);
    const fields = body.details?.fields ?? [];
    const errors: Open311Error[] = fields.length ? fields.map((f) => ({ code: status, description: f.message })) : [{ code: status, description: body.message }];
    const xml = /\.xml(\?|$)/.test(request.url);
    if (status === 429) void reply.header('retry-after', '60');
    void reply
      .status(status)
      .header('x-request-id', request.id)
      .header('content-type', xml ? OPEN311_XML_TYPE : OPEN311_JSON_TYPE)
      .send(xml ? errorsXml(errors) : JSON.stringify(errors));
  }
}
