import type { EmbeddedValidator } from '../validators/embeddedValidators.js';
import type { ValidatorSet } from '../validators/ValidatorSet.js';
import { requireArray, requireRecord } from '../internal/requireArgument.js';
import { JilError } from '@jil/core';

/**
 * Choose which embedded validators sign: walking the validators from `offset` (rotating, so the load
 * spreads), first one per jurisdiction until `min_jurisdictions` is met, then any others until
 * `threshold`. Only validators `active` in `set` are chosen.
 * @throws JilError `QUORUM_NOT_MET` when the active validators cannot meet threshold and spread; `INVALID_ARGUMENT`
 *   (`details.field`) when `validators` is not an array of validators, `set` not a validator set or `offset` not a
 *   non-negative integer.
 */
export function selectQuorum(validators: readonly EmbeddedValidator[], set: ValidatorSet, offset = 0): EmbeddedValidator[] {
  requireArray(validators, 'validators');
  validators.forEach((v, i) => {
    requireRecord(v, `validators[${i}]`);
  });
  requireRecord(set, 'set');
  requireArray(set.validators, 'set.validators');
  set.validators.forEach((v, i) => {
    requireRecord(v, `set.validators[${i}]`);
  });
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new JilError('INVALID_ARGUMENT', 'offset must be a non-negative integer', { details: { field: 'offset' } });
  const active = new Set(set.validators.filter((v) => v.status === 'active').map((v) => v.id));
  const n = validators.length;
  const order = Array.from({ length: n }, (_, i) => validators[(i + offset) % n]!).filter((v) => active.has(v.id));
  const chosen: EmbeddedValidator[] = [];
  const jurisdictions = new Set<string>();
  for (const v of order) {
    if (jurisdictions.size >= set.min_jurisdictions) break;
    if (!jurisdictions.has(v.jurisdiction)) {
      jurisdictions.add(v.jurisdiction);
      chosen.push(v);
    }
  }
  for (const v of order) {
    if (chosen.length >= set.threshold) break;
    if (!chosen.includes(v)) chosen.push(v);
  }
  if (chosen.length < set.threshold || jurisdictions.size < set.min_jurisdictions) {
    throw new JilError(
      'QUORUM_NOT_MET',
      `only ${chosen.length} active validators over ${jurisdictions.size} jurisdictions; need ${set.threshold} over ` +
        `${set.min_jurisdictions}`,
      {
        details: {
          available: chosen.length,
          jurisdictions: jurisdictions.size,
          threshold: set.threshold,
          min_jurisdictions: set.min_jurisdictions,
        },
      },
    );
  }
  return chosen;
}
