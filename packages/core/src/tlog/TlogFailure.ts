import type { ErrorCode } from '../errors/codes.js';
import type { VerificationFailure } from '../verify/VerificationResult.js';

/**
 * The checks of the transparency-log verifiers. Each failure names exactly one, with its error code:
 * - `note`: the signed note does not parse (c2sp.org/signed-note) — `TLOG_MALFORMED`;
 * - `signature`: a signature from a known key does not verify — `TLOG_BAD_SIGNATURE`;
 * - `signer`: no signature from a known key (for checkpoints: a log key) — `TLOG_NOTE_UNVERIFIED`;
 * - `checkpoint`: the note text is not a checkpoint (c2sp.org/tlog-checkpoint) — `TLOG_MALFORMED`;
 * - `origin`: the checkpoint is for another log — `TLOG_UNKNOWN_ORIGIN`;
 * - `witnesses`: too few known witnesses cosigned — `TLOG_WITNESS_THRESHOLD_NOT_MET`;
 * - `proof`: the tlog-proof text does not parse (c2sp.org/tlog-proof) — `TLOG_MALFORMED`;
 * - `inclusion`: the inclusion proof does not verify (RFC 9162 §2.1.3.2) — `TLOG_INCLUSION_INVALID`;
 * - `consistency`: the consistency proof does not verify (RFC 9162 §2.1.4.2) — `TLOG_CONSISTENCY_INVALID`.
 */
export const TLOG_CHECKS = [
  'note',
  'signature',
  'signer',
  'checkpoint',
  'origin',
  'witnesses',
  'proof',
  'inclusion',
  'consistency',
] as const;

/** One of {@link TLOG_CHECKS}. */
export type TlogCheck = (typeof TLOG_CHECKS)[number];

/**
 * A failed transparency-log verification: the check that failed, its `JilError` code, a short secret-free message
 * and structured details (sizes, index, key name and ID) — the shared {@link VerificationFailure} of `@jil/core`.
 * Verifiers return it instead of throwing.
 * @example
 * import { verifyInclusion } from '@jil/core/tlog';
 * const r = verifyInclusion({ index, treeSize, leafHash, proof, rootHash });
 * if (!r.valid) console.error(r.check, r.code, r.message, r.details);
 */
export interface TlogFailure extends VerificationFailure<TlogCheck> {
  valid: false;
  /** Which check failed. */
  check: TlogCheck;
  /** The error code (HTTP status from `HTTP_STATUS_BY_CODE`). */
  code: ErrorCode;
  /** Short reason, no secrets. */
  message: string;
  /** Structured context. */
  details: Record<string, unknown>;
}

/** Internal: builds a {@link TlogFailure}. */
export function tlogFailure(check: TlogCheck, code: ErrorCode, message: string, details: Record<string, unknown> = {}): TlogFailure {
  return { valid: false, check, code, message, details };
}
