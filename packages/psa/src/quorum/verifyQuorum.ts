import { base64Decode, JilError, pae, type DsseEnvelope, type ErrorCode } from '@jil/core';
import { isVerifiedValidatorSet } from '../validators/isVerifiedValidatorSet.js';
import { VALIDATOR_KEY_SUITES } from '../validators/validatorKeySuites.js';
import type { VerifiedValidatorSet } from '../validators/ValidatorSet.js';

/** A signer whose signature verified. */
export interface QuorumSigner {
  keyid: string;
  validator_id: string;
  jurisdiction: string;
}

/** Result of {@link verifyQuorum}: the signers, or the first failing rule. */
export type VerifyQuorumResult =
  | { ok: true; signers: QuorumSigner[]; jurisdictions: string[] }
  | { ok: false; check: 'signatures' | 'threshold' | 'jurisdictions'; code: ErrorCode; message: string; details: Record<string, unknown> };

/**
 * Check every signature of a DSSE envelope against a validator set: each must come from a known
 * (`PSA_UNKNOWN_SIGNER`), active (`PSA_INACTIVE_SIGNER`), distinct (`PSA_DUPLICATE_SIGNER`, by keyid and
 * by validator) key and verify over `PAE(payloadType, payload)` with the suite its key declares (`PSA_BAD_SIGNATURE`:
 * Ed25519 64 bytes; composite ML-DSA-65 + Ed25519 3373 bytes with both halves valid — a composite signature stripped
 * to its 64-byte Ed25519 half fails); then at least
 * `threshold` signers (`PSA_THRESHOLD_NOT_MET`) from at least `min_jurisdictions` jurisdictions
 * (`PSA_JURISDICTIONS_NOT_MET`). One bad signature fails the whole envelope (no 1-of-n acceptance).
 * Fails closed; never throws for bad input signatures.
 * @throws JilError `INVALID_ARGUMENT` (details.field) when `envelope` is not envelope-shaped, `payloadBytes` is not a
 *   Uint8Array or `set` was not made by `verifyValidatorSet`.
 */
export function verifyQuorum(envelope: DsseEnvelope, payloadBytes: Uint8Array, set: VerifiedValidatorSet): VerifyQuorumResult {
  // a cheap shape check (callers such as verifyPsa have checked the envelope fully; signatures are checked one by one below)
  if (typeof envelope !== 'object' || envelope === null || typeof envelope.payloadType !== 'string' || !Array.isArray(envelope.signatures)) {
    throw new JilError('INVALID_ARGUMENT', 'envelope must be a DSSE envelope', { details: { field: 'envelope' } });
  }
  if (!(payloadBytes instanceof Uint8Array)) throw new JilError('INVALID_ARGUMENT', 'payloadBytes must be a Uint8Array', { details: { field: 'payloadBytes' } });
  if (!isVerifiedValidatorSet(set)) throw new JilError('INVALID_ARGUMENT', 'set must be a verified validator set (verifyValidatorSet)', { details: { field: 'set' } });
  const message = pae(envelope.payloadType, payloadBytes);
  const seenKeys = new Set<string>();
  const seenValidators = new Set<string>();
  const signers: QuorumSigner[] = [];
  for (const [index, s] of envelope.signatures.entries()) {
    if (typeof s !== 'object' || s === null || typeof s.keyid !== 'string' || typeof s.sig !== 'string') {
      return fail('signatures', 'PSA_BAD_SIGNATURE', `signature ${index} is not { keyid, sig } strings`, { index });
    }
    const entry = set.byKeyId.get(s.keyid);
    if (!entry) return fail('signatures', 'PSA_UNKNOWN_SIGNER', `signature ${index} is from keyid ${s.keyid.slice(0, 16)}… which is not in the pinned validator set`, { index, keyid: s.keyid });
    if (entry.validator.status !== 'active') return fail('signatures', 'PSA_INACTIVE_SIGNER', `signature ${index} is from validator ${entry.validator.id}, which is ${entry.validator.status}`, { index, validator_id: entry.validator.id });
    if (seenKeys.has(s.keyid) || seenValidators.has(entry.validator.id)) return fail('signatures', 'PSA_DUPLICATE_SIGNER', `validator ${entry.validator.id} signed more than once`, { index, validator_id: entry.validator.id });
    seenKeys.add(s.keyid);
    seenValidators.add(entry.validator.id);
    let sig: Uint8Array;
    try {
      sig = base64Decode(s.sig);
    } catch {
      return fail('signatures', 'PSA_BAD_SIGNATURE', `signature ${index} (${entry.validator.id}) is not base64`, { index, validator_id: entry.validator.id });
    }
    const alg = entry.validator.keys.find((k) => k.keyid === s.keyid)?.alg;
    const suite = alg === undefined ? undefined : VALIDATOR_KEY_SUITES[alg];
    if (suite === undefined || sig.length !== suite.signatureBytes || entry.publicKey.length !== suite.publicKeyBytes || !suite.verify(sig, message, entry.publicKey)) {
      return fail('signatures', 'PSA_BAD_SIGNATURE', `signature ${index} (${entry.validator.id}) does not verify`, { index, validator_id: entry.validator.id });
    }
    signers.push({ keyid: s.keyid, validator_id: entry.validator.id, jurisdiction: entry.validator.jurisdiction });
  }
  const { threshold, min_jurisdictions } = set.set;
  if (signers.length < threshold) return fail('threshold', 'PSA_THRESHOLD_NOT_MET', `${signers.length} valid signatures, threshold is ${threshold}`, { valid: signers.length, threshold });
  const jurisdictions = [...new Set(signers.map((s) => s.jurisdiction))].sort();
  if (jurisdictions.length < min_jurisdictions) return fail('jurisdictions', 'PSA_JURISDICTIONS_NOT_MET', `signatures span ${jurisdictions.length} jurisdictions, ${min_jurisdictions} required`, { jurisdictions, min_jurisdictions });
  return { ok: true, signers, jurisdictions };
}

function fail(check: 'signatures' | 'threshold' | 'jurisdictions', code: ErrorCode, message: string, details: Record<string, unknown>): VerifyQuorumResult {
  return { ok: false, check, code, message, details };
}
