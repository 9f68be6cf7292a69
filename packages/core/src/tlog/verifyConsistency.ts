import { assertRecord } from '../bytes/assertBytes.js';
import { constantTimeEqual } from '../bytes/encoding.js';
import { assertCount, assertHash, assertHashList } from './assertTlog.js';
import { emptyTreeHash } from './emptyTreeHash.js';
import { hashChildren } from './nodeHash.js';
import { tlogFailure, type TlogFailure } from './TlogFailure.js';

/** Parameters of {@link verifyConsistency}. */
export interface VerifyConsistencyParameters {
  /** The older tree size. */
  oldSize: number;
  /** The newer tree size (≥ `oldSize` for a valid proof). */
  newSize: number;
  /** 32-byte root hash of the older tree (`emptyTreeHash()` for size 0). */
  oldRootHash: Uint8Array;
  /** 32-byte root hash of the newer tree. */
  newRootHash: Uint8Array;
  /** The consistency proof: at most 64 hashes of 32 bytes; empty when `oldSize` is 0 or equals `newSize`. */
  proof: readonly Uint8Array[];
}

/** Outcome of {@link verifyConsistency}: `{ valid: true }` or the `consistency` failure (`TLOG_CONSISTENCY_INVALID`). */
export type VerifyConsistencyResult = { valid: true } | TlogFailure;

/**
 * Verify that the tree (`oldSize`, `oldRootHash`) is a prefix of the tree (`newSize`, `newRootHash`), with the
 * algorithm of RFC 9162 §2.1.4.2. Equal sizes need an empty proof and equal roots; old size 0 needs an empty proof
 * and the empty-tree root (c2sp.org/tlog-witness).
 *
 * @returns `{ valid: true }`, or a failure with `check: 'consistency'`, code `TLOG_CONSISTENCY_INVALID` and
 *   `details.reason` one of `old_size_too_large`, `proof_length`, `old_root_mismatch`, `new_root_mismatch`.
 * @throws JilError `INVALID_ARGUMENT` when a field has the wrong type or a hash is not 32 bytes (not for a bad proof).
 * @see RFC 9162 §2.1.4.2 (RFC 6962 §2.1.2)
 * @example
 * import { verifyConsistency } from '@jil/core/tlog';
 * const r = verifyConsistency({ oldSize: 3, newSize: 7, oldRootHash, newRootHash, proof });
 */
export function verifyConsistency(params: VerifyConsistencyParameters): VerifyConsistencyResult {
  assertRecord(params, 'params');
  const { oldSize, newSize, oldRootHash, newRootHash, proof } = params;
  assertCount(oldSize, 'oldSize');
  assertCount(newSize, 'newSize');
  assertHash(oldRootHash, 'oldRootHash');
  assertHash(newRootHash, 'newRootHash');
  assertHashList(proof, 'proof');
  const fail = (reason: string, message: string): TlogFailure =>
    tlogFailure('consistency', 'TLOG_CONSISTENCY_INVALID', message, { reason, oldSize, newSize, proofLength: proof.length });
  if (oldSize > newSize) return fail('old_size_too_large', 'old tree size exceeds the new tree size');
  if (oldSize === 0 || oldSize === newSize) {
    if (proof.length !== 0) return fail('proof_length', 'consistency proof must be empty');
    if (oldSize === 0 && !constantTimeEqual(oldRootHash, emptyTreeHash()))
      return fail('old_root_mismatch', 'a tree of size 0 has the empty-tree root');
    if (oldSize === newSize && !constantTimeEqual(oldRootHash, newRootHash))
      return fail('new_root_mismatch', 'equal tree sizes with different root hashes');
    return { valid: true };
  }
  if (proof.length === 0) return fail('proof_length', 'consistency proof is empty');
  // RFC 9162 §2.1.4.2, step by step.
  const path = isPowerOfTwo(oldSize) ? [oldRootHash, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('proof_length', 'consistency proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('proof_length', 'consistency proof is too short');
  if (!constantTimeEqual(fr, oldRootHash)) return fail('old_root_mismatch', 'consistency proof does not lead to the old root hash');
  if (!constantTimeEqual(sr, newRootHash)) return fail('new_root_mismatch', 'consistency proof does not lead to the new root hash');
  return { valid: true };
}

function isPowerOfTwo(n: number): boolean {
  while (n % 2 === 0) n /= 2;
  return n === 1;
}
