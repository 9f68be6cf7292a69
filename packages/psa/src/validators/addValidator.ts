import { JilError } from '@jil/core';
import { buildNextValidatorSet, currentSetOf, type NextValidatorSetOptions } from './buildNextValidatorSet.js';
import { validatorKey } from './validatorKey.js';
import { ValidatorSchema, type ValidatorKey, type ValidatorSet, type VerifiedValidatorSet } from './ValidatorSet.js';

/** Options of {@link addValidator}. */
export type AddValidatorOptions = NextValidatorSetOptions;

/** The validator to add. */
export interface NewValidator {
  /** A new id, never used in the set (retired ids stay reserved). */
  id: string;
  /** `COUNTRY/REGULATOR`, e.g. `CH/FINMA`. */
  jurisdiction: string;
  /** Its public key (32-byte Ed25519, or 1984-byte composite with `alg` `'mldsa65-ed25519'`), not used anywhere in the set. */
  publicKey: Uint8Array;
  /** The key's suite, default `'ed25519'`. */
  alg?: ValidatorKey['alg'];
}

/**
 * The next version of a validator set with one more active validator (docs/operations.md "Adding a validator", e.g.
 * to replace a revoked one). The threshold is unchanged; raise it with {@link changeThreshold} in a later version if
 * the policy says so.
 *
 * @param set the current version (`verified.set`, or the verified set itself).
 * @param validator `{ id, jurisdiction, publicKey, alg? }`.
 * @param options validity window of the next version (default: the current window).
 * @returns the unsigned next version (`version + 1`, `previous` naming `set`).
 * @throws JilError `INVALID_ARGUMENT` (`details.field`; `details.rule` `schema`, `id_reused`, `key_reused`,
 *   `intersection`, `window`).
 * @example
 * import { addValidator, signNextValidatorSet } from '@jil/psa';
 * const next = addValidator(current.set, { id: 'val-21', jurisdiction: 'CH/FINMA', publicKey });
 * const signed = signNextValidatorSet(next, quorumOfCurrent, current);
 */
export function addValidator(
  set: ValidatorSet | VerifiedValidatorSet,
  validator: NewValidator,
  options: AddValidatorOptions = {},
): ValidatorSet {
  const current = currentSetOf(set);
  const entry = {
    id: validator?.id,
    jurisdiction: validator?.jurisdiction,
    status: 'active' as const,
    keys: [validatorKey(validator?.publicKey, validator?.alg ?? 'ed25519')],
  };
  const parsed = ValidatorSchema.safeParse(entry);
  if (!parsed.success)
    throw new JilError('INVALID_ARGUMENT', `validator: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')} invalid`, {
      details: { field: 'validator', rule: 'schema' },
    });
  if (current.validators.some((v) => v.id === entry.id)) {
    throw new JilError('INVALID_ARGUMENT', `validator id ${entry.id} is already used in the set (retired ids stay reserved)`, {
      details: { field: 'validator.id', rule: 'id_reused' },
    });
  }
  if (current.validators.some((v) => v.keys.some((k) => k.keyid === entry.keys[0]!.keyid))) {
    throw new JilError('INVALID_ARGUMENT', 'the key is already in the set; use a fresh key', {
      details: { field: 'validator.publicKey', rule: 'key_reused' },
    });
  }
  return buildNextValidatorSet(set, { validators: [...current.validators, parsed.data] }, options);
}
