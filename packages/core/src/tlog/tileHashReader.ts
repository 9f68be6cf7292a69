import { constantTimeEqual } from '../bytes/encoding.js';
import { JilError } from '../errors/JilError.js';
import { assertCount, assertHash } from './assertTlog.js';
import { formatTilePath } from './formatTilePath.js';
import type { HashReader } from './HashReader.js';
import { hashChildren } from './nodeHash.js';
import { splitStoredHashIndex } from './splitStoredHashIndex.js';
import { storedHashIndex } from './storedHashIndex.js';
import { subTreeIndex } from './subtrees.js';
import { TILE_HEIGHT, TILE_WIDTH, type Tile } from './Tile.js';

/** Reads hash tiles (bytes as served at `formatTilePath(tile)`), one result per tile, in order; sync or async. */
export type TileReader = (tiles: readonly Tile[]) => readonly Uint8Array[] | Promise<readonly Uint8Array[]>;

/**
 * A {@link HashReader} over the hash tiles of a log, authenticated against a trusted tree head: each call fetches
 * (in one `readTiles` batch) the tiles holding the requested hashes plus the right-edge tiles of the tree, checks
 * that the right edge hashes to `rootHash` and that every other tile hashes to its entry in the tile above, and only
 * then answers. So `proveInclusion`, `proveConsistency` and `treeHash` work straight from a tile store or from a
 * tiled log over HTTP, with O(log n) tile reads, and a log serving a wrong tile is caught.
 *
 * @param tree - `{ treeSize, rootHash }` from a verified checkpoint (treeSize ≥ 1).
 * @param readTiles - fetches tiles; partial tiles are requested with exactly the width the tree size implies.
 * @returns a HashReader for stored hash indexes below `storedHashCount(treeSize)`.
 * @throws JilError (from the reader) `TLOG_TILE_INVALID` when a tile has the wrong length or the tiles do not
 *   hash to `rootHash` (`details.tile`); `INVALID_ARGUMENT` for an index outside the tree; whatever `readTiles` throws.
 * @see c2sp.org/tlog-tiles §Merkle Tree; Go `golang.org/x/mod/sumdb/tlog.TileHashReader`
 * @example
 * import { proveInclusion, tileHashReader, formatTilePath } from '@jil/core/tlog';
 * const reader = tileHashReader({ treeSize, rootHash },
 *   (tiles) => Promise.all(tiles.map(async (t) => new Uint8Array(await (await fetch(`${prefix}/${formatTilePath(t)}`)).arrayBuffer()))));
 * const proof = await proveInclusion(index, treeSize, reader);
 */
