import { isJilError, JilError, type ErrorCode } from '@jil/core';
import type { Identifier } from './suite/identifiers.js';

/**
 * A `JilError` for a FROST failure. `culprits` (identifiers, sorted) goes into `details.culprits` — blame is data.
 * Messages never carry secrets (shares, nonces, keys).
 */
export function frostError(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> & { culprits?: Identifier[] } = {},
  cause?: unknown,
): JilError {
  return new JilError(code, message, cause === undefined ? { details } : { details, cause });
}

/** Run `fn`; turn a non-`JilError` throw (for example from `@noble/curves`) into `code` with `details`. */
export function guard<T>(fn: () => T, code: ErrorCode, message: string, details: Record<string, unknown> = {}): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof JilError) throw error;
    throw frostError(code, message, details, error);
  }
}

/**
 * The participants a FROST error blames: a copy of `details.culprits` (identifiers) of a `JilError`, or `undefined`
 * when `error` is not a `JilError` or its details name no culprits (an empty list — blame could not be placed, as in
 * `repairShareStep3` — is returned as `[]`). Never throws.
 *
 * @param error - anything caught.
 * @returns the blamed identifiers, or `undefined`.
 * @example
 * import { aggregateSignature, culpritsOf } from '@jil/mpc';
 * try {
 *   aggregateSignature({ publicKeyPackage, signingPackage, signatureShares });
 * } catch (e) {
 *   const cheaters = culpritsOf(e); // ['0200…', …] when shares failed verification
 * }
 */
export function culpritsOf(error: unknown): Identifier[] | undefined {
  if (!isJilError(error)) return undefined;
  const culprits = error.details['culprits'];
  return Array.isArray(culprits) && culprits.every((c) => typeof c === 'string') ? [...culprits] : undefined;
}
