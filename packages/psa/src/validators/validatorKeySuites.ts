import { COMPOSITE_MLDSA65_ED25519, compositeKeyId, compositeVerify, keyId, verify } from '@jil/core';
import type { ValidatorKey } from './ValidatorSet.js';

/** The signature suite of an embedded validator: `'ed25519'` (key `alg` `ed25519`) or `'hybrid'` (`mldsa65-ed25519`). */
export type ValidatorSuite = 'ed25519' | 'hybrid';

/** The key `alg` a validator set declares for each {@link ValidatorSuite}. */
export const KEY_ALG_OF_SUITE = { ed25519: 'ed25519', hybrid: 'mldsa65-ed25519' } as const satisfies Record<
  ValidatorSuite,
  ValidatorKey['alg']
>;

/** What a verifier needs per key `alg` (internal): sizes, key id and the one verify function of that suite. */
interface KeySuite {
  /** Secret key (seed) bytes of an embedded validator. */
  secretKeyBytes: number;
  publicKeyBytes: number;
  /** Exact signature length; any other length is a bad signature (a stripped composite signature is 64 bytes). */
  signatureBytes: number;
  keyId(publicKey: Uint8Array): string;
  /** `true` only when the signature verifies; the caller has checked the lengths. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/**
 * The suites a validator key may declare (DESIGN.md §Formats, Signatures): `ed25519` (RFC 8032, JIL's acceptance
 * policy) and `mldsa65-ed25519`, the composite id-MLDSA65-Ed25519-SHA512 of draft-ietf-lamps-pq-composite-sigs-19
 * (both halves must verify; `compositeVerify`, empty context). Key ids are hex SHA-256 of the public key bytes in both.
 */
export const VALIDATOR_KEY_SUITES: Readonly<Record<ValidatorKey['alg'], KeySuite>> = Object.freeze({
  ed25519: { secretKeyBytes: 32, publicKeyBytes: 32, signatureBytes: 64, keyId, verify: (s, m, k) => verify(s, m, k) },
  'mldsa65-ed25519': {
    secretKeyBytes: COMPOSITE_MLDSA65_ED25519.secretKeyBytes,
    publicKeyBytes: COMPOSITE_MLDSA65_ED25519.publicKeyBytes,
    signatureBytes: COMPOSITE_MLDSA65_ED25519.signatureBytes,
    keyId: compositeKeyId,
    verify: (s, m, k) => compositeVerify(s, m, k),
  },
});
