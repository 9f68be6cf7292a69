import { assertBytes } from '../bytes/assertBytes.js';
import { meetsAcceptancePolicy } from './acceptancePolicy.js';
import { backendImpl, type Ed25519Backend } from './backends.js';

/**
 * Verify an Ed25519 signature (RFC 8032 §5.1.7) under JIL's acceptance policy, on the fastest backend.
 *
 * Policy (identical on every backend; see the README): refuse `S ≥ L`, non-canonical `A` or `R` (`y ≥ p`),
 * small-order `A` or `R`; then require the cofactorless equation `[S]B = R + [k]A`,
 * `k = SHA-512(R || A || message) mod L`. Mixed-order points are not refused.
 *
 * @param signature - 64 bytes, `R || S`.
 * @param message - the signed bytes (any length).
 * @param publicKey - 32 bytes, the encoded point `A`.
 * @returns `true` when the signature is valid; `false` for any invalid signature, key point or encoding.
 * @throws JilError `INVALID_ARGUMENT` when an argument is not a Uint8Array or has the wrong length.
 * @see RFC 8032 §5.1.3, §5.1.7; "Taming the many EdDSAs" (Chalkias et al., 2020)
 * @example
 * import { generateKeyPair, sign, verify, utf8ToBytes } from '@jil/core';
 * const { publicKey, secretKey } = generateKeyPair();
 * const message = utf8ToBytes('hello');
 * verify(sign(message, secretKey), message, publicKey); // true
 */
export function verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  return verifyWith(undefined, signature, message, publicKey);
}

/**
 * {@link verify} on a chosen backend, for cross-checks and benchmarks (same policy, same result).
 *
 * @param backend - `'node'` (`node:crypto`) or `'noble'` (`@noble/ed25519`); `undefined` picks the fastest.
 * @param signature - 64 bytes, `R || S`.
 * @param message - the signed bytes.
 * @param publicKey - 32 bytes.
 * @returns whether the signature is valid under the policy.
 * @throws JilError `INVALID_ARGUMENT` for wrong argument types or lengths, an unknown backend, or `'node'` outside Node.js.
 * @see RFC 8032 §5.1.7
 * @example
 * import { availableEd25519Backends, verifyWith } from '@jil/core';
 * const results = availableEd25519Backends().map((b) => verifyWith(b, signature, message, publicKey));
 */
export function verifyWith(
  backend: Ed25519Backend | undefined,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  const impl = backendImpl(backend);
  assertBytes(signature, 'signature', 64);
  assertBytes(message, 'message');
  assertBytes(publicKey, 'publicKey', 32);
  if (!meetsAcceptancePolicy(signature, publicKey)) return false;
  return impl.verify(signature, message, publicKey);
}
