import type { DsseEnvelope } from '@jil/core';

/**
 * Why the callback answered as it did:
 * `pass` / `fail` / `flag` — a valid PSA bound to the signing hash with that verdict;
 * `outage` — JIL unreachable, timed out or answered 5xx / 429 (policy `onOutage`);
 * `psa_invalid` — the PSA JIL returned failed offline verification (always `REJECT`);
 * `jil_refused` — JIL refused the request with a 4xx (always `REJECT`);
 * `tx_mismatch` — `rawTx` does not match the request (destination, amount, chain, signing hash);
 * `unsupported` — an operation, asset or transaction shape the callback does not screen (always `REJECT`).
 */
export type DecisionOutcome = 'pass' | 'fail' | 'flag' | 'outage' | 'psa_invalid' | 'jil_refused' | 'tx_mismatch' | 'unsupported';

/** The callback's decision on one `tx_sign_request`, with the PSA it rests on when there is one. */
export interface Decision {
  action: 'APPROVE' | 'REJECT';
  outcome: DecisionOutcome;
  /** With `REJECT`: the reason sent to the co-signer (PSA id and deciding hits for `fail`). */
  rejectionReason?: string;
  /** Why, in words, also for an `APPROVE` (stored, not sent). */
  note: string;
  /** The signing hash the PSA was requested for (hex, keccak256 of the unsigned transaction). */
  txPreimageHash?: string;
  /** The PSA JIL returned, when it returned one. */
  psa?: { psa_id: string; verdict: string; envelope: DsseEnvelope };
}
