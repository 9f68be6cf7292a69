import { TILE_WIDTH } from '@jil/core/tlog';
import { completeSubtreeHash, type StoredTileReader } from './TileHashes.js';

/** A tile to write: its level, index and all of its hashes so far (1…256). */
export interface TileWrite {
  level: number;
  index: number;
  hashes: Uint8Array[];
}

/**
 * Appends leaf hashes to a tiled tree of `size` leaves (c2sp.org/tlog-tiles): each leaf hash goes into its level-0
 * tile; a tile that becomes full (256 hashes) adds its Merkle Tree Hash to the tile above, and so on up.
 *
 * @param readTile - Reads the stored hashes of a tile (only the right-edge, partial tiles of `size` are read).
 * @param size - Leaves already in the tiles.
 * @param leafHashes - RFC 9162 leaf hashes of the entries `size, size + 1, …`.
 * @returns every tile that changed, with its full contents, lowest level first.
 */
export async function appendToTiles(readTile: StoredTileReader, size: number, leafHashes: readonly Uint8Array[]): Promise<TileWrite[]> {
  const edge = new Map<number, TileWrite>(); // level → the tile being filled
  const touched = new Map<string, TileWrite>();
  const tileAt = async (level: number, position: number): Promise<TileWrite> => {
    const index = Math.floor(position / TILE_WIDTH);
    let tile = edge.get(level);
    if (tile === undefined || tile.index !== index) {
      const width = position % TILE_WIDTH;
      const stored = width === 0 ? [] : ((await readTile(level, index)) ?? []);
      if (stored.length < width) throw new RangeError(`tile ${level}/${index} holds ${stored.length} hashes, the tree needs ${width}`);
      tile = { level, index, hashes: stored.slice(0, width) };
      edge.set(level, tile);
    }
    return tile;
  };
  let n = size;
  for (const leaf of leafHashes) {
    let level = 0;
    let position = n;
    let hash = leaf;
    for (;;) {
      const tile = await tileAt(level, position);
      tile.hashes.push(hash);
      touched.set(`${level}/${tile.index}`, tile);
      if (tile.hashes.length < TILE_WIDTH) break;
      hash = completeSubtreeHash(tile.hashes);
      position = tile.index; // a full tile's hash sits at position `index` of the level above
      level++;
    }
    n++;
  }
  return [...touched.values()].sort((a, b) => a.level - b.level || a.index - b.index);
}
