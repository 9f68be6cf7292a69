/**
 * A checkpoint body (c2sp.org/tlog-checkpoint §Note text): the log's origin, tree size and RFC 6962 root hash,
 * plus optional extension lines.
 * @example
 * import { parseCheckpoint, type Checkpoint } from '@jil/core/tlog';
 * const cp: Checkpoint = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
 */
export interface Checkpoint {
  /** The origin line: the log's identity, non-empty (recommended: a schema-less URL like `jil.example/log`). */
  origin: string;
  /** Number of leaves, 0…2^53−1. */
  treeSize: number;
  /** The 32-byte root hash MTH(D[treeSize]). */
  rootHash: Uint8Array;
  /** Extension lines (non-empty, opaque; NOT RECOMMENDED by the spec); `[]` when none. */
  extensions: string[];
}