export function tileHashReader(tree: { treeSize: number; rootHash: Uint8Array }, readTiles: TileReader): HashReader {
  assertCount(tree?.treeSize, 'tree.treeSize', 1);
  assertHash(tree.rootHash, 'tree.rootHash');
  const { treeSize, rootHash } = tree;
  const limit = storedHashIndex(0, treeSize);
  return async (indexes) => {
    const order = new Map<string, number>();
    const tiles: Tile[] = [];
    const add = (t: Tile): number => {
      const key = `${t.level}/${t.index}/${t.width}`;
      let j = order.get(key);
      if (j === undefined) {
        j = tiles.push(t) - 1;
        order.set(key, j);
      }
      return j;
    };
    // 1. The right-edge tiles that recompute the tree hash; parents before children.
    const edge = subTreeIndex(0, treeSize, []);
    const edgeTile = edge.map((x) => add(tileParent(tileForIndex(x).tile, 0, treeSize)));
    // 2. For each requested hash its tile, plus the full tiles between it and an already planned ancestor.
    const wanted = indexes.map((x) => {
      if (!Number.isSafeInteger(x) || x < 0 || x >= limit) {
        throw new JilError('INVALID_ARGUMENT', 'stored hash index is not in the tree', {
          details: { field: 'indexes', index: x, treeSize },
        });
      }
      const tile = tileForIndex(x).tile;
      let k = 0;
      while (!order.has(key(tileParent(tile, k, treeSize)))) k++;
      for (k--; k >= 0; k--) add(tileParent(tile, k, treeSize));
      return order.get(key(tileParent(tile, 0, treeSize)))!;
    });
    const data = await readTiles(tiles);
    if (!Array.isArray(data) || data.length !== tiles.length) {
      throw new JilError('INVALID_ARGUMENT', 'tile reader returned the wrong number of tiles', { details: { field: 'readTiles' } });
    }
    tiles.forEach((t, j) => {
      const d: unknown = data[j];
      if (!(d instanceof Uint8Array) || d.length !== 32 * t.width) {
        throw new JilError('TLOG_TILE_INVALID', 'tile has the wrong length', {
          details: { tile: formatTilePath(t), expected: 32 * t.width },
        });
      }
    });
    // 3. Authenticate: the right edge must hash to the root, then each other (full) tile to its parent's hash.
    let th = hashFromTile(tiles[edgeTile[edge.length - 1]!]!, data[edgeTile[edge.length - 1]!]!, edge[edge.length - 1]!);
    for (let i = edge.length - 2; i >= 0; i--) th = hashChildren(hashFromTile(tiles[edgeTile[i]!]!, data[edgeTile[i]!]!, edge[i]!), th);
    if (!constantTimeEqual(th, rootHash)) {
      throw new JilError('TLOG_TILE_INVALID', 'tiles do not hash to the tree root', {
        details: { tile: formatTilePath(tiles[0]!), treeSize },
      });
    }
    for (let j = 0; j < tiles.length; j++) {
      if (edgeTile.includes(j)) continue;
      const t = tiles[j]!;
      const p = tileParent(t, 1, treeSize);
      const pj = order.get(key(p))!;
      const expected = hashFromTile(p, data[pj]!, storedHashIndex(((t.level as number) + 1) * TILE_HEIGHT, t.index));
      if (!constantTimeEqual(expected, tileHash(data[j]!))) {
        throw new JilError('TLOG_TILE_INVALID', 'tile does not hash to its parent tile', {
          details: { tile: formatTilePath(t), treeSize },
        });
      }
    }
    return indexes.map((x, i) => hashFromTile(tiles[wanted[i]!]!, data[wanted[i]!]!, x));
  };
}

const key = (t: Tile): string => `${t.level}/${t.index}/${t.width}`;

/** The tile holding stored hash `index`, with the minimal width, and the byte range of the hashes it combines. */
function tileForIndex(index: number): { tile: Tile; start: number; end: number } {
  const split = splitStoredHashIndex(index);
  const tileLevel = Math.floor(split.level / TILE_HEIGHT);
  const k = split.level - tileLevel * TILE_HEIGHT; // level within the tile
  const n = split.n;
  const tileIndex = Math.floor((n * 2 ** k) / TILE_WIDTH);
  const within = n - (tileIndex * TILE_WIDTH) / 2 ** k; // n within the tile at level k
  return {
    tile: { level: tileLevel, index: tileIndex, width: (within + 1) * 2 ** k },
    start: within * 2 ** k * 32,
    end: (within + 1) * 2 ** k * 32,
  };
}

/** The ancestor `k` tile levels up of `t`, with the width it has in a tree of `treeSize` (0 when absent). */
function tileParent(t: Tile, k: number, treeSize: number): Tile {
  const level = (t.level as number) + k;
  const index = Math.floor(t.index / TILE_WIDTH ** k);
  const max = Math.floor(treeSize / TILE_WIDTH ** level); // hashes at tree level 8·level
  const start = index * TILE_WIDTH;
  const width = start + TILE_WIDTH >= max ? Math.max(0, max - start) : TILE_WIDTH;
  return { level, index, width };
}

/** Stored hash `index` computed from the data of tile `t` that holds it. */
function hashFromTile(t: Tile, data: Uint8Array, index: number): Uint8Array {
  const { tile, start, end } = tileForIndex(index);
  if (tile.level !== t.level || tile.index !== t.index || tile.width > t.width) {
    throw new JilError('INTERNAL', 'stored hash is not in this tile', { details: { tile: formatTilePath(t), index } });
  }
  return tileHash(data.subarray(start, end));
}

/** MTH over a power-of-two run of hashes. */
function tileHash(data: Uint8Array): Uint8Array {
  if (data.length === 32) return data.slice();
  const half = data.length / 2;
  return hashChildren(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)));
}
