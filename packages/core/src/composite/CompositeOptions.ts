import { readContext } from '../mldsa/MlDsa65Options.js';

/** Options of `compositeSign`, `compositeVerify`, `compositeVerifyWith` and a composite signer's `sign`. */
export interface CompositeOptions {
  /**
   * The application context `ctx` of draft-ietf-lamps-pq-composite-sigs-19 §2.2: 0–255 bytes bound into the
   * message representative `M'` (for example a domain tag). Default: empty. A signature verifies only under the
   * context it was made with. It is *not* the ML-DSA context string: the ML-DSA component always gets the Label.
   */
  context?: Uint8Array | undefined;
}

/**
 * Internal: the validated application context of `options` (empty when absent). Never writes into `options`.
 * Same rules as the ML-DSA-65 context (at most 255 bytes, §3.2 step 1 and §3.3 step 1).
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `options` or `context`) when `options` is neither
 *   `undefined` nor a plain object, or `context` is not a Uint8Array of at most 255 bytes.
 */
export function readCompositeContext(options: CompositeOptions | undefined): Uint8Array {
  return readContext(options);
}
