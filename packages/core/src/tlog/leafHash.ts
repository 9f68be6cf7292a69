import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes } from '../bytes/assertBytes.js';

/**
 * The Merkle leaf hash of one log entry: `SHA-256(0x00 || entry)`.
 *
 * @param entry - the entry bytes exactly as logged (for JIL: the PSA log entry), any length.
 * @returns the 32-byte leaf hash.
 * @throws JilError `INVALID_ARGUMENT` when `entry` is not a Uint8Array.
 * @see RFC 9162 §2.1.1 (RFC 6962 §2.1), c2sp.org/tlog-tiles (SHA-256)
 * @example
 * import { leafHash, bytesToHex } from '@jil/core/tlog';
 * bytesToHex(leafHash(new Uint8Array())); // '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'
 */
export function leafHash(entry: Uint8Array): Uint8Array {
  assertBytes(entry, 'entry');
  const input = new Uint8Array(entry.length + 1);
  input.set(entry, 1);
  return sha256(input);
}
