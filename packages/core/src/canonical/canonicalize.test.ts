import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '@jil/testkit';
import type { ErrorCode } from '../errors/codes.js';
import { isJilError } from '../errors/JilError.js';
import { jsonValue, reorderKeys, withoutNegativeZero } from './arbitraries.testutil.js';
import { canonicalBytes, canonicalize } from './canonicalize.js';
import { parseJson } from './parseJson.js';

/** Test-side path formatting (kept independent of jsonPath.ts). */
type Step = string | number;
function pathOf(steps: readonly Step[]): string {
  return steps.reduce<string>(
    (p, s) => (typeof s === 'number' ? `${p}[${s}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `${p}.${s}` : `${p}[${JSON.stringify(s)}]`),
    '$',
  );
}
function wrap(inner: unknown, steps: readonly Step[]): unknown {
  return steps.reduceRight<unknown>((acc, s) => {
    if (typeof s === 'number') return [...Array.from({ length: s }, () => null), acc];
    return Object.fromEntries(
      [
        ['other', 1],
        [s, acc],
      ].filter(([k], i) => i === 1 || k !== s),
    );
  }, inner);
}
const steps = fc.array(fc.oneof(fc.nat({ max: 3 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 4 });

class Instance {
  a = 1;
}
class ArraySubclass extends Array<number> {}
const sparse: unknown[] = [];
sparse[1] = 1;

/** Each bad value, the code canonicalize must throw, and the step below the insertion point the path should name. */
const REJECTIONS: ReadonlyArray<[string, () => unknown, ErrorCode, Step[]]> = [
  ['NaN', () => NaN, 'CANONICAL_NON_FINITE_NUMBER', []],
  ['Infinity', () => Infinity, 'CANONICAL_NON_FINITE_NUMBER', []],
  ['-Infinity', () => -Infinity, 'CANONICAL_NON_FINITE_NUMBER', []],
  ['2^53', () => 2 ** 53, 'CANONICAL_UNSAFE_INTEGER', []],
  ['-(2^53)', () => -(2 ** 53), 'CANONICAL_UNSAFE_INTEGER', []],
  ['1e21', () => 1e21, 'CANONICAL_UNSAFE_INTEGER', []],
  ['MAX_VALUE', () => Number.MAX_VALUE, 'CANONICAL_UNSAFE_INTEGER', []],
  ['undefined', () => undefined, 'CANONICAL_UNSUPPORTED_TYPE', []],
  ['function', () => () => 1, 'CANONICAL_UNSUPPORTED_TYPE', []],
  ['symbol', () => Symbol('s'), 'CANONICAL_UNSUPPORTED_TYPE', []],
  ['bigint', () => 10n, 'CANONICAL_UNSUPPORTED_TYPE', []],
  ['undefined member', () => ({ a: 1, gone: undefined }), 'CANONICAL_UNSUPPORTED_TYPE', ['gone']],
  ['array hole', () => sparse, 'CANONICAL_UNSUPPORTED_TYPE', [0]],
  ['symbol key', () => ({ [Symbol('k')]: 1 }), 'CANONICAL_UNSUPPORTED_TYPE', []],
  ['high surrogate', () => 'a\ud800', 'CANONICAL_LONE_SURROGATE', []],
  ['low surrogate', () => '\udc00b', 'CANONICAL_LONE_SURROGATE', []],
  ['reversed pair', () => '\ude02\ud83d', 'CANONICAL_LONE_SURROGATE', []],
  ['lone surrogate key', () => ({ 'k\ud800': 1 }), 'CANONICAL_LONE_SURROGATE', ['k\ud800']],
  ['Date', () => new Date(0), 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['Map', () => new Map(), 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['Set', () => new Set(), 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['Uint8Array', () => new Uint8Array(2), 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['class instance', () => new Instance(), 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['Array subclass', () => ArraySubclass.from([1]), 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['boxed string', () => Object('a'), 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['RegExp', () => /x/, 'CANONICAL_NOT_PLAIN_OBJECT', []],
  ['inherited prototype', () => Object.create({ a: 1 }), 'CANONICAL_NOT_PLAIN_OBJECT', []],
];

describe('canonicalize', () => {
  it.each(REJECTIONS)('rejects %s anywhere, naming the path', (_label, make, code, below) => {
    fc.assert(
      fc.property(steps, (at) => {
        const error = thrown(() => canonicalize(wrap(make(), at)));
        expect(isJilError(error, code)).toBe(true);
        expect((error as { details: { path: string } }).details.path).toBe(pathOf([...at, ...below]));
      }),
      { numRuns: 30 },
    );
  });

  it('rejects cycles with CANONICAL_CYCLE but accepts shared, acyclic references', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = { inner: [loop] };
    const error = thrown(() => canonicalize(loop));
    expect(isJilError(error, 'CANONICAL_CYCLE')).toBe(true);
    expect((error as { details: { path: string } }).details.path).toBe(pathOf(['self', 'inner', 0]));
    const shared = { x: [1] };
    expect(canonicalize({ p: shared, q: shared })).toBe(canonicalize({ p: { x: [1] }, q: { x: [1] } }));
  });

  it('accepts the safe-integer edges and null-prototype objects', () => {
    for (const n of [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0.5, Number.MIN_VALUE, 2 ** 51 + 0.5]) {
      expect(canonicalize(n)).toBe(String(n));
    }
    expect(canonicalize(-0)).toBe(canonicalize(0));
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalize(bare)).toBe(canonicalize({ a: 2, b: 1 }));
  });

  it('limits nesting to 512 levels, like parseJson', () => {
    const nest = (n: number): unknown => (n === 0 ? 0 : [nest(n - 1)]);
    expect(() => canonicalize(nest(512))).not.toThrow();
    expect(
      isJilError(
        thrown(() => canonicalize(nest(513))),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
    expect(() => parseJson('['.repeat(512) + ']'.repeat(512))).not.toThrow();
    expect(
      isJilError(
        thrown(() => parseJson('['.repeat(513) + ']'.repeat(513))),
        'JSON_PARSE_ERROR',
      ),
    ).toBe(true);
  });

  it('property: canonicalize(parseJson(canonicalize(x))) === canonicalize(x)', () => {
    fc.assert(
      fc.property(jsonValue, (x) => {
        const c = canonicalize(x);
        expect(canonicalize(parseJson(c))).toBe(c);
      }),
      { numRuns: 500 },
    );
  });

  it('property: output is JSON with the same meaning (JSON.parse agrees)', () => {
    fc.assert(
      fc.property(jsonValue, (x) => {
        expect(JSON.parse(canonicalize(x))).toEqual(withoutNegativeZero(x));
      }),
      { numRuns: 300 },
    );
  });

  it('property: key order does not matter', () => {
    fc.assert(
      fc.property(jsonValue, fc.nat(), (x, seed) => {
        expect(canonicalize(reorderKeys(x, seed))).toBe(canonicalize(x));
      }),
      { numRuns: 300 },
    );
  });

  it('property: canonicalBytes is the UTF-8 of canonicalize', () => {
    fc.assert(
      fc.property(jsonValue, (x) => {
        expect(canonicalBytes(x)).toEqual(new TextEncoder().encode(canonicalize(x)));
      }),
      { numRuns: 100 },
    );
  });
});
