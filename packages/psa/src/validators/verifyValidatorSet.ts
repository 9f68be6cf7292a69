import { JilError } from '@jil/core';
import { verifyQuorum } from '../quorum/verifyQuorum.js';
import { checkValidatorSetLink } from './checkValidatorSetLink.js';
import { decodeValidatorSet } from './decodeValidatorSet.js';
import type { VerifiedValidatorSet } from './ValidatorSet.js';

/** Options of {@link verifyValidatorSet}. */
export interface VerifyValidatorSetOptions {
  /** The caller's clock; the set must satisfy `valid_from ≤ now < valid_until`. */
  now: Date;
  /**
   * The verified set this one follows; without it the set must be a genesis set signed by its own quorum. With it,
   * this is one link of {@link verifyValidatorSetChain} (which follows any number of versions from a pin).
   */
  previous?: VerifiedValidatorSet;
}

/**
 * Verify one signed validator set (DSSE envelope): shape, payload type, canonical payload bytes (RFC 8785),
 * schema, that every `keyid` is derived from its key, unique validator ids and keys, a quorum of signatures
 * (its own for a genesis set; with `options.previous`, the previous version's — see {@link verifyValidatorSetChain}
 * for the rules of a link) and the validity window at `now`.
 *
 * @param signed the pinned document, as stored in `.jil/validator-set.json` or shipped by the operator.
 * @param options `{ now, previous? }`.
 * @returns the set, its sha256 (hex SHA-256 of the payload bytes) and a keyid index.
 * @throws JilError `PSA_VALIDATOR_SET_INVALID` naming the failed rule in `details.rule` (`envelope`, `payload_type`,
 *   `payload`, `canonical`, `schema`, `keys`, `keyid`, `unique_ids`, `unique_keys`, `threshold`, `signatures`,
 *   `validity`); with `options.previous` the link codes `PSA_VALIDATOR_SET_CHAIN_BROKEN`, `PSA_VALIDATOR_SET_CHAIN_QUORUM`,
 *   `PSA_VALIDATOR_SET_CHAIN_VALIDITY` (`details.index` 0).
 * @see DESIGN.md §Validator set; docs/operations.md
 * @example
 * import { verifyValidatorSet } from '@jil/psa/verify';
 * const pinned = verifyValidatorSet(JSON.parse(text), { now: new Date() });
 * pinned.set.threshold; // 14
 */
export function verifyValidatorSet(signed: unknown, options: VerifyValidatorSetOptions): VerifiedValidatorSet {
  const decoded = decodeValidatorSet(signed);
  const { set } = decoded;
  if (options.previous) {
    checkValidatorSetLink(options.previous, decoded, 0);
  } else {
    const quorum = verifyQuorum(decoded.envelope, decoded.payloadBytes, decoded);
    if (!quorum.valid) {
      throw new JilError('PSA_VALIDATOR_SET_INVALID', `validator set: own quorum: ${quorum.message}`, {
        details: { rule: 'signatures', quorum_code: quorum.code },
      });
    }
  }
  assertValidAt(set, options.now);
  return { set, sha256: decoded.sha256, byKeyId: decoded.byKeyId };
}

/** `valid_from ≤ now < valid_until`, else `PSA_VALIDATOR_SET_INVALID` rule `validity`. */
function assertValidAt(set: VerifiedValidatorSet['set'], now: Date): void {
  const t = now.getTime();
  const bad = (message: string): never => {
    throw new JilError('PSA_VALIDATOR_SET_INVALID', `validator set: ${message}`, { details: { rule: 'validity' } });
  };
  if (t < Date.parse(set.valid_from)) bad(`not valid before ${set.valid_from}`);
  if (t >= Date.parse(set.valid_until)) bad(`expired at ${set.valid_until}`);
}
