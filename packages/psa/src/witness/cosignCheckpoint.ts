import { JilError, type ErrorCode } from '@jil/core';
import {
  createNoteSignature,
  openCheckpoint,
  verifyConsistency,
  type Checkpoint,
  type NoteSignature,
  type NoteSignerKey,
  type NoteVerifierKey,
} from '@jil/core/tlog';
import { constantTimeEqual } from '@jil/core';

/** The tree a witness last cosigned: its size and root hash. */
export interface WitnessedTree {
  size: number;
  rootHash: Uint8Array;
}

/** Input of {@link cosignCheckpoint}: one add-checkpoint request as c2sp.org/tlog-witness describes it. */
export interface CosignCheckpointParameters {
  /** The log's signed checkpoint (signed note), untrusted. */
  signedCheckpoint: string;
  /** The log this witness serves: its origin line and Ed25519 verifier key(s). */
  log: { origin: string; keys: readonly (NoteVerifierKey | string)[] };
  /** The last tree this witness cosigned for that log, or `null` before the first (then any size is accepted). */
  last: WitnessedTree | null;
  /** RFC 9162 consistency proof from `last.size` to the new size (empty when `last` is null, 0, or the same size). */
  consistencyProof: readonly Uint8Array[];
  /** The witness's cosignature/v1 signer key. */
  witnessKey: NoteSignerKey;
  /** Cosignature time, seconds since the Unix epoch. */
  timestamp: number;
}

/** Outcome of {@link cosignCheckpoint}. */
export type CosignCheckpointResult =
  | { ok: true; signature: NoteSignature; tree: WitnessedTree; checkpoint: Checkpoint }
  | { ok: false; code: ErrorCode; reason: string };

/**
 * The witness's duty (c2sp.org/tlog-witness §add-checkpoint): cosign a checkpoint only when the log signed it for the
 * expected origin and it extends, consistently, the last tree this witness cosigned. Refusals carry a code:
 * - `TLOG_UNKNOWN_ORIGIN` — another log's checkpoint; `TLOG_BAD_SIGNATURE` / `TLOG_NOTE_UNVERIFIED` /
 *   `TLOG_MALFORMED` — not a checkpoint the log signed;
 * - `TLOG_CHECKPOINT_ROLLBACK` — a smaller tree than the last one cosigned;
 * - `TLOG_CHECKPOINT_FORK` — the same size with another root hash;
 * - `TLOG_CONSISTENCY_INVALID` — the consistency proof does not lead from the last root to the new one.
 *
 * The caller records `tree` as the new last state only after it keeps the cosignature.
 * @throws JilError `INVALID_ARGUMENT` (`details.field`) when `p` or `log` is not an object, `witnessKey` is not a
 *   cosignature/v1 key, `timestamp` is not a non-negative integer, or `last` is neither `null` nor `{ size, rootHash }`.
 * @see c2sp.org/tlog-witness; c2sp.org/tlog-cosignature; RFC 9162 §2.1.4.2
 * @example
 * import { cosignCheckpoint } from '@jil/psa';
 * const r = cosignCheckpoint({ signedCheckpoint, log: { origin, keys: [logVkey] }, last, consistencyProof, witnessKey,
 *   timestamp: Math.floor(Date.now() / 1000) });
 * if (!r.ok) console.warn(r.code, r.reason);
 */
export function cosignCheckpoint(p: CosignCheckpointParameters): CosignCheckpointResult {
  const record = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const [field, v] of [
    ['params', p],
    ['log', p?.log],
  ] as const) {
    if (!record(v)) throw new JilError('INVALID_ARGUMENT', `${field} must be an object`, { details: { field } });
  }
  if (
    p.last !== null &&
    !(record(p.last) && Number.isSafeInteger(p.last.size) && p.last.size >= 0 && p.last.rootHash instanceof Uint8Array)
  ) {
    throw new JilError('INVALID_ARGUMENT', 'last must be null or { size, rootHash }', { details: { field: 'last' } });
  }
  if (p.witnessKey?.type !== 'cosignature/v1') {
    throw new JilError('INVALID_ARGUMENT', 'witnessKey must be a cosignature/v1 signer key', { details: { field: 'witnessKey' } });
  }
  if (!Number.isSafeInteger(p.timestamp) || p.timestamp < 0) {
    throw new JilError('INVALID_ARGUMENT', 'timestamp must be a non-negative integer (seconds)', { details: { field: 'timestamp' } });
  }
  const opened = openCheckpoint(p.signedCheckpoint, { origin: p.log.origin, logKeys: p.log.keys });
  if (!opened.valid) return { ok: false, code: opened.code, reason: opened.message };
  const cp = opened.checkpoint;
  const last = p.last;
  if (last !== null) {
    if (cp.treeSize < last.size) {
      return {
        ok: false,
        code: 'TLOG_CHECKPOINT_ROLLBACK',
        reason: `tree size ${cp.treeSize} is below the last cosigned size ${last.size}`,
      };
    }
    if (cp.treeSize === last.size) {
      if (!constantTimeEqual(cp.rootHash, last.rootHash)) {
        return { ok: false, code: 'TLOG_CHECKPOINT_FORK', reason: `a second root hash for tree size ${cp.treeSize}` };
      }
    } else if (last.size > 0) {
      const consistent = verifyConsistency({
        oldSize: last.size,
        newSize: cp.treeSize,
        oldRootHash: last.rootHash,
        newRootHash: cp.rootHash,
        proof: p.consistencyProof,
      });
      if (!consistent.valid) return { ok: false, code: 'TLOG_CONSISTENCY_INVALID', reason: consistent.message };
    }
  }
  const signature = createNoteSignature(opened.text, p.witnessKey, { timestamp: p.timestamp });
  return { ok: true, signature, tree: { size: cp.treeSize, rootHash: cp.rootHash }, checkpoint: cp };
}
