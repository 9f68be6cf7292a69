import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { randomBytes } from '../bytes/randomBytes.js';

/**
 * The `@noble/post-quantum` ML-DSA-65 backend (pure JS, runs in browsers). Callers must run the acceptance
 * policy first (`verify.ts`) and validate types and lengths.
 */

/** ML-DSA.Verify (FIPS 204 Algorithm 3) by noble; any failure (noble throws on some malformed inputs) is `false`. */
export function nobleVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, context: Uint8Array): boolean {
  try {
    return ml_dsa65.verify(signature, message, publicKey, { context });
  } catch {
    return false;
  }
}

/** pkEncode(ρ, t1) of the seed's key pair (FIPS 204 Algorithms 1, 6, 22); the expanded secret key is wiped. */
export function nobleGetPublicKey(seed: Uint8Array): Uint8Array {
  const { publicKey, secretKey } = ml_dsa65.keygen(seed);
  secretKey.fill(0);
  return publicKey;
}

/**
 * ML-DSA.Sign (FIPS 204 Algorithm 2) with the 4032-byte expanded key skEncode(ρ, K, tr, s1, s2, t0) and an explicit
 * 32-byte `rnd` (all zeros = the deterministic variant, §3.4). Internal and test-only surface: the public API never
 * takes an expanded key or a caller's `rnd`.
 */
export function nobleSignExpanded(message: Uint8Array, expandedKey: Uint8Array, context: Uint8Array, rnd: Uint8Array): Uint8Array {
  return ml_dsa65.sign(message, expandedKey, { context, extraEntropy: rnd });
}

/**
 * A reusable noble signing function for one seed: the key is expanded once (ML-DSA.KeyGen, several ms in JS) and
 * kept in the closure. Hedged: every call draws a fresh 32-byte `rnd` from `crypto.getRandomValues`.
 */
export function nobleSignerFor(seed: Uint8Array): (message: Uint8Array, context: Uint8Array) => Uint8Array {
  const { secretKey } = ml_dsa65.keygen(seed);
  return (message, context) => {
    const rnd = randomBytes(32);
    try {
      return nobleSignExpanded(message, secretKey, context, rnd);
    } finally {
      rnd.fill(0);
    }
  };
}

/** One hedged signature from the seed; the expanded key lives only for this call and is wiped afterwards. */
export function nobleSign(message: Uint8Array, seed: Uint8Array, context: Uint8Array): Uint8Array {
  const { secretKey } = ml_dsa65.keygen(seed);
  const rnd = randomBytes(32);
  try {
    return nobleSignExpanded(message, secretKey, context, rnd);
  } finally {
    secretKey.fill(0);
    rnd.fill(0);
  }
}
