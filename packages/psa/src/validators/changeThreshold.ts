import { JilError } from '@jil/core';
import { buildNextValidatorSet, currentSetOf, type NextValidatorSetOptions } from './buildNextValidatorSet.js';
import type { ValidatorSet, VerifiedValidatorSet } from './ValidatorSet.js';

/** Options of {@link changeThreshold}. */
export type ChangeThresholdOptions = NextValidatorSetOptions;

/**
 * The next version of a validator set with a new `threshold` and, optionally, `min_jurisdictions`
 * (DESIGN.md §Validator set; docs/operations.md "Changing the threshold"). The new values apply to PSAs under the
 * next version and to the version after it; the next version itself is signed under the current threshold.
 *
 * @param set the current version (`verified.set`, or the verified set itself).
 * @param threshold the new minimum number of distinct validator signatures: an integer above half of the active
 *   validators and at most their number (14 of 20 in production).
 * @param minJurisdictions the new minimum number of distinct jurisdictions (default: unchanged), at most `threshold`
 *   and at most the number of jurisdictions with an active validator.
 * @param options validity window of the next version (default: the current window).
 * @returns the unsigned next version (`version + 1`, `previous` naming `set`).
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `threshold` | `minJurisdictions`; `details.rule` `integer`,
 *   `unchanged`, `min_jurisdictions`, `liveness`, `intersection`, `window`).
 * @example
 * import { changeThreshold, signNextValidatorSet } from '@jil/psa';
 * const next = changeThreshold(current.set, 15, 8);
 * const signed = signNextValidatorSet(next, quorumOfCurrent, current);
 */
export function changeThreshold(
  set: ValidatorSet | VerifiedValidatorSet,
  threshold: number,
  minJurisdictions?: number,
  options: ChangeThresholdOptions = {},
): ValidatorSet {
  const current = currentSetOf(set);
  for (const [field, value] of [
    ['threshold', threshold],
    ['minJurisdictions', minJurisdictions ?? 1],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new JilError('INVALID_ARGUMENT', `${field} must be a positive integer`, { details: { field, rule: 'integer' } });
  }
  const min = minJurisdictions ?? current.min_jurisdictions;
  if (threshold === current.threshold && min === current.min_jurisdictions) {
    throw new JilError('INVALID_ARGUMENT', `threshold ${threshold} and min_jurisdictions ${min} are already those of v${current.version}`, {
      details: { field: 'threshold', rule: 'unchanged' },
    });
  }
  return buildNextValidatorSet(set, { threshold, min_jurisdictions: min }, options);
}
