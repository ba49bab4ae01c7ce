import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { loadConfig } from '../config/app.config';
import { ERROR_MESSAGES } from '@xjy/shared';
import { AppException } from './app.exception';
import { GlobalExceptionFilter } from './global-exception.filter';

describe(GlobalExceptionFilter.name, () => {
  const filter = new GlobalExceptionFilter(loadConfig({ NODE_ENV: 'test' }));

  it('keeps an AppException code, status and details', () => {
    const { status, body } = filter.toBody(new AppException('area_not_found', 404, 'Area not found', { fields: [{ field: 'id', message: 'x' }] }), 'r1');
    expect(status).toBe(404);
    expect(body).toEqual({ code: 'area_not_found', message: 'Area not found', details: { fields: [{ field: 'id', message: 'x' }] } });
  });

  it('turns an unknown error into a generic 500 with the request id and no internals', () => {
    const { status, body } = filter.toBody(new TypeError("Cannot read properties of undefined (reading 'x')"), 'req-42');
    expect(status).toBe(500);
    expect(body).toEqual({ code: 'internal_error', message: expect.any(String), details: { requestId: 'req-42' } });
    expect(body.message).not.toMatch(/undefined/);
  });

  it('maps a lost database connection to 503 db_unavailable', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    expect(filter.toBody({ driverError: err, message: 'query failed' }, 'r').status).toBe(503);
    expect(filter.toBody(err, 'r').body.code).toBe('db_unavailable');
  });

  it('maps the throttler, JSON parse errors and plain 404s to stable codes', () => {
    expect(filter.toBody(new ThrottlerException(), 'r')).toEqual({ status: 429, body: { code: 'rate_limited', message: '操作太频繁，请稍后再试' } });
    expect(filter.toBody(new BadRequestException("Body is not valid JSON but content-type is set to 'application/json'"), 'r').body.code).toBe('malformed_json');
    expect(filter.toBody(new NotFoundException('Cannot GET /api/x'), 'r')).toEqual({ status: 404, body: { code: 'not_found', message: ERROR_MESSAGES.not_found } });
  });

  it('takes the status and the Chinese message of a code from the shared catalogue', () => {
    expect(filter.toBody(new AppException('area_not_found'), 'r')).toEqual({ status: 404, body: { code: 'area_not_found', message: '区域不存在' } });
    const tooLarge = filter.toBody(new AppException('image_too_large', { width: 20000, height: 20000, maxPixels: 40_000_000 }), 'r');
    expect(tooLarge).toEqual({ status: 413, body: { code: 'image_too_large', message: '照片像素过多（20000×20000），最多 40 百万像素', details: { width: 20000, height: 20000, maxPixels: 40_000_000 } } });
  });

  it("maps Fastify's and the multipart plugin's own errors to catalogue codes", () => {
    const fst = (code: string, statusCode: number) => Object.assign(new Error('x'), { code, statusCode });
    expect(filter.toBody(fst('FST_ERR_CTP_BODY_TOO_LARGE', 413), 'r')).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
    expect(filter.toBody(fst('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), 'r')).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    expect(filter.toBody(fst('FST_ERR_BAD_URL', 400), 'r')).toMatchObject({ status: 400, body: { code: 'bad_request' } });
    expect(filter.toBody(fst('FST_ERR_MAX_PARAM_LENGTH', 414), 'r')).toMatchObject({ status: 414, body: { code: 'uri_too_long' } });
    expect(filter.toBody(fst('FST_FILES_LIMIT', 413), 'r')).toMatchObject({ status: 400, body: { code: 'multipart_too_many_files' } });
  });
});
