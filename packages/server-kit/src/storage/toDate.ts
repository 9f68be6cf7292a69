import { JilError } from '@jil/core';

/**
 * Normalizes a `timestamptz` value read from either engine to a `Date` (both return `Date` by
 * default; a string is accepted in case a global `pg` type parser was changed).
 *
 * @throws JilError `STORAGE_ERROR` when the value is not a valid timestamp.
 */
export function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new JilError('STORAGE_ERROR', 'database returned an invalid timestamp', { details: { type: typeof value } });
  }
  return date;
}
