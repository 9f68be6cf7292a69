import { JilError } from '@jil/core';

/*
 * Cheap argument checks at the boundary of exported functions (issue 12: no exported function throws anything but a
 * JilError). Each throws `INVALID_ARGUMENT` with `details.field`, like @jil/fleet's. Internal to @jil/psa.
 */

const invalid = (field: string, what: string): JilError =>
  new JilError('INVALID_ARGUMENT', `${field} must be ${what}`, { details: { field } });

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a non-null, non-array object (a parameters or options record). */
export function requireRecord<T>(value: T, field: string): asserts value is NonNullable<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(field, 'an object');
}

/** Like {@link requireRecord}, but `undefined` passes (an optional options record). */
export function optionalRecord(value: unknown, field: string): void {
  if (value !== undefined) requireRecord(value, field);
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is an array. */
export function requireArray(value: unknown, field: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(field, 'an array');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is iterable (an array, a Set, a generator …) and not a string. */
export function requireIterable(value: unknown, field: string): asserts value is Iterable<unknown> {
  if (typeof value !== 'object' || value === null || typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function')
    throw invalid(field, 'iterable');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a listing `{ family, address, … }` with string family and address. */
export function requireListing(value: unknown, field: string): void {
  const r = value as { family?: unknown; address?: unknown } | null;
  if (typeof r !== 'object' || r === null || typeof r.family !== 'string' || typeof r.address !== 'string')
    throw invalid(field, 'a listing with a string family and address');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a string. */
export function requireString(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string') throw invalid(field, 'a string');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a `Uint8Array` (of `length` bytes when given). */
export function requireBytes(value: unknown, field: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw invalid(field, 'a Uint8Array');
  if (length !== undefined && value.length !== length) throw invalid(field, `${length} bytes`);
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a valid `Date`. */
export function requireDate(value: unknown, field: string): asserts value is Date {
  if (!(value instanceof Date) || !Number.isFinite(value.getTime())) throw invalid(field, 'a valid Date');
}

/** Throws `INVALID_ARGUMENT` (details.field) unless `value` is a function. */
export function requireFunction(value: unknown, field: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw invalid(field, 'a function');
}
