import { assertBytes } from '../bytes/assertBytes.js';
import { bytesToHex } from '../bytes/encoding.js';
import { randomBytes } from '../bytes/randomBytes.js';
import { JilError } from '../errors/JilError.js';

/**
 * A UUID version 7 (RFC 9562 §5.7): 48-bit Unix time in milliseconds, then 74 random bits.
 *
 * Layout (big-endian): `unix_ts_ms` (48) ‖ `ver` = 0111 (4) ‖ `rand_a` (12) ‖ `var` = 10 (2) ‖ `rand_b` (62).
 * The 10 bytes of `random` (default: from `crypto.getRandomValues`) fill octets 6–15, whose top bits `ver` and
 * `var` then overwrite: `rand_a` = low 4 bits of `random[0]` ‖ `random[1]`, `rand_b` = low 6 bits of `random[2]` ‖
 * `random[3..9]` — 74 random bits.
 * No counter and no hidden state: ids made in the same millisecond are unique but not ordered among themselves
 * (RFC 9562 §6.2 leaves monotonicity optional).
 *
 * @param now - the timestamp; milliseconds since the epoch must be in [0, 2^48).
 * @param random - optional 10 random bytes (for tests and deterministic fixtures).
 * @returns the lower-case hyphenated form, e.g. `01890a5d-ac96-774b-bcce-b302099a8057`.
 * @throws JilError `INVALID_ARGUMENT` when `now` is not a valid Date in range or `random` is not 10 bytes;
 *   `INTERNAL` when no CSPRNG is available.
 * @see RFC 9562 §5.7, §4 (format)
 * @example
 * import { uuidv7 } from '@jil/core';
 * const psaId = uuidv7(new Date());
 */
export function uuidv7(now: Date, random?: Uint8Array): string {
  const ms = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 2 ** 48) {
    throw new JilError('INVALID_ARGUMENT', 'now must be a valid Date between 1970 and the year 10889', { details: { field: 'now' } });
  }
  if (random !== undefined) assertBytes(random, 'random', 10);
  const rand = random ?? randomBytes(10);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) & 0xff;
  bytes[6] = 0x70 | (rand[0]! & 0x0f); // ver = 7, rand_a high 4 bits
  bytes[7] = rand[1]!; // rand_a low 8 bits
  bytes[8] = 0x80 | (rand[2]! & 0x3f); // var = 10, rand_b high 6 bits
  bytes.set(rand.subarray(3, 10), 9); // rand_b low 56 bits
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * `true` when `value` is a UUIDv7 in canonical form: lower-case hex, hyphenated 8-4-4-4-12, version 7, variant `10`.
 * Upper-case spellings are refused so that each id has one spelling in canonical JSON.
 *
 * @param value - any value.
 * @see RFC 9562 §4, §5.7
 * @example
 * import { isUuidV7, uuidv7 } from '@jil/core';
 * isUuidV7(uuidv7(new Date())); // true
 * isUuidV7('550e8400-e29b-41d4-a716-446655440000'); // false (version 4)
 */
export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value);
}
