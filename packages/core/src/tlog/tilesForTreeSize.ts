import { JilError } from '../errors/JilError.js';
import { assertCount } from './assertTlog.js';
import { TILE_WIDTH, type Tile } from './Tile.js';

/**
 * The hash tiles a tree of `treeSize` leaves has (full, and the partial tile of width ⌊s/256^L⌋ mod 256 at each level
 * where it is not 0), lowest level first, left to right; with `oldTreeSize`, only the tiles that are new or wider
 * than at `oldTreeSize` — what a log writes after growing. Entry bundles are the level-0 tiles with
 * `level: 'entries'`.
 *
 * @param treeSize - the tree size (≥ 0).
 * @param oldTreeSize - an earlier size (0 ≤ oldTreeSize ≤ treeSize; default 0: all tiles).
 * @returns the tiles; e.g. size 70,000 → 273 full + 1 partial (112) at level 0, 1 full + 1 partial (17) at level 1,
 *   1 partial (1) at level 2.
 * @throws JilError `INVALID_ARGUMENT` for sizes that are not safe integers or `oldTreeSize > treeSize`.
 * @see c2sp.org/tlog-tiles §Partial Tiles; Go `golang.org/x/mod/sumdb/tlog.NewTiles`
 * @example
 * import { tilesForTreeSize, formatTilePath } from '@jil/core/tlog';
 * tilesForTreeSize(256).map(formatTilePath); // ['tile/0/000', 'tile/1/000.p/1']
 */
export function tilesForTreeSize(treeSize: number, oldTreeSize = 0): Tile[] {
  assertCount(treeSize, 'treeSize');
  assertCount(oldTreeSize, 'oldTreeSize');
  if (oldTreeSize > treeSize) {
    throw new JilError('INVALID_ARGUMENT', 'oldTreeSize must not exceed treeSize', { details: { field: 'oldTreeSize' } });
  }
  const tiles: Tile[] = [];
  for (let level = 0, scale = 1; Math.floor(treeSize / scale) > 0; level++, scale *= TILE_WIDTH) {
    const oldN = Math.floor(oldTreeSize / scale); // hashes at tree level 8·level
    const newN = Math.floor(treeSize / scale);
    if (oldN === newN) continue;
    const lastFull = Math.floor(newN / TILE_WIDTH);
    for (let n = Math.floor(oldN / TILE_WIDTH); n < lastFull; n++) tiles.push({ level, index: n, width: TILE_WIDTH });
    const width = newN % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: lastFull, width });
  }
  return tiles;
}
