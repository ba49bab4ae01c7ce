import { AREA_BOUNDARY_POINTS_MAX, constraintMessage, isInChina } from '@xjy/shared';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** A ring of at least three [lng, lat] GCJ-02 points inside China. */
export function IsBoundaryRing(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isBoundaryRing',
      target: object.constructor,
      propertyName,
      constraints: [AREA_BOUNDARY_POINTS_MAX],
      options: { message: constraintMessage('isBoundaryRing', propertyName, [AREA_BOUNDARY_POINTS_MAX]), ...options },
      validator: {
        validate(value: unknown) {
          if (value === null) return true;
          if (!Array.isArray(value) || value.length < 3 || value.length > AREA_BOUNDARY_POINTS_MAX) return false;
          return value.every(
            (p) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)) && isInChina({ lng: p[0] as number, lat: p[1] as number }),
          );
        },
      },
    });
}
