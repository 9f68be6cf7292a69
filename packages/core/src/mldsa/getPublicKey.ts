import { assertBytes } from '../bytes/assertBytes.js';
import { mlDsaBackendImpl } from './backends.js';
import { ML_DSA_65 } from './params.js';

/**
 * The ML-DSA-65 public key of a 32-byte seed ξ (FIPS 204 Algorithm 1 / 6, ML-DSA.KeyGen; deterministic, the
 * same bytes on every backend).
 *
 * @param secretKey - the 32-byte seed ξ.
 * @returns the 1952-byte public key pkEncode(ρ, t1) (Algorithm 22).
 * @throws JilError `INVALID_ARGUMENT` when `secretKey` is not a 32-byte Uint8Array.
 * @see FIPS 204 §5.1 (Algorithm 1), §6.1 (Algorithm 6)
 * @example
 * import { mlDsa65GetPublicKey, hexToBytes } from '@jil/core';
 * const publicKey = mlDsa65GetPublicKey(hexToBytes('00'.repeat(32))); // Uint8Array(1952)
 */
export function mlDsa65GetPublicKey(secretKey: Uint8Array): Uint8Array {
  assertBytes(secretKey, 'secretKey', ML_DSA_65.seedBytes);
  return mlDsaBackendImpl().getPublicKey(secretKey);
}
