import { JilError, pae, verifyDsseSignatures, type DsseEnvelope, type ErrorCode, type VerificationFailure } from '@jil/core';
import { isVerifiedValidatorSet } from '../validators/isVerifiedValidatorSet.js';
import { VALIDATOR_KEY_SUITES } from '../validators/validatorKeySuites.js';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';

/** A signer whose signature verified. */
export interface QuorumSigner {
  keyid: string;
  validator_id: string;
  jurisdiction: string;
}

/** The checks of {@link verifyQuorum} (checks of `verifyPsa`'s `PSA_CHECKS`). */
type QuorumCheck = 'signatures' | 'threshold' | 'jurisdictions';

/** A failed {@link verifyQuorum}: `@jil/core`'s `VerificationFailure` with `details`. */
type QuorumFailure = VerificationFailure<QuorumCheck> & {
  /** @deprecated use `valid` (the shared verifier result shape); `ok` is always equal to `valid`. */
  ok: false;
  details: Record<string, unknown>;
};

/**
 * Result of {@link verifyQuorum}: the signers, or the first failing rule. `valid` is the shared verifier field of
 * `@jil/core`'s `VerificationResult`; `ok` (deprecated) carries the same value.
 */
export type VerifyQuorumResult =
  | {
      valid: true;
      /** @deprecated use `valid`. */
      ok: true;
      signers: QuorumSigner[];
      jurisdictions: string[];
    }
  | QuorumFailure;

/**
 * Check every signature of a DSSE envelope against a validator set: each must come from a known
 * (`PSA_UNKNOWN_SIGNER`), active (`PSA_INACTIVE_SIGNER`), distinct (`PSA_DUPLICATE_SIGNER`, by keyid and
 * by validator) key and verify over `PAE(payloadType, payload)` with the suite its key declares (`PSA_BAD_SIGNATURE`:
 * Ed25519 64 bytes; composite ML-DSA-65 + Ed25519 3373 bytes with both halves valid — a composite signature stripped
 * to its 64-byte Ed25519 half fails); then at least
 * `threshold` signers (`PSA_THRESHOLD_NOT_MET`) from at least `min_jurisdictions` jurisdictions
 * (`PSA_JURISDICTIONS_NOT_MET`). One bad signature fails the whole envelope (no 1-of-n acceptance).
 * The signature loop is `@jil/core`'s `verifyDsseSignatures` with the validator set as key policy.
 * Fails closed; never throws for bad input signatures.
 * @throws JilError `INVALID_ARGUMENT` (details.field) when `envelope` is not envelope-shaped, `payloadBytes` is not a
 *   Uint8Array or `set` was not made by `verifyValidatorSet`.
 */
export function verifyQuorum(envelope: DsseEnvelope, payloadBytes: Uint8Array, set: VerifiedValidatorSet): VerifyQuorumResult {
  // a cheap shape check (callers such as verifyPsa have checked the envelope fully; signatures are checked one by one below)
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    typeof envelope.payloadType !== 'string' ||
    !Array.isArray(envelope.signatures)
  ) {
    throw new JilError('INVALID_ARGUMENT', 'envelope must be a DSSE envelope', { details: { field: 'envelope' } });
  }
  if (!(payloadBytes instanceof Uint8Array))
    throw new JilError('INVALID_ARGUMENT', 'payloadBytes must be a Uint8Array', { details: { field: 'payloadBytes' } });
  if (!isVerifiedValidatorSet(set))
    throw new JilError('INVALID_ARGUMENT', 'set must be a verified validator set (verifyValidatorSet)', { details: { field: 'set' } });
  const notPair = (index: number): QuorumFailure =>
    fail('signatures', 'PSA_BAD_SIGNATURE', `signature ${index} is not { keyid, sig } strings`, { index });
  const seenKeys = new Set<string>();
  const seenValidators = new Set<string>();
  const checked = verifyDsseSignatures<QuorumSigner, QuorumFailure>(
    { pae: pae(envelope.payloadType, payloadBytes), signatures: envelope.signatures },
    {
      key: ({ keyid, sig }, index) => {
        if (typeof sig !== 'string') return notPair(index);
        const entry = set.byKeyId.get(keyid);
        if (!entry)
          return fail(
            'signatures',
            'PSA_UNKNOWN_SIGNER',
            `signature ${index} is from keyid ${keyid.slice(0, 16)}… which is not in the pinned validator set`,
            { index, keyid },
          );
        if (entry.validator.status !== 'active')
          return fail(
            'signatures',
            'PSA_INACTIVE_SIGNER',
            `signature ${index} is from validator ${entry.validator.id}, which is ${entry.validator.status}`,
            { index, validator_id: entry.validator.id },
          );
        if (seenKeys.has(keyid) || seenValidators.has(entry.validator.id))
          return fail('signatures', 'PSA_DUPLICATE_SIGNER', `validator ${entry.validator.id} signed more than once`, {
            index,
            validator_id: entry.validator.id,
          });
        seenKeys.add(keyid);
        seenValidators.add(entry.validator.id);
        const alg = entry.validator.keys.find((k) => k.keyid === keyid)?.alg;
        const suite = alg === undefined ? undefined : VALIDATOR_KEY_SUITES[alg];
        const signer: QuorumSigner = { keyid, validator_id: entry.validator.id, jurisdiction: entry.validator.jurisdiction };
        // no suite: a length no signature has, so the signature fails as PSA_BAD_SIGNATURE
        if (suite === undefined) return { publicKey: entry.publicKey, signatureBytes: -1, verify: () => false, signer };
        return {
          publicKey: entry.publicKey,
          signatureBytes: suite.signatureBytes,
          publicKeyBytes: suite.publicKeyBytes,
          verify: suite.verify,
          signer,
        };
      },
      invalid: (fault, index, key) => {
        if (fault === 'shape' || key === undefined) return notPair(index);
        const id = key.signer.validator_id;
        return fail(
          'signatures',
          'PSA_BAD_SIGNATURE',
          `signature ${index} (${id}) ${fault === 'encoding' ? 'is not base64' : 'does not verify'}`,
          { index, validator_id: id },
        );
      },
    },
  );
  if (!checked.valid) return checked;
  const signers = checked.signers;
  const { threshold, min_jurisdictions } = set.set;
  if (signers.length < threshold)
    return fail('threshold', 'PSA_THRESHOLD_NOT_MET', `${signers.length} valid signatures, threshold is ${threshold}`, {
      valid: signers.length,
      threshold,
    });
  const jurisdictions = [...new Set(signers.map((s) => s.jurisdiction))].sort();
  if (jurisdictions.length < min_jurisdictions)
    return fail(
      'jurisdictions',
      'PSA_JURISDICTIONS_NOT_MET',
      `signatures span ${jurisdictions.length} jurisdictions, ${min_jurisdictions} required`,
      { jurisdictions, min_jurisdictions },
    );
  return { valid: true, ok: true, signers, jurisdictions };
}

function fail(check: QuorumCheck, code: ErrorCode, message: string, details: Record<string, unknown>): QuorumFailure {
  return { valid: false, ok: false, check, code, message, details };
}
