import { assertBytes } from '../bytes/assertBytes.js';
import { randomBytes } from '../bytes/randomBytes.js';
import { mlDsa65GetPublicKey } from './getPublicKey.js';
import { ML_DSA_65 } from './params.js';

/** An ML-DSA-65 key pair; the secret half is the 32-byte seed, never the 4032-byte expanded key. */
export interface MlDsa65KeyPair {
  /** 1952-byte public key pkEncode(ρ, t1) (FIPS 204 Algorithm 22). */
  publicKey: Uint8Array;
  /** 32-byte seed ξ; keep it secret, overwrite with `fill(0)` when done (see README, Security). */
  secretKey: Uint8Array;
}

/**
 * ML-DSA-65 key generation (FIPS 204 Algorithm 1, ML-DSA.KeyGen) from a 32-byte seed ξ: the given one, or 32 fresh
 * bytes of `crypto.getRandomValues` (Web Crypto CSPRNG). The same seed gives the same key pair on every backend.
 *
 * @param seed - optional 32-byte ξ (copied, not kept); omit it for a fresh random key.
 * @returns `{ publicKey, secretKey }`: 1952 bytes and the 32-byte seed.
 * @throws JilError `INVALID_ARGUMENT` when `seed` is given and is not a 32-byte Uint8Array.
 * @throws JilError `INTERNAL` when no seed is given and the runtime has no `crypto.getRandomValues`.
 * @see FIPS 204 §5.1 (Algorithm 1), §6.1 (Algorithm 6, ML-DSA.KeyGen_internal from ξ)
 * @example
 * import { mlDsa65GenerateKeyPair, mlDsa65KeyId } from '@jil/core';
 * const { publicKey, secretKey } = mlDsa65GenerateKeyPair();
 * const id = mlDsa65KeyId(publicKey); // 64 hex characters
 */
export function mlDsa65GenerateKeyPair(seed?: Uint8Array): MlDsa65KeyPair {
  let secretKey: Uint8Array;
  if (seed === undefined) {
    secretKey = randomBytes(ML_DSA_65.seedBytes);
  } else {
    assertBytes(seed, 'seed', ML_DSA_65.seedBytes);
    secretKey = Uint8Array.from(seed);
  }
  return { publicKey: mlDsa65GetPublicKey(secretKey), secretKey };
}
