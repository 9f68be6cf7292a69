import { assertBytes, describeType } from '../bytes/assertBytes.js';
import { JilError } from '../errors/JilError.js';
import { ML_DSA_65 } from './params.js';

/** Options of `mlDsa65Sign`, `mlDsa65Verify` and an ML-DSA-65 signer's `sign`. */
export interface MlDsa65Options {
  /**
   * The FIPS 204 context string `ctx` (§5.2, Algorithms 2 and 3): 0–255 bytes that bind the signature to one use
   * (for example a domain tag). Default: empty. A signature verifies only under the context it was made with.
   */
  context?: Uint8Array | undefined;
}

const EMPTY = new Uint8Array(0);

/**
 * Internal: the validated context of `options` (empty when absent). Never writes into `options`.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `options` or `context`) when `options` is neither
 *   `undefined` nor a plain object, or `context` is not a Uint8Array of at most 255 bytes.
 */
export function readContext(options: MlDsa65Options | undefined): Uint8Array {
  if (options === undefined) return EMPTY;
  if (!isPlainObject(options)) {
    // a Uint8Array here would otherwise sign with the empty context: mlDsa65Sign(message, seed, contextBytes)
    throw new JilError('INVALID_ARGUMENT', 'options must be a plain object such as { context }', {
      details: { field: 'options', expected: 'object', received: describeType(options) },
    });
  }
  const { context } = options;
  if (context === undefined) return EMPTY;
  assertBytes(context, 'context');
  if (context.length > ML_DSA_65.maxContextBytes) {
    throw new JilError('INVALID_ARGUMENT', `context must be at most ${ML_DSA_65.maxContextBytes} bytes`, {
      details: { field: 'context', maxLength: ML_DSA_65.maxContextBytes, length: context.length },
    });
  }
  return context;
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
