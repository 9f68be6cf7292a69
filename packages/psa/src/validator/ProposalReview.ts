import type { ErrorCode } from '@jil/core';
import type { PsaBody } from '../psa/PsaBody.js';

/** A proposal the validator accepts: the checked body and the exact payload bytes (RFC 8785) it signs. */
export interface ProposalAccepted {
  ok: true;
  body: PsaBody;
  /** JCS of the proposal as received; the validator signs `PAE(PSA_PAYLOAD_TYPE, payloadBytes)`. */
  payloadBytes: Uint8Array;
}

/** A proposal the validator refuses, with a coded reason (docs/validators.md §Refusals). */
export interface ProposalRefused {
  ok: false;
  code: Extract<
    ErrorCode,
    'VALIDATOR_PROPOSAL_INVALID' | 'VALIDATOR_SNAPSHOT_MISMATCH' | 'VALIDATOR_STALE_LISTS' | 'VALIDATOR_FINDINGS_DIFFER'
  >;
  message: string;
  /** Secret-free details: `field`/`fields`, or `stage` and `reason` for differing findings. */
  details: Record<string, unknown>;
}

/** What `ProposalReviewer.review` returns. */
export type ProposalReview = ProposalAccepted | ProposalRefused;

/** Build a {@link ProposalRefused}. */
export function refuse(code: ProposalRefused['code'], message: string, details: Record<string, unknown>): ProposalRefused {
  return { ok: false, code, message, details };
}
