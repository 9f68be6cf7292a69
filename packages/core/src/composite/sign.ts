import { assertBytes } from '../bytes/assertBytes.js';
import { compositeBackendImpls, type CompositeBackend } from './backends.js';
import { readCompositeContext, type CompositeOptions } from './CompositeOptions.js';
import { compositeMessageRepresentative, LABEL } from './messageRepresentative.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';
import { concatComponents, splitSecretKey } from './serialization.js';

/**
 * Sign `message` with id-MLDSA65-Ed25519-SHA512 (draft-ietf-lamps-pq-composite-sigs-19 §3.2, Composite-ML-DSA.Sign):
 *
 *     M'       = "CompositeAlgorithmSignatures2025" ‖ "COMPSIG-MLDSA65-Ed25519-SHA512" ‖ len(ctx) ‖ ctx ‖ SHA-512(M)
 *     mldsaSig = ML-DSA-65.Sign(ξ, M', ctx = Label)    (FIPS 204 Algorithm 2, pure, hedged)
 *     tradSig  = Ed25519.Sign(seed, M')                (RFC 8032 §5.1.6, deterministic)
 *     s        = mldsaSig ‖ tradSig
 *
 * Each half runs on its fastest backend. The ML-DSA half is hedged, so two signatures of one message differ in their
 * first 3309 bytes; the Ed25519 half is the same every time. For many signatures with one key use
 * `compositeCreateSigner` (keys stay loaded).
 *
 * @param message - M, the bytes to sign (any length; hashed with SHA-512 into M').
 * @param secretKey - 64 bytes, `ML-DSA seed ξ (32) ‖ Ed25519 secret seed (32)` (§4.2).
 * @param options - `{ context }`: the application context ctx, 0–255 bytes (default empty; §2.2).
 * @returns the 3373-byte composite signature `mldsaSig (3309) ‖ Ed25519 R ‖ S (64)` (§4.3).
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `message`, `secretKey`, `options` or `context`) for a wrong
 *   type, a secret key that is not 64 bytes or a context over 255 bytes (§3.2 step 1).
 * @throws JilError `INTERNAL` on the noble ML-DSA backend when the runtime has no `crypto.getRandomValues`.
 * @see draft-ietf-lamps-pq-composite-sigs-19 §2.1, §2.2, §3.2, §4.3, §6
 * @example
 * import { compositeGenerateKeyPair, compositeSign, utf8ToBytes } from '@jil/core';
 * const { secretKey } = compositeGenerateKeyPair();
 * const signature = compositeSign(utf8ToBytes('hello'), secretKey, { context: utf8ToBytes('JIL-PSA-v1') }); // Uint8Array(3373)
 */
export function compositeSign(message: Uint8Array, secretKey: Uint8Array, options?: CompositeOptions): Uint8Array {
  return compositeSignWith(undefined, message, secretKey, options);
}

/**
 * Internal (tests and benchmarks; not exported from the package): {@link compositeSign} with both halves on one
 * chosen backend, `undefined` = the fastest of each.
 * @throws JilError `INVALID_ARGUMENT` as `compositeSign`, and (`details.field` `backend`) for an unknown or
 *   unavailable backend.
 */
export function compositeSignWith(
  backend: CompositeBackend | undefined,
  message: Uint8Array,
  secretKey: Uint8Array,
  options?: CompositeOptions,
): Uint8Array {
  const { mlDsa, ed25519 } = compositeBackendImpls(backend);
  assertBytes(message, 'message');
  assertBytes(secretKey, 'secretKey', COMPOSITE_MLDSA65_ED25519.secretKeyBytes);
  const messageRepresentative = compositeMessageRepresentative(message, readCompositeContext(options));
  const [mlDsaSeed, ed25519Seed] = splitSecretKey(secretKey);
  return concatComponents(mlDsa.sign(messageRepresentative, mlDsaSeed, LABEL), ed25519.sign(messageRepresentative, ed25519Seed));
}
