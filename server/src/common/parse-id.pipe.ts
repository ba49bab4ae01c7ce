import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from './app.exception';

/** Route ids are positive integers; anything else is a 400 naming the parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
      const field = meta.data ?? 'id';
      throw new AppException('validation_failed', 400, `${field} must be a positive integer`, { fields: [{ field, message: 'must be a positive integer' }] });
    }
    return n;
  }
}
