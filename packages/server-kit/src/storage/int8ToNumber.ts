import { JilError } from '@jil/core';

/**
 * Normalizes an int8 (`bigint` column, `count(*)`) read from either engine to a safe integer
 * `number`: PGlite returns `number` (or `bigint` beyond 2^53), `pg` returns a decimal string.
 *
 * @param value - The raw column value.
 * @throws JilError `STORAGE_ERROR` when it is not an integer or lies beyond ±(2^53 − 1).
 *
 * @example
 * import { int8ToNumber } from './int8ToNumber.js';
 * int8ToNumber('1700000000000'); // 1700000000000
 */
export function int8ToNumber(value: unknown): number {
  let n: unknown = value;
  if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) n = Number(value);
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new JilError('STORAGE_ERROR', 'database returned an integer outside the safe range', {
      details: { type: typeof value },
    });
  }
  return n;
}

/**
 * Normalizes an int8 read from either engine to a `bigint` (amounts in minor units).
 *
 * @param value - `bigint`, safe-integer `number` or decimal string.
 * @throws JilError `STORAGE_ERROR` for anything else.
 *
 * @example
 * import { int8ToBigInt } from './int8ToNumber.js';
 * int8ToBigInt('9007199254740993'); // 9007199254740993n
 */
export function int8ToBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new JilError('STORAGE_ERROR', 'database returned a value that is not an integer', {
    details: { type: typeof value },
  });
}
