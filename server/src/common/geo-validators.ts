import { constraintMessage, isInChina } from '@xjy/shared';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** A GCJ-02 latitude/longitude pair on the object, inside China; names the field that is wrong. */
export function IsLatInChina(lngField = 'lng', options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isLatInChina',
      target: object.constructor,
      propertyName,
      options: { message: constraintMessage('isLatInChina', propertyName), ...options },
      validator: {
        validate(value: unknown, args) {
          const lng = (args?.object as Record<string, unknown>)[lngField];
          return typeof value === 'number' && typeof lng === 'number' && Number.isFinite(value) && Number.isFinite(lng) && isInChina({ lat: value, lng });
        },
      },
    });
}
