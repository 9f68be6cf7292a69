import { canonicalBytes, JilError, sha256Hex } from '@jil/core';
import { zodFieldIssues } from '../schema/zodFieldIssues.js';
import { indexValidatorKeys } from './decodeValidatorSet.js';
import { isVerifiedValidatorSet } from './isVerifiedValidatorSet.js';
import { ValidatorSetSchema, type Validator, type ValidatorSet, type VerifiedValidatorSet } from './ValidatorSet.js';

/** Options shared by the next-version builders (`rotateValidatorKey`, `revokeValidator`, `changeThreshold`, `addValidator`). */
export interface NextValidatorSetOptions {
  /**
   * Start of the next version's validity window; default the current version's `valid_from`. It must lie inside the
   * current window (`verifyValidatorSetChain` rule `continuity`).
   */
  validFrom?: Date;
  /** End of the next version's validity window; default the current version's `valid_until`. */
  validUntil?: Date;
}

/** What a builder changes. */
interface Change {
  threshold?: number;
  min_jurisdictions?: number;
  validators?: Validator[];
}

/**
 * The unsigned version after `current` with `change` applied (internal to the builders): `version + 1`,
 * `previous = { set_id, version, sha256 }` where `sha256` is the hex SHA-256 of the RFC 8785 bytes of `current` (what
 * `verifyValidatorSet` reports and a PSA names), and the checks every next version must pass so that it stays
 * verifiable and live: the window rule of a chain link, unique ids and keys with derived key ids,
 * `min_jurisdictions ≤ threshold`, at least `threshold` active validators over `min_jurisdictions` jurisdictions, and
 * `threshold > active / 2` (any two quorums share a validator, so a fork or two conflicting PSAs always implicate one).
 *
 * @throws JilError `INVALID_ARGUMENT` with `details.field` and `details.rule` (`schema` with `details.fields`,
 *   `window`, `keys`, `min_jurisdictions`, `liveness`, `intersection`).
 */
export function buildNextValidatorSet(
  current: ValidatorSet | VerifiedValidatorSet,
  change: Change,
  options: NextValidatorSetOptions = {},
): ValidatorSet {
  const bad = (field: string, rule: string, message: string, extra: Record<string, unknown> = {}): never => {
    throw new JilError('INVALID_ARGUMENT', message, { details: { field, rule, ...extra } });
  };
  const set = currentSetOf(current);
  const date = (value: Date | undefined, field: string, fallback: string): string => {
    if (value === undefined) return fallback;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) bad(field, 'window', `${field} must be a valid Date`);
    return value.toISOString();
  };
  const validFrom = date(options.validFrom, 'validFrom', set.valid_from);
  const validUntil = date(options.validUntil, 'validUntil', set.valid_until);
  const next: ValidatorSet = {
    set_id: set.set_id,
    version: set.version + 1,
    threshold: change.threshold ?? set.threshold,
    min_jurisdictions: change.min_jurisdictions ?? set.min_jurisdictions,
    valid_from: validFrom,
    valid_until: validUntil,
    previous: { set_id: set.set_id, version: set.version, sha256: sha256Hex(canonicalBytes(set)) },
    validators: change.validators ?? set.validators,
  };
  const from = Date.parse(validFrom);
  if (from < Date.parse(set.valid_from) || from >= Date.parse(set.valid_until)) {
    bad('validFrom', 'window', `validFrom must lie inside the current window (${set.valid_from} – ${set.valid_until})`);
  }
  if (Date.parse(validUntil) <= from) bad('validUntil', 'window', 'validUntil must be after validFrom');
  indexValidatorKeys(next, (rule, message) => bad('validators', rule, message));
  if (next.min_jurisdictions > next.threshold)
    bad('minJurisdictions', 'min_jurisdictions', `min_jurisdictions ${next.min_jurisdictions} exceeds the threshold ${next.threshold}`);
  const active = next.validators.filter((v) => v.status === 'active');
  const jurisdictions = new Set(active.map((v) => v.jurisdiction)).size;
  if (active.length < next.threshold || jurisdictions < next.min_jurisdictions) {
    bad(
      'threshold',
      'liveness',
      `${active.length} active validators over ${jurisdictions} jurisdictions cannot reach threshold ${next.threshold} ` +
        `over ${next.min_jurisdictions}; the set could sign neither PSAs nor its next version`,
      {
        active: active.length,
        jurisdictions,
        threshold: next.threshold,
        min_jurisdictions: next.min_jurisdictions,
      },
    );
  }
  if (2 * next.threshold <= active.length) {
    bad(
      'threshold',
      'intersection',
      `threshold ${next.threshold} is not more than half of the ${active.length} active validators: ` +
        'two disjoint quorums could sign conflicting versions',
      {
        active: active.length,
        threshold: next.threshold,
      },
    );
  }
  return next;
}

/** The validator `id` of `set`, or `INVALID_ARGUMENT` (`details.field` `validatorId`, rule `unknown_validator` | `retired`). */
export function findValidator(set: ValidatorSet, id: unknown, options: { allowRetired?: boolean } = {}): Validator {
  const v = typeof id === 'string' ? set.validators.find((x) => x.id === id) : undefined;
  if (!v)
    throw new JilError(
      'INVALID_ARGUMENT',
      `no validator ${typeof id === 'string' ? id : '(not a string)'} in ${set.set_id} v${set.version}`,
      { details: { field: 'validatorId', rule: 'unknown_validator' } },
    );
  if (v.status === 'retired' && !options.allowRetired) {
    throw new JilError('INVALID_ARGUMENT', `validator ${v.id} is retired (revoked); retired validators stay retired`, {
      details: { field: 'validatorId', rule: 'retired' },
    });
  }
  return v;
}

/**
 * The validator set document of a builder's `set` argument (a document or a verified set), checked against the schema.
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `set`, rule `schema`, `details.fields`).
 */
export function currentSetOf(current: unknown): ValidatorSet {
  const parsed = ValidatorSetSchema.safeParse(isVerifiedValidatorSet(current) ? current.set : current);
  if (!parsed.success) {
    throw new JilError('INVALID_ARGUMENT', 'set is not a validator set document', {
      details: { field: 'set', rule: 'schema', fields: zodFieldIssues(parsed.error) },
    });
  }
  return parsed.data;
}
