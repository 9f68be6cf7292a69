import { assertBytes } from '../bytes/assertBytes.js';
import { isJilError, JilError } from '../errors/JilError.js';
import type { Checkpoint } from './Checkpoint.js';
import { leafHash as hashLeaf } from './leafHash.js';
import { openCheckpoint, type OpenCheckpointOptions } from './openCheckpoint.js';
import { parseTlogProof } from './parseTlogProof.js';
import type { TlogProof } from './TlogProof.js';
import { formatTlogProof } from './formatTlogProof.js';
import { tlogFailure, type TlogCheck, type TlogFailure } from './TlogFailure.js';
import { verifyInclusion } from './verifyInclusion.js';
import type { VerifiedNoteSignature } from './verifyNote.js';

/** Options of {@link verifyTlogProof}: the trust policy and the entry (exactly one of `entry` and `leafHash`). */
export interface VerifyTlogProofOptions extends OpenCheckpointOptions {
  /** The logged entry's bytes (its leaf hash is computed). */
  entry?: Uint8Array;
  /** Or its 32-byte leaf hash, when the caller computed it. */
  leafHash?: Uint8Array;
}

/** Outcome of {@link verifyTlogProof}. */
export type VerifyTlogProofResult =
  | {
      valid: true;
      index: number;
      leafHash: Uint8Array;
      checkpoint: Checkpoint;
      logSignatures: VerifiedNoteSignature[];
      cosignatures: VerifiedNoteSignature[];
      /** The unauthenticated extra data, if the proof carried any. */
      extra?: Uint8Array;
    }
  | TlogFailure;

/**
 * Verify a tlog proof offline (c2sp.org/tlog-proof §Verifying): compute the leaf hash, open the checkpoint (origin,
 * log signature, witness cosignatures per policy), then check the inclusion proof against its root hash.
 *
 * @param proof - the proof text (string or UTF-8 bytes) or an already parsed {@link TlogProof}; untrusted.
 * @param options - `{ origin, logKeys, witnesses?, entry | leafHash }`.
 * @returns `{ valid: true, index, leafHash, checkpoint, logSignatures, cosignatures, extra? }` or the failed check:
 *   `proof` / `note` / `checkpoint` (`TLOG_MALFORMED`), `origin`, `signature`, `signer`, `witnesses` (see
 *   `openCheckpoint`), `inclusion` (`TLOG_INCLUSION_INVALID`: index not below the tree size, or the entry not under
 *   the checkpoint's root).
 * @throws JilError `INVALID_ARGUMENT` for bad options (neither or both of `entry` and `leafHash`, bad keys).
 * @see c2sp.org/tlog-proof §Verifying a tlog proof; RFC 9162 §2.1.3.2
 * @example
 * import { verifyTlogProof } from '@jil/core/tlog';
 * const r = verifyTlogProof(proofText, { entry, origin: 'jil.example/log', logKeys: [logVkey], witnesses: { keys: validatorVkeys,
 *   threshold: 2 } });
 * if (!r.valid) console.error(r.check, r.code, r.message);
 */
export function verifyTlogProof(proof: string | Uint8Array | TlogProof, options: VerifyTlogProofOptions): VerifyTlogProofResult {
  const { entry, leafHash } = options ?? ({} as never);
  if ((entry === undefined) === (leafHash === undefined)) {
    throw new JilError('INVALID_ARGUMENT', 'give exactly one of options.entry and options.leafHash', { details: { field: 'entry' } });
  }
  if (entry !== undefined) assertBytes(entry, 'entry');
  else assertBytes(leafHash, 'leafHash', 32);
  const leaf = entry !== undefined ? hashLeaf(entry) : leafHash!.slice();
  let parsed: TlogProof;
  try {
    parsed = typeof proof === 'string' || proof instanceof Uint8Array ? parseTlogProof(proof) : parseTlogProof(formatParsed(proof));
  } catch (error) {
    if (!isJilError(error, 'TLOG_MALFORMED')) throw error;
    return tlogFailure(error.details['check'] as TlogCheck, 'TLOG_MALFORMED', error.message, error.details);
  }
  const opened = openCheckpoint(parsed.checkpoint, options);
  if (!opened.valid) return opened;
  const { checkpoint } = opened;
  const r = verifyInclusion({
    index: parsed.index,
    treeSize: checkpoint.treeSize,
    leafHash: leaf,
    proof: parsed.inclusionProof,
    rootHash: checkpoint.rootHash,
  });
  if (!r.valid) return r;
  return {
    valid: true,
    index: parsed.index,
    leafHash: leaf,
    checkpoint,
    logSignatures: opened.logSignatures,
    cosignatures: opened.cosignatures,
    ...(parsed.extra === undefined ? {} : { extra: parsed.extra }),
  };
}

/** A parsed proof object is re-encoded and re-parsed, so it gets exactly the checks a text proof gets. */
function formatParsed(proof: TlogProof): string {
  try {
    return formatTlogProof(proof);
  } catch (cause) {
    throw new JilError('TLOG_MALFORMED', 'proof object is not a valid tlog proof', { details: { check: 'proof' }, cause });
  }
}
