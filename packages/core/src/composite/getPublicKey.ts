import { assertBytes } from '../bytes/assertBytes.js';
import { getPublicKey } from '../ed25519/getPublicKey.js';
import { mlDsa65GetPublicKey } from '../mldsa/getPublicKey.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';
import { concatComponents, splitSecretKey } from './serialization.js';

/**
 * The composite public key of a 64-byte composite secret key: ML-DSA.KeyGen_internal of the 32-byte seed ξ
 * (FIPS 204 Algorithm 6) and the Ed25519 public key of the 32-byte Ed25519 seed (RFC 8032 §5.1.5), serialized as
 * `mldsaPK ‖ tradPK`. Deterministic: the same bytes on every backend.
 *
 * @param secretKey - 64 bytes, `ML-DSA seed ξ (32) ‖ Ed25519 secret seed (32)` (§4.2).
 * @returns the 1984-byte composite public key `mldsaPK (1952) ‖ Ed25519 A (32)` (§4.1).
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `secretKey`) when `secretKey` is not a 64-byte Uint8Array.
 * @see draft-ietf-lamps-pq-composite-sigs-19 §3.1, §4.1, §4.2
 * @example
 * import { compositeGetPublicKey, hexToBytes } from '@jil/core';
 * const publicKey = compositeGetPublicKey(hexToBytes('01'.repeat(64))); // Uint8Array(1984)
 */
export function compositeGetPublicKey(secretKey: Uint8Array): Uint8Array {
  assertBytes(secretKey, 'secretKey', COMPOSITE_MLDSA65_ED25519.secretKeyBytes);
  const [mlDsaSeed, ed25519Seed] = splitSecretKey(secretKey);
  return concatComponents(mlDsa65GetPublicKey(mlDsaSeed), getPublicKey(ed25519Seed));
}
