/**
 * Tile height of c2sp.org/tlog-tiles: a tile spans 8 tree levels, so a full tile holds 2^8 = 256 hashes (8,192 bytes).
 * @example
 * import { TILE_HEIGHT } from '@jil/core/tlog';
 * TILE_HEIGHT; // 8
 */
export const TILE_HEIGHT = 8;

/**
 * Width of a full tile or entry bundle: 256 hashes or entries.
 * @example
 * import { TILE_WIDTH } from '@jil/core/tlog';
 * TILE_WIDTH; // 256
 */
export const TILE_WIDTH = 256;

/**
 * The coordinates of a Merkle tree tile or an entry bundle (c2sp.org/tlog-tiles §Merkle Tree, §Log entries).
 * A hash tile at `level` L holds hashes of tree level 8·L: hash i of tile `index` N is
 * MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]). An entry bundle (`level: 'entries'`) holds the entries whose
 * leaf hashes are in level-0 tile N.
 * @example
 * import type { Tile } from '@jil/core/tlog';
 * const partial: Tile = { level: 0, index: 273, width: 112 }; // path tile/0/273.p/112
 */
export interface Tile {
  /** 0…63 for hash tiles, `'entries'` for an entry bundle. */
  level: number | 'entries';
  /** N, the tile's index within its level (≥ 0). */
  index: number;
  /** Number of hashes or entries, 1…256; below 256 the tile is partial (path suffix `.p/<W>`). */
  width: number;
}
