import { assertBytes } from '../bytes/assertBytes.js';
import { sha256Hex } from '../bytes/encoding.js';

/**
 * The JIL key id of an Ed25519 public key: lower-case hex SHA-256 of its 32 bytes.
 * Derived from the key and never chosen by a signer; used as DSSE `keyid`.
 *
 * @param publicKey - the 32-byte public key.
 * @returns 64 lower-case hex characters.
 * @throws JilError `INVALID_ARGUMENT` when `publicKey` is not a 32-byte Uint8Array.
 * @see FIPS 180-4 (SHA-256); DSSE envelope.md (`keyid`)
 * @example
 * import { generateKeyPair, keyId } from '@jil/core';
 * keyId(generateKeyPair().publicKey); // e.g. '3b6a27bc…'
 */
export function keyId(publicKey: Uint8Array): string {
  assertBytes(publicKey, 'publicKey', 32);
  return sha256Hex(publicKey);
}
