import { JilError } from '../errors/JilError.js';
import { assertCount } from './assertTlog.js';
import { readHashes, type HashReader } from './HashReader.js';
import { splitPoint, subTreeHash, subTreeIndex } from './subtrees.js';

/**
 * The inclusion proof (audit path) PATH(index, D[treeSize]) of leaf `index` in the tree of size `treeSize`, from
 * O(log n) stored hashes read in one batch.
 *
 * @param index - the leaf index, `0 ≤ index < treeSize`.
 * @param treeSize - the size of the tree the proof is for (≥ 1).
 * @param reader - reads stored hashes of a log of at least `treeSize` leaves.
 * @returns the proof hashes, from the leaf's sibling up to a child of the root (empty for a one-leaf tree).
 * @throws JilError `INVALID_ARGUMENT` when `index ≥ treeSize` or an argument is not a safe integer, or for a reader
 *   that breaks its contract; whatever `reader` throws.
 * @see RFC 9162 §2.1.3.1; Go `golang.org/x/mod/sumdb/tlog.ProveRecord`
 * @example
 * import { proveInclusion, verifyInclusion } from '@jil/core/tlog';
 * const proof = await proveInclusion(5, 8, reader);
 * verifyInclusion({ index: 5, treeSize: 8, leafHash, proof, rootHash }).valid; // true
 */
export async function proveInclusion(index: number, treeSize: number, reader: HashReader): Promise<Uint8Array[]> {
  assertCount(index, 'index');
  assertCount(treeSize, 'treeSize', 1);
  if (index >= treeSize) {
    throw new JilError('INVALID_ARGUMENT', 'index must be below treeSize', { details: { field: 'index', index, treeSize } });
  }
  const hashes = await readHashes(reader, leafProofIndex(0, treeSize, index, []));
  const [proof, rest] = leafProof(0, treeSize, index, hashes);
  if (rest.length !== 0) throw new JilError('INTERNAL', 'inclusion proof consumed the wrong number of hashes');
  return proof.map((h) => h.slice());
}

function leafProofIndex(lo: number, hi: number, n: number, need: number[]): number[] {
  if (lo + 1 === hi) return need;
  const { k } = splitPoint(hi - lo);
  if (n < lo + k) {
    leafProofIndex(lo, lo + k, n, need);
    return subTreeIndex(lo + k, hi, need);
  }
  subTreeIndex(lo, lo + k, need);
  return leafProofIndex(lo + k, hi, n, need);
}

function leafProof(lo: number, hi: number, n: number, hashes: readonly Uint8Array[]): [Uint8Array[], readonly Uint8Array[]] {
  if (lo + 1 === hi) return [[], hashes];
  const { k } = splitPoint(hi - lo);
  let proof: Uint8Array[];
  let sibling: Uint8Array;
  if (n < lo + k) {
    [proof, hashes] = leafProof(lo, lo + k, n, hashes);
    [sibling, hashes] = subTreeHash(lo + k, hi, hashes);
  } else {
    [sibling, hashes] = subTreeHash(lo, lo + k, hashes);
    [proof, hashes] = leafProof(lo + k, hi, n, hashes);
  }
  proof.push(sibling);
  return [proof, hashes];
}
