import { JilError } from '../errors/JilError.js';

/**
 * Throw `INVALID_ARGUMENT` unless `value` is a `Uint8Array` (a Node `Buffer` counts), optionally of an exact length.
 * Internal helper of the public functions that take bytes; `field` names the parameter in `details.field`.
 */
export function assertBytes(value: unknown, field: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be a Uint8Array`, {
      details: { field, expected: 'Uint8Array', received: describeType(value) },
    });
  }
  if (length !== undefined && value.length !== length) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be ${length} bytes`, {
      details: { field, expectedLength: length, length: value.length },
    });
  }
}

/** Short, secret-free description of a value's type for error details (`null`, `array`, `string`, `Date`, …). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return 'object';
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'object';
}

/**
 * Throws `INVALID_ARGUMENT` (details.field) unless `value` is a non-null object (a parameters or options record), so
 * that destructuring it can never throw a TypeError.
 */
export function assertRecord(value: unknown, field: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be an object`, {
      details: { field, expected: 'object', received: describeType(value) },
    });
  }
}
