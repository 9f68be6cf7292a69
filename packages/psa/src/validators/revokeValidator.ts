import { buildNextValidatorSet, currentSetOf, findValidator, type NextValidatorSetOptions } from './buildNextValidatorSet.js';
import type { ValidatorSet, VerifiedValidatorSet } from './ValidatorSet.js';

/** Options of {@link revokeValidator}. */
export type RevokeValidatorOptions = NextValidatorSetOptions;

/**
 * The next version of a validator set with one validator revoked: its status becomes `'retired'`; it is not removed
 * (DESIGN.md §Validator set; docs/operations.md "Revoking a validator"). Keeping the entry is deliberate:
 * - a PSA or a next version signed by the revoked key fails with `PSA_INACTIVE_SIGNER` naming the validator, rather
 *   than the anonymous `PSA_UNKNOWN_SIGNER`;
 * - its id and key stay reserved: the builders refuse to reuse a retired id or key, and a retired validator is never
 *   reactivated (`rotateValidatorKey` refuses it) — a new operator joins under a new id with `addValidator`.
 * `'suspended'` (temporary, also inactive) is not what this function sets.
 *
 * @param set the current version (`verified.set`, or the verified set itself).
 * @param validatorId an active or suspended validator of `set`.
 * @param options validity window of the next version (default: the current window).
 * @returns the unsigned next version (`version + 1`, `previous` naming `set`); the remaining active validators must still
 *   reach `threshold` over `min_jurisdictions`, with `threshold` above half of them — lower the threshold first otherwise.
 * @throws JilError `INVALID_ARGUMENT` (`details.rule`: `unknown_validator`, `retired`, `liveness`, `intersection`, `window`).
 * @example
 * import { revokeValidator, signNextValidatorSet } from '@jil/psa';
 * const next = revokeValidator(current.set, 'val-07');
 * const signed = signNextValidatorSet(next, quorumOfCurrentWithoutVal07, current);
 */
export function revokeValidator(
  set: ValidatorSet | VerifiedValidatorSet,
  validatorId: string,
  options: RevokeValidatorOptions = {},
): ValidatorSet {
  const current = currentSetOf(set);
  const target = findValidator(current, validatorId);
  const validators = current.validators.map((v) => (v.id === target.id ? { ...v, status: 'retired' as const } : v));
  return buildNextValidatorSet(set, { validators }, options);
}
