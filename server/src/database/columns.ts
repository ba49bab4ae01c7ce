import { ValueTransformer } from 'typeorm';

// Column shapes that mean the same on MySQL and on the embedded SQLite file, so one migration fits both.

/** UTC timestamps: DATETIME(6) on MySQL (the precision its CURRENT_TIMESTAMP(6) default needs), text on SQLite. */
export const timestampColumn = { type: 'datetime', precision: 6 } as const;

/** GCJ-02 coordinates as doubles; never DECIMAL, which mysql2 returns as a string. */
export const coordinateColumn = { type: 'double' } as const;

/** JSON kept as text so both drivers store it identically. */
export function jsonTransformer<T>(): ValueTransformer {
  return {
    to: (value: T | null | undefined) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
    from: (value: string | null) => (value === null || value === undefined ? null : (JSON.parse(value) as T)),
  };
}
