import { assertBytes } from '../bytes/assertBytes.js';
import { mlDsaBackendImpl } from './backends.js';
import { readContext, type MlDsa65Options } from './MlDsa65Options.js';
import { ML_DSA_65 } from './params.js';

/**
 * Sign `message` with ML-DSA-65 (FIPS 204 Algorithm 2, ML-DSA.Sign: pure, hedged, with context) on the fastest
 * backend. Hedged means a fresh 32-byte `rnd` per call, so two signatures of the same message differ; each one
 * verifies on every backend. The seed is expanded on every call (node: a PKCS #8 import, noble: ML-DSA.KeyGen);
 * for many signatures with one key use `mlDsa65CreateSigner`.
 *
 * @param message - the bytes to sign (for JIL envelopes: `pae(payloadType, payload)`).
 * @param secretKey - the 32-byte seed ξ (FIPS 204 Algorithm 1), not the 4032-byte expanded key.
 * @param options - `{ context }`: the FIPS 204 context string, 0–255 bytes (default empty).
 * @returns the 3309-byte signature sigEncode(c̃, z, h).
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `message` is not a Uint8Array, `secretKey` is not
 *   32 bytes, or the context is not a Uint8Array of at most 255 bytes.
 * @throws JilError `INTERNAL` on the noble backend when the runtime has no `crypto.getRandomValues`.
 * @see FIPS 204 §3.4 (hedged signing), §5.2 (Algorithm 2)
 * @example
 * import { mlDsa65GenerateKeyPair, mlDsa65Sign, utf8ToBytes } from '@jil/core';
 * const { secretKey } = mlDsa65GenerateKeyPair();
 * const signature = mlDsa65Sign(utf8ToBytes('hello'), secretKey, { context: utf8ToBytes('JIL-PSA-v1') }); // Uint8Array(3309)
 */
export function mlDsa65Sign(message: Uint8Array, secretKey: Uint8Array, options?: MlDsa65Options): Uint8Array {
  assertBytes(message, 'message');
  assertBytes(secretKey, 'secretKey', ML_DSA_65.seedBytes);
  const context = readContext(options);
  return mlDsaBackendImpl().sign(message, secretKey, context);
}
