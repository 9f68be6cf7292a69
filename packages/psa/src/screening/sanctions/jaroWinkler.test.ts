import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaroWinkler.js';

describe('jaro / jaroWinkler', () => {
  // Reference values from Winkler (1990) and the usual textbook examples.
  it.each([
    ['martha', 'marhta', 0.9444, 0.9611],
    ['dwayne', 'duane', 0.8222, 0.84],
    ['dixon', 'dicksonx', 0.7667, 0.8133],
    ['crate', 'trace', 0.7333, 0.7333],
  ])('%s / %s', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 4);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 4);
  });

  it('handles empty and identical strings', () => {
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('abc', '')).toBe(0);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('gives the same result on the bit-set path (≤ 31 chars) and the array path', () => {
    const a = 'internationalbusinesscorporation';
    const b = 'internationalbusinesscorportaion';
    expect(a.length).toBeGreaterThan(31);
    // Same strings padded identically keep Jaro comparable: compare the long pair against a direct recomputation.
    expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 12);
    expect(jaroWinkler(a, b)).toBeGreaterThan(0.95);
    expect(jaroWinkler(a, b)).toBeLessThan(1);
  });

  it('property: symmetric, in [0, 1], 1 iff equal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBe(jaroWinkler(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s === 1).toBe(a === b);
      }),
      { numRuns: 500 },
    );
  });
});
