import type { ErrorCode } from '../errors/codes.js';

/**
 * The one failure shape of every JIL verifier that returns instead of throwing (`verifyPsa`, `openDsse`, the
 * `@jil/core/tlog` verifiers, `@jil/fleet`'s `verifyRelease` and friends): `{ valid: false, check, code, message }`.
 * `check` names the one check that failed (each verifier lists its checks, e.g. `PSA_CHECKS`), `code` is the
 * `JilError` code a server answers with (HTTP status from `HTTP_STATUS_BY_CODE`), `message` is short and holds no
 * secrets. Verifiers may add fields (`details`, `body`, …); they never remove these four.
 * @see docs/errors.md §Verification results
 * @example
 * import type { VerificationFailure } from '@jil/core';
 * function report(f: VerificationFailure): string { return `${f.check}: ${f.code} ${f.message}`; }
 */
export interface VerificationFailure<Check extends string = string, Code extends ErrorCode = ErrorCode> {
  valid: false;
  /** Which check failed. */
  check: Check;
  /** The error code (`JilError` code; HTTP status from `HTTP_STATUS_BY_CODE`). */
  code: Code;
  /** Short reason, no secrets. */
  message: string;
  /** Structured context, where the verifier gives it. */
  details?: Record<string, unknown>;
}

/**
 * Outcome of a verifier: `{ valid: true, …T }` or a {@link VerificationFailure} (or a subtype of it, `F`).
 * @example
 * import type { VerificationResult } from '@jil/core';
 * type R = VerificationResult<{ index: number }, 'inclusion'>;
 */
export type VerificationResult<
  T extends object = object,
  Check extends string = string,
  F extends VerificationFailure<Check> = VerificationFailure<Check>,
> = ({ valid: true } & T) | F;
