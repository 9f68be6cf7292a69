import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJilError } from '../errors/JilError.js';
import { isUuidV7, uuidv7 } from './uuidv7.js';

/** Test-side decoder of the RFC 9562 fields, from the 128-bit integer. */
function fields(id: string): { ms: number; version: number; variant: number; randA: bigint; randB: bigint } {
  const n = BigInt(`0x${id.replace(/-/g, '')}`);
  return {
    ms: Number(n >> 80n),
    version: Number((n >> 76n) & 0xfn),
    randA: (n >> 64n) & 0xfffn,
    variant: Number((n >> 62n) & 0x3n),
    randB: n & ((1n << 62n) - 1n),
  };
}
/** The documented bit mapping: octets 6–15 are `random`, with ver/var overwriting the top bits of random[0] / random[2]. */
function expectedRandom(random: Uint8Array): { randA: bigint; randB: bigint } {
  const r = [...random].map(BigInt) as bigint[];
  const randA = ((r[0]! & 0xfn) << 8n) | r[1]!;
  const randB = r.slice(3).reduce((acc, b) => (acc << 8n) | b, r[2]! & 0x3fn);
  return { randA, randB };
}

const timestamp = fc.integer({ min: 0, max: 2 ** 48 - 1 });
const random = fc.uint8Array({ minLength: 10, maxLength: 10 });

describe('uuidv7', () => {
  it('property: encodes time, version 7, variant 10 and 74 bits of random as documented', () => {
    fc.assert(
      fc.property(timestamp, random, (ms, rand) => {
        const id = uuidv7(new Date(ms), rand);
        expect(isUuidV7(id)).toBe(true);
        expect(fields(id)).toEqual({ ms, version: 7, variant: 0b10, ...expectedRandom(rand) });
      }),
    );
  });

  it('property: ids sort by time as strings', () => {
    fc.assert(
      fc.property(timestamp, timestamp, random, random, (a, b, ra, rb) => {
        fc.pre(a !== b);
        expect(uuidv7(new Date(a), ra) < uuidv7(new Date(b), rb)).toBe(a < b);
      }),
    );
  });

  it('draws fresh randomness by default', () => {
    const now = new Date();
    const ids = new Set(Array.from({ length: 100 }, () => uuidv7(now)));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(fields(id).ms).toBe(now.getTime());
  });

  it.each([
    ['invalid date', () => uuidv7(new Date(Number.NaN))],
    ['before 1970', () => uuidv7(new Date(-1))],
    ['past 2^48 ms', () => uuidv7(new Date(2 ** 48))],
    ['not a Date', () => uuidv7(0 as unknown as Date)],
    ['9 random bytes', () => uuidv7(new Date(0), new Uint8Array(9))],
    ['random as array', () => uuidv7(new Date(0), [1, 2] as unknown as Uint8Array)],
  ])('rejects %s with INVALID_ARGUMENT', (_l, fn) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(isJilError(error, 'INVALID_ARGUMENT')).toBe(true);
  });
});

describe('isUuidV7', () => {
  it('refuses other versions, variants, spellings and types', () => {
    const good = uuidv7(new Date(1_700_000_000_000), new Uint8Array(10).fill(0xab));
    expect(isUuidV7(good)).toBe(true);
    const variants = [
      good.toUpperCase(),
      good.replace(/-/g, ''),
      `{${good}}`,
      `${good.slice(0, 14)}4${good.slice(15)}`, // version 4
      `${good.slice(0, 19)}c${good.slice(20)}`, // variant 110
      `${good.slice(0, 19)}7${good.slice(20)}`, // variant 0
      `${good} `,
    ];
    for (const v of variants) expect(isUuidV7(v)).toBe(false);
    for (const v of [undefined, null, 7, {}, [good]]) expect(isUuidV7(v)).toBe(false);
  });
});
