import { JilError } from '../errors/JilError.js';
import { tileStart } from './assertTile.js';
import { TILE_WIDTH, type Tile } from './Tile.js';

/**
 * Parse a tile or entry bundle path (`tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`) back into coordinates,
 * accepting only the one canonical spelling: level 0…63 or `entries` without leading zeros; N as 3-digit elements,
 * `x`-prefixed except the last, no leading `x000`; W 1…255 without leading zeros (a full tile has no `.p/`).
 *
 * @param path - the path below the log prefix, starting with `tile/` (no leading slash, no query).
 * @returns the {@link Tile}; `width` is 256 without a `.p/` suffix.
 * @throws JilError `INVALID_ARGUMENT` with `details.fields` naming every bad part (`path`, `level`, `index`, `width`)
 *   and `details.field` the first; also when the tile's start index N·256^(L+1) exceeds 2^53 (`index`).
 * @see c2sp.org/tlog-tiles §Merkle Tree
 * @example
 * import { parseTilePath } from '@jil/core/tlog';
 * parseTilePath('tile/1/x001/234.p/17'); // { level: 1, index: 1234, width: 17 }
 */
export function parseTilePath(path: string): Tile {
  const fields: { field: string; message: string }[] = [];
  const fail = (): never => {
    throw new JilError('INVALID_ARGUMENT', `invalid tile path: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
      details: { field: fields[0]!.field, fields },
    });
  };
  if (typeof path !== 'string' || !path.startsWith('tile/')) {
    fields.push({ field: 'path', message: "must start with 'tile/'" });
    return fail();
  }
  const [levelText = '', ...rest] = path.slice('tile/'.length).split('/');
  let level: number | 'entries' = 'entries';
  if (levelText !== 'entries') {
    level = /^(0|[1-9][0-9]?)$/.test(levelText) ? Number(levelText) : NaN;
    if (!(level <= 63)) fields.push({ field: 'level', message: "must be 0…63 without leading zeros, or 'entries'" });
  }
  let width = TILE_WIDTH;
  let elements = rest;
  const last = rest[rest.length - 1] ?? '';
  if (rest.length >= 2 && rest[rest.length - 2]!.endsWith('.p')) {
    elements = [...rest.slice(0, -2), rest[rest.length - 2]!.slice(0, -2)];
    width = /^[1-9][0-9]{0,2}$/.test(last) ? Number(last) : NaN;
    if (!(width < TILE_WIDTH)) fields.push({ field: 'width', message: 'must be 1…255 without leading zeros' });
  }
  const digits = elements.map((e, i) => (i < elements.length - 1 ? /^x([0-9]{3})$/ : /^([0-9]{3})$/).exec(e)?.[1]);
  let index = NaN;
  if (elements.length === 0 || digits.some((d) => d === undefined)) {
    fields.push({ field: 'index', message: "must be 3-digit path elements, all but the last prefixed 'x'" });
  } else if (elements.length > 1 && digits[0] === '000') {
    fields.push({ field: 'index', message: "must not start with 'x000'" });
  } else {
    index = Number(digits.join(''));
    if (!Number.isSafeInteger(index) || (typeof level === 'number' && level <= 63 && !Number.isSafeInteger(tileStart(level, index)))) {
      fields.push({ field: 'index', message: 'is out of range (tile start beyond 2^53)' });
    }
  }
  if (fields.length > 0) return fail();
  return { level, index, width };
}
