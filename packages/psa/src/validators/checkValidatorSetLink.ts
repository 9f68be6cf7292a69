import { JilError } from '@jil/core';
import { verifyQuorum } from '../quorum/verifyQuorum.js';
import type { VerifiedValidatorSet } from './ValidatorSet.js';
import type { DecodedValidatorSet } from './decodeValidatorSet.js';

/**
 * Check one link of a validator-set chain (internal; DESIGN.md §Validators and the quorum): `next` names `previous`
 * (set id, version and SHA-256 of its RFC 8785 bytes), keeps the set id, has version `previous.version + 1`, is signed
 * by the threshold of `previous`'s active validators over its `min_jurisdictions` (and by no other key), and its
 * validity window starts inside `previous`'s: `previous.valid_from ≤ next.valid_from < previous.valid_until`.
 * Validity at the caller's `now` is not checked here (only the newest version of a chain must be valid now).
 *
 * @param index position of `next` in the caller's chain, reported as `details.index`.
 * @throws JilError `PSA_VALIDATOR_SET_CHAIN_BROKEN` (`details.rule` `previous` | `set_id` | `version`),
 *   `PSA_VALIDATOR_SET_CHAIN_QUORUM` (`details.quorum_code`, and `details.quorum` the signature check's details),
 *   `PSA_VALIDATOR_SET_CHAIN_VALIDITY` (`details.rule` `continuity`).
 */
export function checkValidatorSetLink(previous: VerifiedValidatorSet, next: DecodedValidatorSet, index: number): void {
  const p = previous.set;
  const n = next.set;
  const where = `validator set chain[${index}] (${n.set_id} v${n.version})`;
  const details = { index, set_id: n.set_id, version: n.version };
  const broken = (rule: string, message: string): never => {
    throw new JilError('PSA_VALIDATOR_SET_CHAIN_BROKEN', `${where}: ${message}`, { details: { ...details, rule } });
  };
  const ref = n.previous;
  if (!ref) broken('previous', `names no previous version; it does not follow ${p.set_id} v${p.version}`);
  else if (ref.set_id !== p.set_id || ref.version !== p.version || ref.sha256 !== previous.sha256) {
    broken(
      'previous',
      `names ${ref.set_id} v${ref.version}${ref.sha256 !== previous.sha256 ? ` (sha256 ${ref.sha256.slice(0, 12)}…)` : ''}, ` +
        `not the version before it, ${p.set_id} v${p.version} (sha256 ${previous.sha256.slice(0, 12)}…)`,
    );
  }
  if (n.set_id !== p.set_id) broken('set_id', `changes the set id from ${p.set_id}`);
  if (n.version !== p.version + 1) broken('version', `version must be ${p.version + 1}, one more than the previous version`);
  const quorum = verifyQuorum(next.envelope, next.payloadBytes, previous);
  if (!quorum.valid) {
    throw new JilError('PSA_VALIDATOR_SET_CHAIN_QUORUM', `${where}: not signed by the quorum of v${p.version}: ${quorum.message}`, {
      details: { ...details, rule: 'signatures', quorum_code: quorum.code, quorum_check: quorum.check, quorum: quorum.details },
    });
  }
  const from = Date.parse(n.valid_from);
  if (from < Date.parse(p.valid_from) || from >= Date.parse(p.valid_until)) {
    throw new JilError(
      'PSA_VALIDATOR_SET_CHAIN_VALIDITY',
      `${where}: valid_from ${n.valid_from} is outside the window of v${p.version} (${p.valid_from} – ${p.valid_until})`,
      {
        details: { ...details, rule: 'continuity' },
      },
    );
  }
}
