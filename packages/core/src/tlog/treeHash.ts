import { assertCount } from './assertTlog.js';
import { emptyTreeHash } from './emptyTreeHash.js';
import { readHashes, type HashReader } from './HashReader.js';
import { subTreeHash, subTreeIndex } from './subtrees.js';

/**
 * The root hash MTH(D[treeSize]) of a stored log, from at most ⌈log2 treeSize⌉ stored subtree hashes read in one
 * batch (the complete subtrees along the right edge), combined right to left.
 *
 * @param treeSize - number of leaves (≥ 0).
 * @param reader - reads stored hashes of this log (see {@link HashReader}).
 * @returns the 32-byte root hash; `emptyTreeHash()` for size 0.
 * @throws JilError `INVALID_ARGUMENT` for a bad `treeSize` or a reader that breaks its contract; whatever `reader` throws.
 * @see RFC 9162 §2.1.1; Go `golang.org/x/mod/sumdb/tlog.TreeHash`
 * @example
 * import { treeHash, type HashReader } from '@jil/core/tlog';
 * const root = await treeHash(1_000_000, reader); // reads 7 stored hashes
 */
export async function treeHash(treeSize: number, reader: HashReader): Promise<Uint8Array> {
  assertCount(treeSize, 'treeSize');
  if (treeSize === 0) return emptyTreeHash();
  const hashes = await readHashes(reader, subTreeIndex(0, treeSize, []));
  return subTreeHash(0, treeSize, hashes)[0].slice();
}
