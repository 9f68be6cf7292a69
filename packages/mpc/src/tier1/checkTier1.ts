import { sha256Hex, type ErrorCode } from '@jil/core';
import { verifyPsa } from '@jil/psa/verify';

/** Inputs of {@link checkTier1}. */
export interface CheckTier1Parameters {
  /** The exact bytes the group signature would cover (the unsigned transaction). */
  message: Uint8Array;
  /** The PSA envelope offered with the signing request (untrusted JSON). */
  psa: unknown;
  /** The pinned validator set (signed document or verified set), as for `verifyPsa`. */
  validatorSet: unknown;
  /** The cosigner's clock. */
  now: Date;
  /** PSA ids already used for a co-signature: a PSA authorizes one signature. */
  consumed?: { has(psaId: string): boolean };
}

/** Outcome of {@link checkTier1}: allowed, or refused with a code from the closed list and the reason. */
export type Tier1Decision =
  | { allowed: true; psaId: string; txPreimageHash: string }
  | { allowed: false; code: ErrorCode; message: string; details: Record<string, unknown> };

/**
 * Tier 1 co-signing policy (DESIGN.md §FROST co-signing): JIL's share may sign `message` only when
 * SHA-256(message) equals the `tx_preimage_hash` of a PSA whose `tx_preimage_hash_alg` is `sha256` (or absent, as in PSAs
 * issued before issue 13) and that verifies offline against the pinned validator set
 * (quorum, jurisdictions, signatures — `@jil/psa` `verifyPsa`), is inside its validity window at `now`, has the
 * verdict `pass`, and was not used for a co-signature before. Pure: no I/O, clock passed in.
 *
 * Refusal codes: every `PSA_*` code of `verifyPsa` (e.g. `PSA_EXPIRED`, `PSA_PREIMAGE_MISMATCH` when the hash differs
 * or the PSA is not bound to a transaction, `PSA_THRESHOLD_NOT_MET`), `TIER1_VERDICT_NOT_PASS` for `flag` / `fail`,
 * `PSA_CONSUMED` for a PSA already used; `details.check` names the failed verification check; `INVALID_ARGUMENT`
 * (`details.field`) when `p` is not an object, `message` not a Uint8Array or `consumed` has no `has`. Never throws.
 * @example
 * import { checkTier1 } from '@jil/mpc';
 * const d = checkTier1({ message: unsignedTx, psa, validatorSet: pinned, now: new Date() });
 * if (!d.allowed) console.log(d.code, d.message);
 */
export function checkTier1(p: CheckTier1Parameters): Tier1Decision {
  if (typeof p !== 'object' || p === null)
    return { allowed: false, code: 'INVALID_ARGUMENT', message: 'parameters must be an object', details: { field: 'params' } };
  if (p.consumed !== undefined && typeof p.consumed?.has !== 'function')
    return { allowed: false, code: 'INVALID_ARGUMENT', message: 'consumed must have a has(psaId) method', details: { field: 'consumed' } };
  if (!(p.message instanceof Uint8Array))
    return { allowed: false, code: 'INVALID_ARGUMENT', message: 'message must be a Uint8Array', details: { field: 'message' } };
  if (p.psa === undefined || p.psa === null)
    return {
      allowed: false,
      code: 'PSA_ENVELOPE_MALFORMED',
      message: 'Tier 1 co-signing needs a PSA with the signing request',
      details: { check: 'envelope' },
    };
  const txPreimageHash = sha256Hex(p.message);
  // The binding must name SHA-256: the same 32 bytes under keccak256 would bind another transaction.
  const r = verifyPsa(p.psa, {
    validatorSet: p.validatorSet,
    now: p.now,
    expect: { tx_preimage_hash: txPreimageHash, tx_preimage_hash_alg: 'sha256' },
  });
  if (!r.valid) return { allowed: false, code: r.code, message: r.message, details: { check: r.check } };
  if (r.body.verdict !== 'pass')
    return {
      allowed: false,
      code: 'TIER1_VERDICT_NOT_PASS',
      message: `PSA verdict is ${r.body.verdict}, not pass`,
      details: { verdict: r.body.verdict, psa_id: r.body.psa_id },
    };
  if (p.consumed?.has(r.body.psa_id))
    return {
      allowed: false,
      code: 'PSA_CONSUMED',
      message: 'this PSA already authorized a co-signature',
      details: { psa_id: r.body.psa_id },
    };
  return { allowed: true, psaId: r.body.psa_id, txPreimageHash };
}
