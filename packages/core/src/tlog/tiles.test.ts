import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../bytes/encoding.js';
import { isJilError } from '../errors/JilError.js';
import { encodeEntryBundle } from './encodeEntryBundle.js';
import { formatTilePath } from './formatTilePath.js';
import { parseEntryBundle } from './parseEntryBundle.js';
import { parseTilePath } from './parseTilePath.js';
import type { Tile } from './Tile.js';
import { tilesForTreeSize } from './tilesForTreeSize.js';

const thrown = (fn: () => unknown): { code: string; field?: unknown; fields?: string[] | undefined } => {
  try {
    fn();
  } catch (e) {
    if (isJilError(e))
      return {
        code: e.code,
        field: e.details['field'],
        fields: (e.details['fields'] as { field: string }[] | undefined)?.map((f) => f.field),
      };
    throw e;
  }
  throw new Error('expected a throw');
};

describe('tile paths (c2sp.org/tlog-tiles)', () => {
  it('formats the spec examples', () => {
    expect(formatTilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(formatTilePath({ level: 'entries', index: 1234067, width: 256 })).toBe('tile/entries/x001/x234/067');
    expect(formatTilePath({ level: 2, index: 0, width: 1 })).toBe('tile/2/000.p/1');
    expect(formatTilePath({ level: 0, index: 273, width: 112 })).toBe('tile/0/273.p/112');
    expect(formatTilePath({ level: 3, index: 1000, width: 255 })).toBe('tile/3/x001/000.p/255');
    expect(formatTilePath({ level: 63, index: 0, width: 1 })).toBe('tile/63/000.p/1');
  });

  it('parse ∘ format = id for every valid tile', () => {
    // Any level, and any index whose tile starts below 2^53 (N·256^(L+1) ≤ 2^53 − 1).
    const level = fc.oneof(fc.constant<'entries'>('entries'), fc.integer({ min: 0, max: 63 }));
    const coords = level.chain((l) =>
      fc.tuple(fc.constant(l), fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 256 ** ((l === 'entries' ? 0 : l) + 1)) })),
    );
    fc.assert(
      fc.property(coords, fc.integer({ min: 1, max: 256 }), ([l, index], width) => {
        const tile: Tile = { level: l, index, width };
        const path = formatTilePath(tile);
        expect(parseTilePath(path)).toEqual(tile);
        expect(formatTilePath(parseTilePath(path))).toBe(path);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects every non-canonical or out-of-range path, naming the field', () => {
    const cases: [string, string[]][] = [
      ['', ['path']],
      ['/tile/0/000', ['path']],
      ['tiles/0/000', ['path']],
      ['tile/00/000', ['level']],
      ['tile/01/000', ['level']],
      ['tile/64/000', ['level']],
      ['tile/-1/000', ['level']],
      ['tile/data/000', ['level']],
      ['tile/0/0', ['index']],
      ['tile/0/0000', ['index']],
      ['tile/0/x000', ['index']],
      ['tile/0/001/234', ['index']],
      ['tile/0/x001/x234', ['index']],
      ['tile/0/x000/001', ['index']],
      ['tile/0/x001/234/', ['index']],
      ['tile/0/', ['index']],
      ['tile/entries', ['index']],
      ['tile/0/12a', ['index']],
      ['tile/0/000.p/0', ['width']],
      ['tile/0/000.p/256', ['width']],
      ['tile/0/000.p/300', ['width']],
      ['tile/0/000.p/005', ['width']],
      ['tile/0/000.p/', ['width']],
      ['tile/0/000.p', ['index']],
      ['tile/0/000.p/1/2', ['index']],
      ['tile/7/001', ['index']], // start 1·256^8 > 2^53
      ['tile/entries/x009/x007/x199/x254/x740/992', ['index']], // 9,007,199,254,740,992 > 2^53 - 1
      ['tile/99/x000/1.p/0', ['level', 'width', 'index']],
    ];
    for (const [path, fields] of cases) {
      const e = thrown(() => parseTilePath(path));
      expect([path, e.code, [...(e.fields ?? [])].sort()]).toEqual([path, 'INVALID_ARGUMENT', [...fields].sort()]);
    }
    expect(thrown(() => parseTilePath(7 as unknown as string)).field).toBe('path');
  });

  it('formatTilePath rejects bad coordinates naming every field', () => {
    const bad: [unknown, string[]][] = [
      [{ level: 64, index: 0, width: 1 }, ['tile.level']],
      [{ level: 'data', index: 0, width: 1 }, ['tile.level']],
      [{ level: 0, index: -1, width: 0 }, ['tile.index', 'tile.width']],
      [{ level: 0, index: 1.5, width: 257 }, ['tile.index', 'tile.width']],
      [{ level: 7, index: 1, width: 256 }, ['tile.index']],
    ];
    for (const [tile, fields] of bad) expect(thrown(() => formatTilePath(tile as Tile)).fields).toEqual(fields);
    expect(thrown(() => formatTilePath(null as unknown as Tile)).field).toBe('tile');
  });
});

describe('tilesForTreeSize', () => {
  const summary = (tiles: Tile[]): string[] => {
    const out: string[] = [];
    for (const t of tiles) {
      const label = `L${t.level}:${t.width === 256 ? 'full' : `p${t.width}`}`;
      const last = out[out.length - 1];
      const m = last?.match(/^(\d+)×(.*)$/);
      if (m && m[2] === label) out[out.length - 1] = `${Number(m[1]) + 1}×${label}`;
      else out.push(`1×${label}`);
    }
    return out;
  };

  it('matches the spec examples: 70,000 and 256', () => {
    expect(summary(tilesForTreeSize(70_000))).toEqual(['273×L0:full', '1×L0:p112', '1×L1:full', '1×L1:p17', '1×L2:p1']);
    expect(tilesForTreeSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesForTreeSize(0)).toEqual([]);
    expect(tilesForTreeSize(1)).toEqual([{ level: 0, index: 0, width: 1 }]);
  });

  it('partial widths are ⌊s/256^l⌋ mod 256 and growing from an old size lists exactly the changed tiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 300_000 }), (a, b) => {
        const [oldSize, size] = a <= b ? [a, b] : [b, a];
        const all = tilesForTreeSize(size);
        for (const t of all) {
          const count = Math.floor(size / 256 ** (t.level as number));
          expect(t.width).toBe(t.index < Math.floor(count / 256) ? 256 : count % 256);
        }
        const before = new Set(tilesForTreeSize(oldSize).map(formatTilePath));
        const changed = all.filter((t) => !before.has(formatTilePath(t)));
        expect(tilesForTreeSize(size, oldSize)).toEqual(changed);
      }),
      { numRuns: 200 },
    );
    expect(thrown(() => tilesForTreeSize(1, 2)).field).toBe('oldTreeSize');
    expect(thrown(() => tilesForTreeSize(-1)).field).toBe('treeSize');
  });
});

