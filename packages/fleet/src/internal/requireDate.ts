import { JilError } from '@jil/core';

/**
 * Milliseconds of a valid `Date` argument.
 * @throws JilError `INVALID_ARGUMENT` (details.field) when `value` is not a valid Date.
 */
export function requireDate(value: unknown, field: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new JilError('INVALID_ARGUMENT', `${field} must be a valid Date`, { details: { field } });
  return ms;
}

/**
 * `date` as RFC 3339 UTC with milliseconds (`2025-01-02T03:04:05.678Z`).
 * @throws JilError `INVALID_ARGUMENT` when `date` is not a valid Date.
 */
export function isoTimestamp(date: Date, field = 'now'): string {
  return new Date(requireDate(date, field)).toISOString();
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a non-null, non-array object (a parameters or options record). */
export function requireRecord(value: unknown, field: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be an object`, { details: { field } });
  }
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is an array. */
export function requireArray(value: unknown, field: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw new JilError('INVALID_ARGUMENT', `${field} must be an array`, { details: { field } });
}
