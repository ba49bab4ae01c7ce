import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
/** Where @nestjs/swagger keeps @ApiProperty options (API_MODEL_PROPERTIES). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
import { constraintMessage, isChineseText, NOT_NULL_CONSTRAINT, UNKNOWN_FIELD_CONSTRAINT, type FieldError } from '@xjy/shared';
import { getMetadataStorage, type ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { AppException } from './app.exception';

/**
 * Names an object inherits from Object.prototype. Nest's pipe silently deletes some of them (constructor,
 * __proto__) before the unknown-field check, and class-validator takes the others for known properties, so a
 * body holding one would pass; they are refused before anything else looks at the body.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function inheritedNamePaths(value: unknown, parent = '', out: string[] = [], depth = 0): string[] {
  if (value === null || typeof value !== 'object' || depth > 64 || ArrayBuffer.isView(value)) return out;
  for (const key of Object.keys(value)) {
    const path = parent ? `${parent}.${key}` : key;
    if (INHERITED_NAMES.has(key)) out.push(path);
    else inheritedNamePaths((value as Record<string, unknown>)[key], path, out, depth + 1);
  }
  return out;
}

/** A field may hold null only where its OpenAPI property says nullable; elsewhere null is a validation error. */
function isDocumentedNullable(target: object, property: string): boolean {
  const meta = Reflect.getMetadata(API_MODEL_PROPERTIES, target, property) as { nullable?: boolean } | undefined;
  return meta?.nullable === true;
}

function nullErrors(object: unknown, existing: ValidationError[], depth = 0): ValidationError[] {
  if (object === null || typeof object !== 'object' || depth > 32) return [];
  const proto = Object.getPrototypeOf(object) as object | null;
  if (!proto || proto === Object.prototype || Array.isArray(object)) return [];
  const failed = new Map(existing.map((e) => [e.property, e]));
  const out: ValidationError[] = [];
  for (const [property, value] of Object.entries(object)) {
    const already = failed.get(property);
    if (value === null) {
      if (!already && !isDocumentedNullable(proto, property)) {
        out.push({ property, constraints: { [NOT_NULL_CONSTRAINT]: 'must not be null' }, children: [] });
      }
      continue;
    }
    const items = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : [[null, value] as const];
    const children: ValidationError[] = [];
    for (const [index, item] of items) {
      const known = index === null ? (already?.children ?? []) : (already?.children?.find((c) => c.property === index)?.children ?? []);
      const nested = nullErrors(item, known, depth + 1);
      if (!nested.length) continue;
      if (index === null) children.push(...nested);
      else children.push({ property: index, children: nested });
    }
    if (!children.length) continue;
    if (already) already.children = [...(already.children ?? []), ...children];
    else out.push({ property, children });
  }
  return out;
}

const metadataByClass = new WeakMap<object, ValidationMetadata[]>();
function metadataOf(target: object): ValidationMetadata[] {
  let found = metadataByClass.get(target);
  if (!found) {
    found = getMetadataStorage().getTargetValidationMetadatas(target as new () => object, '', true, false);
    metadataByClass.set(target, found);
  }
  return found;
}

/** The decorator's constraint values (min → [20]) for a failed constraint, read from class-validator's metadata. */
function constraintArgs(target: object | undefined, property: string, constraint: string): unknown[] {
  if (!target) return [];
  const meta = metadataOf(target.constructor).find((m) => m.propertyName === property && m.name === constraint);
  return (meta?.constraints as unknown[] | undefined) ?? [];
}

/** Rewrites every constraint message as a Chinese sentence naming the field's label (custom Chinese messages stay). */
function translate(errors: ValidationError[], parent = ''): void {
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      for (const [name, message] of Object.entries(e.constraints)) {
        e.constraints[name] = isChineseText(message) ? message : constraintMessage(name, field, constraintArgs(e.target, e.property, name));
      }
    }
    delete e.target;
    if (e.children?.length) translate(e.children, field);
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** The 400 validation_failed for a list of field errors: the body's message repeats the first few in Chinese. */
export function validationFailed(fields: FieldError[]): AppException {
  const shown = [...new Set(fields.map((f) => f.message))];
  const message = shown.length ? shown.slice(0, 3).join('；') + (shown.length > 3 ? ' 等' : '') : undefined;
  return new AppException('validation_failed', { fields }, message);
}

/** A number in a query string is written in plain decimal: "0x1", "1e0", " 1" and "+1" are not numbers here. */
const PLAIN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

function looseNumberFields(value: unknown, metatype: object): FieldError[] {
  if (value === null || typeof value !== 'object') return [];
  const proto = (metatype as { prototype?: object }).prototype;
  if (!proto) return [];
  return Object.entries(value)
    .filter(([key, raw]) => typeof raw === 'string' && Reflect.getMetadata('design:type', proto, key) === Number && !PLAIN_NUMBER.test(raw))
    .map(([field]) => ({ field, message: constraintMessage('isNumber', field) }));
}

class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A JSON body of null, an array or a bare value is not "no fields set": Nest would turn null into {} and an
    // all-optional DTO (PATCH /me) would answer 200 having done nothing the client could tell.
    if (metadata.type === 'body' && value !== undefined && this.toValidate(metadata) && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw validationFailed([{ field: 'body', message: '请求内容必须是一个对象' }]);
    }
    if (metadata.metatype && metadata.type !== 'custom') {
      const inherited = inheritedNamePaths(value);
      if (inherited.length) throw validationFailed(inherited.map((field) => ({ field, message: constraintMessage(UNKNOWN_FIELD_CONSTRAINT, field) })));
      if (metadata.type === 'query') {
        const loose = looseNumberFields(value, metadata.metatype);
        if (loose.length) throw validationFailed(loose);
      }
    }
    return super.transform(value, metadata);
  }

  /**
   * Path and query primitives stay as they came: a path id is parsed by ParseIdPipe alone, strictly ("0x1" would
   * otherwise already be the number 1 by the time that pipe saw it).
   */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, { ...options, validationError: { ...options?.validationError, target: true } });
    errors.push(...nullErrors(object, errors));
    translate(errors);
    return errors;
  }
}

/**
 * Whitelist, refuse unknown fields, transform to DTO classes; every failure is 400 validation_failed whose
 * details.fields keep the raw field name (for code) and a Chinese sentence with the field's label (for people).
 * null is refused on every field that is not documented nullable, so it never reaches a service as "unset".
 */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
