import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { loadConfig } from '../config/app.config';
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
    expect(filter.toBody(new ThrottlerException(), 'r').body.code).toBe('rate_limited');
    expect(filter.toBody(new BadRequestException("Body is not valid JSON but content-type is set to 'application/json'"), 'r').body.code).toBe('malformed_json');
    expect(filter.toBody(new NotFoundException('Cannot GET /api/x'), 'r')).toEqual({ status: 404, body: { code: 'not_found', message: 'No such endpoint' } });
  });
});
