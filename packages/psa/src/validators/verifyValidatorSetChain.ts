import { JilError } from '@jil/core';
import { verifyQuorum } from '../quorum/verifyQuorum.js';
import { checkValidatorSetLink } from './checkValidatorSetLink.js';
import { decodeValidatorSet } from './decodeValidatorSet.js';
import { isVerifiedValidatorSet } from './isVerifiedValidatorSet.js';
import type { VerifiedValidatorSet } from './ValidatorSet.js';

/** Options of {@link verifyValidatorSetChain}. */
export interface VerifyValidatorSetChainOptions {
  /** The caller's clock: the newest version reached must satisfy `valid_from ≤ now < valid_until`. */
  now: Date;
}

/**
 * Follow a validator set from the version the caller pinned through the newer versions the operator published, and
 * return the newest (DESIGN.md §Validator set, §Validators and the quorum; docs/operations.md).
 *
 * The pin is the trust anchor: its form is checked, and a genesis pin (no `previous`) must carry its own quorum, but
 * a pinned later version is trusted as pinned (its signatures were checked by the walk that adopted it; a forged pin
 * could as well be a forged genesis). Then each `chain[i]`, in order, must
 * - be a well-formed set document (`PSA_VALIDATOR_SET_INVALID`, `details.rule`);
 * - name the version before it in `previous`: same set id, its version and the SHA-256 of its RFC 8785 bytes — the
 *   `sha256` a PSA's `validator_set` names — keep the set id and have exactly version + 1 (`PSA_VALIDATOR_SET_CHAIN_BROKEN`);
 * - be signed by at least the previous version's `threshold` of its **active** validators, distinct, over its
 *   `min_jurisdictions`, and by no other key: a version signed by its own new keys alone, or by a revoked validator,
 *   does not follow (`PSA_VALIDATOR_SET_CHAIN_QUORUM`, `details.quorum_code`);
 * - start inside the previous version's window, `previous.valid_from ≤ valid_from < previous.valid_until`, so expired
 *   keys cannot extend a chain after the fact (`PSA_VALIDATOR_SET_CHAIN_VALIDITY`, rule `continuity`).
 * Only the newest version must be valid at `now` (rule `now`; for an empty chain, `PSA_VALIDATOR_SET_INVALID` rule
 * `validity` as in {@link verifyValidatorSet}); older versions may have expired since.
 *
 * Forks: two different versions N+1 that both follow version N are each accepted — the verifier follows whichever
 * chain it is given, and a chain mixing two forks breaks (`PSA_VALIDATOR_SET_CHAIN_BROKEN`). A quorum that signs two
 * successors has equivocated; monitors should compare what operators publish (docs/operations.md).
 *
 * @param pinned the pinned set: its signed document (DSSE envelope) or a {@link VerifiedValidatorSet}.
 * @param chain the signed versions after the pin, oldest first (may be empty); untrusted input.
 * @param options `{ now }`.
 * @returns the newest version reached, verified, with its sha256 and keyid index.
 * @throws JilError `PSA_VALIDATOR_SET_INVALID`, `PSA_VALIDATOR_SET_CHAIN_BROKEN`, `PSA_VALIDATOR_SET_CHAIN_QUORUM` or
 *   `PSA_VALIDATOR_SET_CHAIN_VALIDITY`; chain errors name the link in `details.index` (position in `chain`) and
 *   `details.version`. `INVALID_ARGUMENT` when `chain` is not an array or `now` not a valid Date.
 * @example
 * import { verifyValidatorSetChain } from '@jil/psa/verify';
 * const newest = verifyValidatorSetChain(pinnedV1, [v2, v3], { now: new Date() });
 * newest.set.version; // 3 — pin it from now on
 */
export function verifyValidatorSetChain(
  pinned: unknown,
  chain: readonly unknown[],
  options: VerifyValidatorSetChainOptions,
): VerifiedValidatorSet {
  if (!(options?.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new JilError('INVALID_ARGUMENT', 'options.now must be a valid Date', { details: { field: 'now' } });
  }
  if (!Array.isArray(chain))
    throw new JilError('INVALID_ARGUMENT', 'chain must be an array of signed validator sets', { details: { field: 'chain' } });
  let current = isVerifiedValidatorSet(pinned) ? pinned : verifyPin(pinned);
  for (const [index, signed] of chain.entries()) {
    const next = decodeValidatorSet(signed, { index }, `validator set chain[${index}]`);
    checkValidatorSetLink(current, next, index);
    current = { set: next.set, sha256: next.sha256, byKeyId: next.byKeyId };
  }
  const { set } = current;
  const now = options.now.getTime();
  if (now < Date.parse(set.valid_from) || now >= Date.parse(set.valid_until)) {
    const message = now < Date.parse(set.valid_from) ? `not valid before ${set.valid_from}` : `expired at ${set.valid_until}`;
    if (chain.length === 0) throw new JilError('PSA_VALIDATOR_SET_INVALID', `validator set: ${message}`, { details: { rule: 'validity' } });
    const index = chain.length - 1;
    throw new JilError(
      'PSA_VALIDATOR_SET_CHAIN_VALIDITY',
      `validator set chain[${index}] (${set.set_id} v${set.version}), the newest: ${message}`,
      {
        details: { index, set_id: set.set_id, version: set.version, rule: 'now' },
      },
    );
  }
  return current;
}

function verifyPin(pinned: unknown): VerifiedValidatorSet {
  const decoded = decodeValidatorSet(pinned, { pinned: true }, 'pinned validator set');
  if (decoded.set.previous === undefined) {
    const quorum = verifyQuorum(decoded.envelope, decoded.payloadBytes, decoded);
    if (!quorum.valid) {
      throw new JilError('PSA_VALIDATOR_SET_INVALID', `pinned validator set: own quorum: ${quorum.message}`, {
        details: { pinned: true, rule: 'signatures', quorum_code: quorum.code },
      });
    }
  }
  return { set: decoded.set, sha256: decoded.sha256, byKeyId: decoded.byKeyId };
}
