import { assertBytes } from '../bytes/assertBytes.js';
import { randomBytes } from '../bytes/randomBytes.js';
import { compositeGetPublicKey } from './getPublicKey.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';

/** A composite ML-DSA-65 + Ed25519 key pair (id-MLDSA65-Ed25519-SHA512). */
export interface CompositeKeyPair {
  /** 1984 bytes, `mldsaPK (1952) ‖ Ed25519 A (32)` (draft-ietf-lamps-pq-composite-sigs-19 §4.1). */
  publicKey: Uint8Array;
  /** 64 bytes, `ML-DSA seed ξ (32) ‖ Ed25519 seed (32)` (§4.2); keep it secret, `fill(0)` when done. */
  secretKey: Uint8Array;
}

/**
 * Composite key generation (draft-ietf-lamps-pq-composite-sigs-19 §3.1): two fresh, independent 32-byte seeds from
 * `crypto.getRandomValues` (Web Crypto CSPRNG), one per component, or the given 64-byte `seed`, which *is* the
 * serialized secret key `ξ ‖ Ed25519 seed` (so importing a key and re-deriving its public key are the same call).
 * A seed is never expanded or shared between the halves, and neither half may be an existing ML-DSA or Ed25519 key
 * (§3.1, §9.3: key reuse between a composite and a standalone key MUST NOT happen) — pass only seeds made for it.
 *
 * @param seed - optional 64-byte composite secret key (copied, not kept); omit it for a fresh key pair.
 * @returns `{ publicKey, secretKey }`: 1984 and 64 bytes.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `seed`) when `seed` is given and is not a 64-byte Uint8Array.
 * @throws JilError `INTERNAL` when no seed is given and the runtime has no `crypto.getRandomValues`.
 * @see draft-ietf-lamps-pq-composite-sigs-19 §3.1, §3.1.1, §4.2; FIPS 204 Algorithm 6; RFC 8032 §5.1.5
 * @example
 * import { compositeGenerateKeyPair, compositeKeyId } from '@jil/core';
 * const { publicKey, secretKey } = compositeGenerateKeyPair();
 * const id = compositeKeyId(publicKey); // 64 hex characters
 */
export function compositeGenerateKeyPair(seed?: Uint8Array): CompositeKeyPair {
  let secretKey: Uint8Array;
  if (seed === undefined) {
    secretKey = randomBytes(COMPOSITE_MLDSA65_ED25519.secretKeyBytes);
  } else {
    assertBytes(seed, 'seed', COMPOSITE_MLDSA65_ED25519.secretKeyBytes);
    secretKey = Uint8Array.from(seed);
  }
  return { publicKey: compositeGetPublicKey(secretKey), secretKey };
}
