import { assertBytes } from '../bytes/assertBytes.js';
import { meetsMlDsa65AcceptancePolicy } from './acceptancePolicy.js';
import { mlDsaBackendImpl, type MlDsaBackend } from './backends.js';
import { readContext, type MlDsa65Options } from './MlDsa65Options.js';
import { ML_DSA_65 } from './params.js';

/**
 * Verify an ML-DSA-65 signature (FIPS 204 Algorithm 3, ML-DSA.Verify: pure, external interface, with context)
 * under JIL's acceptance policy, on the fastest backend.
 *
 * Policy (identical on every backend; see the README, "ML-DSA-65"): wrong argument types, a public key that is not
 * 1952 bytes, a signature that is not 3309 bytes or a context over 255 bytes throw; a hint encoding that
 * HintBitUnpack refuses (Algorithm 21) or `‖z‖∞ ≥ γ1 − β` is `false` before any backend runs; then ML-DSA.Verify.
 *
 * @param signature - 3309 bytes, sigEncode(c̃, z, h).
 * @param message - the signed bytes (any length).
 * @param publicKey - 1952 bytes, pkEncode(ρ, t1).
 * @param options - `{ context }`: the FIPS 204 context string the signature was made with (0–255 bytes; default empty).
 * @returns `true` when the signature is valid; `false` for any invalid signature or encoding.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` names the argument) for a wrong type or length.
 * @see FIPS 204 §5.3 (Algorithm 3), §6.3 (Algorithm 8), §7.1 (Algorithms 19, 21), §7.2 (Algorithm 26)
 * @example
 * import { mlDsa65GenerateKeyPair, mlDsa65Sign, mlDsa65Verify, utf8ToBytes } from '@jil/core';
 * const { publicKey, secretKey } = mlDsa65GenerateKeyPair();
 * const message = utf8ToBytes('hello');
 * const context = utf8ToBytes('JIL-PSA-v1');
 * mlDsa65Verify(mlDsa65Sign(message, secretKey, { context }), message, publicKey, { context }); // true
 */
export function mlDsa65Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, options?: MlDsa65Options): boolean {
  return mlDsa65VerifyWith(undefined, signature, message, publicKey, options);
}

/**
 * {@link mlDsa65Verify} on a chosen backend, for cross-checks and benchmarks (same policy, same result).
 *
 * @param backend - `'node'` (`node:crypto`, Node.js 24+) or `'noble'` (`@noble/post-quantum`); `undefined` picks the fastest.
 * @param signature - 3309 bytes.
 * @param message - the signed bytes.
 * @param publicKey - 1952 bytes.
 * @param options - `{ context }` (0–255 bytes; default empty).
 * @returns whether the signature is valid under the policy.
 * @throws JilError `INVALID_ARGUMENT` for wrong argument types or lengths, an unknown backend, or `'node'` where
 *   `node:crypto` has no ML-DSA-65 (see `availableMlDsaBackends`).
 * @see FIPS 204 §5.3
 * @example
 * import { availableMlDsaBackends, mlDsa65VerifyWith } from '@jil/core';
 * const results = availableMlDsaBackends().map((b) => mlDsa65VerifyWith(b, signature, message, publicKey));
 */
export function mlDsa65VerifyWith(
  backend: MlDsaBackend | undefined,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  options?: MlDsa65Options,
): boolean {
  const impl = mlDsaBackendImpl(backend);
  assertBytes(signature, 'signature', ML_DSA_65.signatureBytes);
  assertBytes(message, 'message');
  assertBytes(publicKey, 'publicKey', ML_DSA_65.publicKeyBytes);
  const context = readContext(options);
  if (!meetsMlDsa65AcceptancePolicy(signature)) return false;
  return impl.verify(signature, message, publicKey, context);
}
