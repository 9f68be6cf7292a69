import { assertTile } from './assertTile.js';
import { TILE_WIDTH, type Tile } from './Tile.js';

/**
 * The path of a tile or entry bundle below the log prefix: `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`,
 * with N in zero-padded 3-digit path elements, all but the last prefixed `x` (1234067 → `x001/x234/067`).
 *
 * @param tile - the coordinates; `width` 256 is a full tile (no `.p/` suffix).
 * @returns the relative path (no leading slash), e.g. `tile/0/x001/x234/067.p/5`.
 * @throws JilError `INVALID_ARGUMENT` naming every bad field (`tile.level`, `tile.index`, `tile.width`).
 * @see c2sp.org/tlog-tiles §Merkle Tree, §Log entries
 * @example
 * import { formatTilePath } from '@jil/core/tlog';
 * formatTilePath({ level: 'entries', index: 1234067, width: 256 }); // 'tile/entries/x001/x234/067'
 */
export function formatTilePath(tile: Tile): string {
  assertTile(tile);
  const { level, index, width } = tile;
  return `tile/${level}/${formatTileIndex(index)}${width === TILE_WIDTH ? '' : `.p/${width}`}`;
}

/** Internal: N as 3-digit path elements, `x`-prefixed except the last. */
export function formatTileIndex(index: number): string {
  let rest = index;
  let out = String(rest % 1000).padStart(3, '0');
  rest = Math.floor(rest / 1000);
  while (rest > 0) {
    out = `x${String(rest % 1000).padStart(3, '0')}/${out}`;
    rest = Math.floor(rest / 1000);
  }
  return out;
}
