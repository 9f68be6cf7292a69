import { canonicalBytes, JilError, sha256Hex } from '@jil/core';
import type { DsseSigner } from '@jil/core';
import { checkValidatorSetLink } from './checkValidatorSetLink.js';
import { decodeValidatorSet, indexValidatorKeys } from './decodeValidatorSet.js';
import { isVerifiedValidatorSet } from './isVerifiedValidatorSet.js';
import { signValidatorSet } from './signValidatorSet.js';
import { ValidatorSetSchema, type SignedValidatorSet, type ValidatorSet, type VerifiedValidatorSet } from './ValidatorSet.js';

/**
 * Sign the next version of a validator set with validators of the current one — "publish the next version"
 * (DESIGN.md §Validators and the quorum; docs/operations.md). The rule, the same as `verifyValidatorSetChain` applies:
 * a version is signed by at least the **previous** version's `threshold` of its **active** validators, each once, over
 * at least the previous version's `min_jurisdictions` (the quorum rule of a PSA: changing who may attest weighs at
 * least as much as one attestation), and by no other key. The new version's own new keys do not sign it: their
 * holders prove possession by signing PSAs once the version is live (docs/operations.md). The signed result is
 * checked as a chain link before it is returned, so what this returns is what verifiers accept.
 *
 * @param next the unsigned next version (`rotateValidatorKey`, `revokeValidator`, `changeThreshold`, `addValidator`).
 * @param signers Ed25519 signers (`embeddedValidatorFromSeed`, `createSigner`) — every one an active validator key of `previous`.
 * @param previous the current version (`verified.set`, or the verified set itself) that `next` follows.
 * @returns the signed next version (DSSE envelope, payload type `application/vnd.jil.validator-set.v1+json`).
 * @throws JilError `INVALID_ARGUMENT` (`details.field` `signers`, `details.culprits` = keyids that are not active keys of
 *   `previous`; `details.field` `previous` for a malformed set), or the link codes of `verifyValidatorSetChain`:
 *   `PSA_VALIDATOR_SET_INVALID`, `PSA_VALIDATOR_SET_CHAIN_BROKEN`, `PSA_VALIDATOR_SET_CHAIN_QUORUM` (too few signers or
 *   jurisdictions), `PSA_VALIDATOR_SET_CHAIN_VALIDITY`.
 * @example
 * import { embeddedValidatorFromSeed, revokeValidator, signNextValidatorSet } from '@jil/psa';
 * const next = revokeValidator(current.set, 'val-07');
 * const signed = signNextValidatorSet(next, seeds.map((s) => embeddedValidatorFromSeed(s.id, s.jurisdiction, s.seed)), current);
 */
export function signNextValidatorSet(
  next: ValidatorSet,
  signers: readonly DsseSigner[],
  previous: ValidatorSet | VerifiedValidatorSet,
): SignedValidatorSet {
  const authority = toVerified(previous);
  if (!Array.isArray(signers))
    throw new JilError('INVALID_ARGUMENT', 'signers must be an array of signers', { details: { field: 'signers' } });
  const culprits = signers
    .filter((s) => {
      const entry = authority.byKeyId.get(s?.keyid);
      return entry === undefined || entry.validator.status !== 'active';
    })
    .map((s) => String(s?.keyid));
  if (culprits.length > 0) {
    throw new JilError(
      'INVALID_ARGUMENT',
      `${culprits.length} signer(s) are not active validator keys of ${authority.set.set_id} v${authority.set.version}`,
      {
        details: { field: 'signers', culprits },
      },
    );
  }
  const signed = signValidatorSet(next, signers);
  checkValidatorSetLink(authority, decodeValidatorSet(signed, { index: 0 }, 'next validator set'), 0);
  return signed;
}

function toVerified(previous: ValidatorSet | VerifiedValidatorSet): VerifiedValidatorSet {
  if (isVerifiedValidatorSet(previous)) return previous;
  const parsed = ValidatorSetSchema.safeParse(previous);
  if (!parsed.success)
    throw new JilError('INVALID_ARGUMENT', 'previous is not a validator set document', { details: { field: 'previous' } });
  const byKeyId = indexValidatorKeys(parsed.data, (rule, message) => {
    throw new JilError('INVALID_ARGUMENT', `previous: ${message}`, { details: { field: 'previous', rule } });
  });
  return { set: parsed.data, sha256: sha256Hex(canonicalBytes(parsed.data)), byKeyId };
}
