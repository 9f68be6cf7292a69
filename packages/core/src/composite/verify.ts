import { assertBytes } from '../bytes/assertBytes.js';
import { verifyWith } from '../ed25519/verify.js';
import { mlDsa65VerifyWith } from '../mldsa/verify.js';
import { compositeBackendImpls, type CompositeBackend } from './backends.js';
import { readCompositeContext, type CompositeOptions } from './CompositeOptions.js';
import { compositeMessageRepresentative, LABEL } from './messageRepresentative.js';
import { COMPOSITE_MLDSA65_ED25519 } from './params.js';
import { splitPublicKey, splitSignature } from './serialization.js';

/**
 * Verify an id-MLDSA65-Ed25519-SHA512 composite signature (draft-ietf-lamps-pq-composite-sigs-19 §3.3,
 * Composite-ML-DSA.Verify) on the fastest backend of each half. `true` only when **both** halves verify over
 * `M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ SHA-512(M)`: the ML-DSA-65 half under `mlDsa65VerifyWith` with the Label
 * as its FIPS 204 context (JIL's ML-DSA-65 acceptance policy), the Ed25519 half under `verifyWith` (JIL's Ed25519
 * acceptance policy). Deviation from §3.3 step 2, which answers "Invalid signature" for a wrong length: JIL throws
 * for wrong types and lengths and returns `false` only for well-formed inputs that do not verify.
 *
 * @param signature - 3373 bytes, `mldsaSig (3309) ‖ Ed25519 R ‖ S (64)` (§4.3).
 * @param message - M, the signed bytes (any length).
 * @param publicKey - 1984 bytes, `mldsaPK (1952) ‖ Ed25519 A (32)` (§4.1).
 * @param options - `{ context }`: the application context the signature was made with (0–255 bytes; default empty).
 * @returns `true` when both component signatures are valid; `false` otherwise.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` names the argument) for a wrong type or length, or a context
 *   over 255 bytes (§3.3 step 1).
 * @see draft-ietf-lamps-pq-composite-sigs-19 §2.2, §3.3, §4.1, §4.3, §9.2.3
 * @example
 * import { compositeGenerateKeyPair, compositeSign, compositeVerify, utf8ToBytes } from '@jil/core';
 * const { publicKey, secretKey } = compositeGenerateKeyPair();
 * const message = utf8ToBytes('hello');
 * compositeVerify(compositeSign(message, secretKey), message, publicKey); // true
 */
export function compositeVerify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, options?: CompositeOptions): boolean {
  return compositeVerifyWith(undefined, signature, message, publicKey, options);
}

/**
 * {@link compositeVerify} with both halves on one chosen backend, for cross-checks and benchmarks (same policies,
 * same result on every backend).
 *
 * @param backend - `'node'` (`node:crypto` for both halves, Node.js 24+) or `'noble'`; `undefined` = fastest of each.
 * @param signature - 3373 bytes.
 * @param message - the signed bytes.
 * @param publicKey - 1984 bytes.
 * @param options - `{ context }` (0–255 bytes; default empty).
 * @returns whether both component signatures are valid.
 * @throws JilError `INVALID_ARGUMENT` for wrong argument types or lengths, an unknown backend, or `'node'` where
 *   `node:crypto` has no ML-DSA-65 (`details.field` `backend`; see `availableCompositeBackends`).
 * @see draft-ietf-lamps-pq-composite-sigs-19 §3.3
 * @example
 * import { availableCompositeBackends, compositeVerifyWith } from '@jil/core';
 * const results = availableCompositeBackends().map((b) => compositeVerifyWith(b, signature, message, publicKey));
 */
export function compositeVerifyWith(
  backend: CompositeBackend | undefined,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  options?: CompositeOptions,
): boolean {
  compositeBackendImpls(backend); // an unknown or unavailable backend throws before anything else
  assertBytes(signature, 'signature', COMPOSITE_MLDSA65_ED25519.signatureBytes);
  assertBytes(message, 'message');
  assertBytes(publicKey, 'publicKey', COMPOSITE_MLDSA65_ED25519.publicKeyBytes);
  const messageRepresentative = compositeMessageRepresentative(message, readCompositeContext(options));
  const [mlDsaPublicKey, ed25519PublicKey] = splitPublicKey(publicKey);
  const [mlDsaSignature, ed25519Signature] = splitSignature(signature);
  // §3.3 step 4: every component must verify; stopping at the first failure leaks nothing (public inputs only)
  return (
    mlDsa65VerifyWith(backend, mlDsaSignature, messageRepresentative, mlDsaPublicKey, { context: LABEL }) &&
    verifyWith(backend, ed25519Signature, messageRepresentative, ed25519PublicKey)
  );
}
