import { emptyTreeHash } from './emptyTreeHash.js';
import { assertHash } from './assertTlog.js';
import { hashChildren } from './nodeHash.js';
import { JilError } from '../errors/JilError.js';

/**
 * The Merkle Tree Hash MTH(D[n]) of a whole list of leaf hashes, in memory (O(n) hashing, O(log n) stack).
 * For a stored log use {@link treeHash} with a hash reader instead, which reads O(log n) stored hashes.
 *
 * @param leafHashes - the `n` 32-byte leaf hashes (`leafHash(entry)`), in log order.
 * @returns the 32-byte root hash; `emptyTreeHash()` for `n = 0`.
 * @throws JilError `INVALID_ARGUMENT` when `leafHashes` is not an array of 32-byte Uint8Arrays.
 * @see RFC 9162 §2.1.1
 * @example
 * import { leafHash, merkleTreeHash, utf8ToBytes } from '@jil/core/tlog';
 * const root = merkleTreeHash(['a', 'b', 'c'].map((s) => leafHash(utf8ToBytes(s))));
 */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(leafHashes))
    throw new JilError('INVALID_ARGUMENT', 'leafHashes must be an array', { details: { field: 'leafHashes' } });
  leafHashes.forEach((h, i) => {
    assertHash(h, `leafHashes[${i}]`);
  });
  if (leafHashes.length === 0) return emptyTreeHash();
  // Fold left to right keeping the roots of the complete subtrees seen so far (sizes strictly decreasing), then
  // combine them right to left: exactly MTH's split at the largest power of two below n, applied recursively.
  const stack: { size: number; hash: Uint8Array }[] = [];
  for (const h of leafHashes) {
    let node = { size: 1, hash: h };
    while (stack.length > 0 && stack[stack.length - 1]!.size === node.size) {
      const left = stack.pop()!;
      node = { size: left.size * 2, hash: hashChildren(left.hash, node.hash) };
    }
    stack.push(node);
  }
  let root = stack.pop()!.hash;
  while (stack.length > 0) root = hashChildren(stack.pop()!.hash, root);
  return root.slice();
}
