import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@xjy/shared';
import { AppException } from './app.exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Whitelist, refuse unknown fields, transform to DTO classes; every failure is 400 validation_failed naming the fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const names = [...new Set(fields.map((f) => f.field))].join(', ');
      return new AppException('validation_failed', 400, `Invalid ${names || 'request'}`, { fields });
    },
  });
}
