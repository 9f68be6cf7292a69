import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes } from '../bytes/assertBytes.js';
import { utf8ToBytes } from '../bytes/encoding.js';

/**
 * HMAC-SHA-256 (RFC 2104 with FIPS 180-4 SHA-256), the MAC behind JIL request signatures.
 *
 * @param key - the secret key, any length (keys longer than 64 bytes are hashed first, per RFC 2104).
 * @param message - bytes, or a string (hashed as UTF-8).
 * @returns the 32-byte MAC.
 * @throws JilError `INVALID_ARGUMENT` when `key` is not a Uint8Array or `message` is neither bytes nor string.
 * @see RFC 2104 §2; RFC 4231 (test vectors)
 * @example
 * import { hmacSha256, bytesToHex, utf8ToBytes } from '@jil/core';
 * bytesToHex(hmacSha256(utf8ToBytes('Jefe'), 'what do ya want for nothing?'));
 * // '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array | string): Uint8Array {
  assertBytes(key, 'key');
  if (typeof message !== 'string') assertBytes(message, 'message');
  return hmac(sha256, key, typeof message === 'string' ? utf8ToBytes(message) : message);
}
