import { assertBytes } from '../bytes/assertBytes.js';
import { sha256Hex } from '../bytes/encoding.js';
import { ML_DSA_65 } from './params.js';

/**
 * The JIL key id of an ML-DSA-65 public key: lower-case hex SHA-256 of its 1952 bytes — the Ed25519 `keyId` scheme
 * (SHA-256 of the raw public key) applied to the ML-DSA encoding. Ed25519 ids are unchanged, and the two kinds
 * cannot coincide short of a SHA-256 collision (32- and 1952-byte inputs). Used as DSSE `keyid`.
 *
 * @param publicKey - the 1952-byte public key.
 * @returns 64 lower-case hex characters.
 * @throws JilError `INVALID_ARGUMENT` when `publicKey` is not a 1952-byte Uint8Array.
 * @see FIPS 180-4 (SHA-256); FIPS 204 Algorithm 22 (pkEncode); DSSE envelope.md (`keyid`)
 * @example
 * import { mlDsa65GenerateKeyPair, mlDsa65KeyId } from '@jil/core';
 * mlDsa65KeyId(mlDsa65GenerateKeyPair().publicKey); // e.g. '9f2c…'
 */
export function mlDsa65KeyId(publicKey: Uint8Array): string {
  assertBytes(publicKey, 'publicKey', ML_DSA_65.publicKeyBytes);
  return sha256Hex(publicKey);
}
