import { emptyTreeHash, merkleTreeHash, nodeHash, splitStoredHashIndex, TILE_WIDTH, type HashReader } from '@jil/core/tlog';

/** Reads the stored hashes of a hash tile (c2sp.org/tlog-tiles): level, index → its hashes so far, or `null`. */
export type StoredTileReader = (level: number, index: number) => Promise<readonly Uint8Array[] | null>;

/**
 * The Merkle Tree Hash of 2^k consecutive complete-subtree hashes: for a power-of-two count RFC 9162's MTH over
 * them is exactly the hash of the complete subtree they span.
 */
export function completeSubtreeHash(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0 || (hashes.length & (hashes.length - 1)) !== 0) throw new RangeError('completeSubtreeHash needs 2^k hashes');
  return merkleTreeHash(hashes);
}

/**
 * The hash of the complete subtree of 2^height leaves that starts at leaf `index · 2^height`, read from tiles:
 * with height = 8·l + r it is the Merkle Tree Hash of 2^r consecutive hashes of a level-l tile.
 * @throws RangeError when the tile that holds it is missing or too narrow (the tree is smaller than asked).
 */
export async function subtreeHash(readTile: StoredTileReader, height: number, index: number): Promise<Uint8Array> {
  const level = Math.floor(height / 8);
  const span = 2 ** (height % 8);
  const first = index * span; // position of the first hash in level-`level` coordinates
  const tileIndex = Math.floor(first / TILE_WIDTH);
  const offset = first % TILE_WIDTH;
  const tile = await readTile(level, tileIndex);
  if (tile === null || tile.length < offset + span) throw new RangeError(`no stored hashes for subtree ${height}/${index}`);
  return completeSubtreeHash(tile.slice(offset, offset + span));
}

/** A `@jil/core/tlog` {@link HashReader} (stored-hash indexes, Go sumdb/tlog numbering) served from tiles. */
export function storedTileHashReader(readTile: StoredTileReader): HashReader {
  return (indexes) =>
    Promise.all(
      indexes.map((i) => {
        const { level, n } = splitStoredHashIndex(i);
        return subtreeHash(readTile, level, n);
      }),
    );
}

/**
 * RFC 9162 §2.1.1 MTH of the first `size` leaves, from tiles: the complete subtrees named by the bits of `size`,
 * folded right to left. Size 0 is SHA-256 of the empty string.
 */
export async function treeHashFromTiles(readTile: StoredTileReader, size: number): Promise<Uint8Array> {
  if (size === 0) return emptyTreeHash();
  const parts: Uint8Array[] = [];
  let start = 0;
  let top = 0;
  while (2 ** (top + 1) <= size) top++;
  for (let height = top; height >= 0; height--) {
    const span = 2 ** height;
    if (size - start >= span) {
      parts.push(await subtreeHash(readTile, height, start / span));
      start += span;
    }
  }
  let root = parts[parts.length - 1] as Uint8Array;
  for (let i = parts.length - 2; i >= 0; i--) root = nodeHash(parts[i] as Uint8Array, root);
  return root;
}
