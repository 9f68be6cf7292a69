import { JilError } from '../errors/JilError.js';
import { assertCount } from './assertTlog.js';
import { readHashes, type HashReader } from './HashReader.js';
import { splitPoint, subTreeHash, subTreeIndex } from './subtrees.js';

/**
 * The consistency proof PROOF(oldSize, D[newSize]) that the tree of size `oldSize` is a prefix of the tree of size
 * `newSize`, from O(log n) stored hashes read in one batch.
 *
 * @param oldSize - the older tree size, `0 ≤ oldSize ≤ newSize`.
 * @param newSize - the newer tree size.
 * @param reader - reads stored hashes of a log of at least `newSize` leaves.
 * @returns the proof hashes in RFC 9162 order; empty when `oldSize` is 0 or equals `newSize` (c2sp.org/tlog-witness).
 * @throws JilError `INVALID_ARGUMENT` when `oldSize > newSize` or a size is not a safe integer, or for a reader that
 *   breaks its contract; whatever `reader` throws.
 * @see RFC 9162 §2.1.4.1; Go `golang.org/x/mod/sumdb/tlog.ProveTree`
 * @example
 * import { proveConsistency, verifyConsistency } from '@jil/core/tlog';
 * const proof = await proveConsistency(3, 7, reader);
 * verifyConsistency({ oldSize: 3, newSize: 7, oldRootHash, newRootHash, proof }).valid; // true
 */
export async function proveConsistency(oldSize: number, newSize: number, reader: HashReader): Promise<Uint8Array[]> {
  assertCount(oldSize, 'oldSize');
  assertCount(newSize, 'newSize');
  if (oldSize > newSize) {
    throw new JilError('INVALID_ARGUMENT', 'oldSize must not exceed newSize', { details: { field: 'oldSize', oldSize, newSize } });
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const hashes = await readHashes(reader, treeProofIndex(0, newSize, oldSize, []));
  const [proof, rest] = treeProof(0, newSize, oldSize, hashes);
  if (rest.length !== 0) throw new JilError('INTERNAL', 'consistency proof consumed the wrong number of hashes');
  return proof.map((h) => h.slice());
}

// SUBPROOF(m, D[lo:hi], b) of RFC 9162 §2.1.4.1, with b = (lo === 0): the old tree's own hash is omitted only when
// it is a complete left-edge subtree of the new tree, since the verifier already has it.
function treeProofIndex(lo: number, hi: number, m: number, need: number[]): number[] {
  if (m === hi) return lo === 0 ? need : subTreeIndex(lo, hi, need);
  const { k } = splitPoint(hi - lo);
  if (m <= lo + k) {
    treeProofIndex(lo, lo + k, m, need);
    return subTreeIndex(lo + k, hi, need);
  }
  subTreeIndex(lo, lo + k, need);
  return treeProofIndex(lo + k, hi, m, need);
}

function treeProof(lo: number, hi: number, m: number, hashes: readonly Uint8Array[]): [Uint8Array[], readonly Uint8Array[]] {
  if (m === hi) {
    if (lo === 0) return [[], hashes];
    const [h, rest] = subTreeHash(lo, hi, hashes);
    return [[h], rest];
  }
  const { k } = splitPoint(hi - lo);
  let proof: Uint8Array[];
  let h: Uint8Array;
  if (m <= lo + k) {
    [proof, hashes] = treeProof(lo, lo + k, m, hashes);
    [h, hashes] = subTreeHash(lo + k, hi, hashes);
  } else {
    [h, hashes] = subTreeHash(lo, lo + k, hashes);
    [proof, hashes] = treeProof(lo + k, hi, m, hashes);
  }
  proof.push(h);
  return [proof, hashes];
}
