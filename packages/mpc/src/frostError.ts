import { JilError, type ErrorCode } from '@jil/core';
import type { Identifier } from './suite/identifiers.js';

/**
 * A `JilError` for a FROST failure. `culprits` (identifiers, sorted) goes into `details.culprits` — blame is data.
 * Messages never carry secrets (shares, nonces, keys).
 */
export function frostError(code: ErrorCode, message: string, details: Record<string, unknown> & { culprits?: Identifier[] } = {}, cause?: unknown): JilError {
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
