import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { constraintMessage } from '@xjy/shared';
import { fieldError } from './app.exception';

/** Ids are written one way only: decimal digits without sign, leading zero, space or exponent ("0x1", "1e0", "+1", "001" are not 1). */
const STRICT_ID = /^[1-9][0-9]{0,15}$/;

/** The id a path, query or body value names, or null when it is not a strictly written positive integer. */
export function parseStrictId(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw > 0 ? raw : null;
  if (typeof raw !== 'string' || !STRICT_ID.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}

export const invalidId = (field: string) => fieldError('validation_failed', field, constraintMessage('positiveId', field));

/** Route ids are positive integers written in plain decimal; anything else is a 400 naming the parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const id = parseStrictId(value);
    if (id === null) throw invalidId(meta.data ?? 'id');
    return id;
  }
}
