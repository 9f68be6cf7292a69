import { assertRecord } from '../bytes/assertBytes.js';
import { constantTimeEqual } from '../bytes/encoding.js';
import { assertCount, assertHash, assertHashList } from './assertTlog.js';
import { hashChildren } from './nodeHash.js';
import { tlogFailure, type TlogFailure } from './TlogFailure.js';

/** Parameters of {@link verifyInclusion}. */
export interface VerifyInclusionParameters {
  /** The leaf index (0-based). */
  index: number;
  /** The size of the tree whose root the proof leads to. */
  treeSize: number;
  /** The 32-byte leaf hash of the entry (`leafHash(entry)`). */
  leafHash: Uint8Array;
  /** The inclusion proof: at most 64 hashes of 32 bytes, leaf's sibling first. */
  proof: readonly Uint8Array[];
  /** The 32-byte root hash of the tree of size `treeSize` (from a verified checkpoint). */
  rootHash: Uint8Array;
}

/** Outcome of {@link verifyInclusion}: `{ valid: true }` or the `inclusion` failure (`TLOG_INCLUSION_INVALID`). */
export type VerifyInclusionResult = { valid: true } | TlogFailure;

/**
 * Verify a Merkle inclusion proof with the algorithm of RFC 9162 §2.1.3.2 (independent of the prover's recursion).
 * Rejects an index not below the tree size, a proof of the wrong length and a root that does not match.
 *
 * @returns `{ valid: true }`, or a failure with `check: 'inclusion'`, code `TLOG_INCLUSION_INVALID` and
 *   `details.reason` one of `index_out_of_range`, `proof_length`, `root_mismatch`.
 * @throws JilError `INVALID_ARGUMENT` when a field has the wrong type or a hash is not 32 bytes (not for a bad proof).
 * @see RFC 9162 §2.1.3.2 (RFC 6962 §2.1.1)
 * @example
 * import { leafHash, verifyInclusion } from '@jil/core/tlog';
 * const r = verifyInclusion({ index: 5, treeSize: 8, leafHash: leafHash(entry), proof, rootHash });
 * if (!r.valid) throw new Error(r.message);
 */
export function verifyInclusion(params: VerifyInclusionParameters): VerifyInclusionResult {
  assertRecord(params, 'params');
  const { index, treeSize, leafHash, proof, rootHash } = params;
  assertCount(index, 'index');
  assertCount(treeSize, 'treeSize');
  assertHash(leafHash, 'leafHash');
  assertHashList(proof, 'proof');
  assertHash(rootHash, 'rootHash');
  const fail = (reason: string, message: string): TlogFailure =>
    tlogFailure('inclusion', 'TLOG_INCLUSION_INVALID', message, { reason, index, treeSize, proofLength: proof.length });
  if (index >= treeSize) return fail('index_out_of_range', 'leaf index is not below the tree size');
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return fail('proof_length', 'inclusion proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('proof_length', 'inclusion proof is too short');
  if (!constantTimeEqual(r, rootHash)) return fail('root_mismatch', 'inclusion proof does not lead to the root hash');
  return { valid: true };
}
