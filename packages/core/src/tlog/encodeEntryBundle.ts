import { assertBytes } from '../bytes/assertBytes.js';
import { JilError } from '../errors/JilError.js';
import { TILE_WIDTH } from './Tile.js';

/**
 * Encode an entry bundle: each entry as a big-endian uint16 length followed by its bytes.
 *
 * @param entries - 1…256 entries of at most 65,535 bytes each, in log order.
 * @returns the bundle bytes, served at `tile/entries/<N>[.p/<W>]` with W = `entries.length`.
 * @throws JilError `INVALID_ARGUMENT` when there are 0 or more than 256 entries (`entries`) or an entry is not a
 *   Uint8Array or is longer than 65,535 bytes (`entries[i]`).
 * @see c2sp.org/tlog-tiles §Log entries
 * @example
 * import { encodeEntryBundle } from '@jil/core/tlog';
 * encodeEntryBundle([new Uint8Array([0xaa])]); // Uint8Array [0x00, 0x01, 0xaa]
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new JilError('INVALID_ARGUMENT', 'entries must be an array of 1…256 entries', { details: { field: 'entries' } });
  }
  let size = 0;
  entries.forEach((e, i) => {
    assertBytes(e, `entries[${i}]`);
    if (e.length > 0xffff) {
      throw new JilError('INVALID_ARGUMENT', 'an entry is longer than 65,535 bytes', {
        details: { field: `entries[${i}]`, length: e.length },
      });
    }
    size += 2 + e.length;
  });
  const out = new Uint8Array(size);
  let o = 0;
  for (const e of entries) {
    out[o] = e.length >>> 8;
    out[o + 1] = e.length & 0xff;
    out.set(e, o + 2);
    o += 2 + e.length;
  }
  return out;
}