describe('entry bundles', () => {
  it('golden bytes', () => {
    const bundle = encodeEntryBundle([new Uint8Array([0xaa]), new Uint8Array(0), new Uint8Array(300).fill(7)]);
    expect(bytesToHex(bundle.subarray(0, 6))).toBe('0001aa00' + '0001');
    expect(bundle[6]).toBe(0x2c);
    expect(bundle.length).toBe(3 + 2 + 302);
  });

  it('parse ∘ encode = id, and any truncation or extension is rejected', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { minLength: 1, maxLength: 256 }), fc.nat(), (entries, cut) => {
        const bundle = encodeEntryBundle(entries);
        expect(parseEntryBundle(bundle, entries.length)).toEqual(entries);
        expect(parseEntryBundle(bundle)).toEqual(entries);
        const at = cut % bundle.length;
        const truncated = bundle.subarray(0, at);
        if (at === 0) expect(thrown(() => parseEntryBundle(truncated)).code).toBe('TLOG_TILE_INVALID');
        else {
          // A cut exactly at an entry boundary still parses, but to fewer entries than the path's width.
          expect(thrown(() => parseEntryBundle(truncated, entries.length)).code).toBe('TLOG_TILE_INVALID');
        }
        const extended = new Uint8Array([...bundle, 0]);
        expect(thrown(() => parseEntryBundle(extended, entries.length)).code).toBe('TLOG_TILE_INVALID');
      }),
      { numRuns: 200 },
    );
  });

  it('wrong inputs', () => {
    expect(thrown(() => encodeEntryBundle([])).field).toBe('entries');
    expect(thrown(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(1)))).field).toBe('entries');
    expect(thrown(() => encodeEntryBundle([new Uint8Array(1), new Uint8Array(65_536)])).field).toBe('entries[1]');
    expect(thrown(() => encodeEntryBundle(['x' as unknown as Uint8Array])).field).toBe('entries[0]');
    expect(encodeEntryBundle([new Uint8Array(65_535)]).length).toBe(65_537);
    expect(thrown(() => parseEntryBundle(new Uint8Array([0, 1, 1]), 0)).field).toBe('width');
    expect(thrown(() => parseEntryBundle([0, 1, 1] as unknown as Uint8Array)).field).toBe('bundle');
    const many = new Uint8Array(2 * 257); // 257 empty entries
    expect(thrown(() => parseEntryBundle(many)).code).toBe('TLOG_TILE_INVALID');
  });
});
