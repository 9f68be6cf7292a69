import { assertBytes, describeType } from '../bytes/assertBytes.js';
import { JilError } from '../errors/JilError.js';

/** Size of every hash in the log: SHA-256 (RFC 9162 §2.1 with SHA-256, as c2sp.org/tlog-tiles requires). */
export const HASH_SIZE = 32;

/** Internal: throw `INVALID_ARGUMENT` unless `value` is a 32-byte Uint8Array. */
export function assertHash(value: unknown, field: string): asserts value is Uint8Array {
  assertBytes(value, field, HASH_SIZE);
}

/** Internal: throw `INVALID_ARGUMENT` unless `value` is an array of 32-byte hashes (at most `max` of them). */
export function assertHashList(value: unknown, field: string, max = 64): asserts value is readonly Uint8Array[] {
  if (!Array.isArray(value)) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be an array of 32-byte hashes`, {
      details: { field, expected: 'Uint8Array[]', received: describeType(value) },
    });
  }
  if (value.length > max) {
    throw new JilError('INVALID_ARGUMENT', `${field} has more than ${max} hashes`, { details: { field, length: value.length, max } });
  }
  value.forEach((h, i) => {
    assertHash(h, `${field}[${i}]`);
  });
}

/** Internal: throw `INVALID_ARGUMENT` unless `value` is an integer in `[min, Number.MAX_SAFE_INTEGER]`. */
export function assertCount(value: unknown, field: string, min = 0): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new JilError('INVALID_ARGUMENT', `${field} must be a safe integer ≥ ${min}`, {
      details: { field, expected: `integer ≥ ${min}`, received: typeof value === 'number' ? String(value) : describeType(value) },
    });
  }
}
