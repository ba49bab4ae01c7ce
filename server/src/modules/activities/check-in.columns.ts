import { CHECK_IN_FLAGS, CheckInFlag } from '@xjy/shared';
import type { ValueTransformer } from 'typeorm';

/** DECIMAL comes back from mysql2 as a string and from SQLite as a number: both read as a number. */
export const decimalNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** The reasons for review as a comma list ("shared_client,activity_point"); none is NULL. */
export const flagList: ValueTransformer = {
  to: (v: CheckInFlag[] | null | undefined) => (v === undefined ? undefined : v && v.length ? v.join(',') : null),
  from: (v: string | null) => (v ? v.split(',').filter((f): f is CheckInFlag => (CHECK_IN_FLAGS as readonly string[]).includes(f)) : []),
};
