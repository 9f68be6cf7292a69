import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editSimilarity, osaDistance } from './editSimilarity.js';

describe('osaDistance / editSimilarity', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['anglea', 'angela', 1],
    ['ca', 'abc', 3], // optimal string alignment: no edit of a transposed substring
    ['harry', 'larry', 1],
  ])('%j → %j = %i', (a, b, d) => {
    expect(osaDistance(a, b)).toBe(d);
  });

  it('editSimilarity = 1 - d / max length', () => {
    expect(editSimilarity('harry', 'larry')).toBeCloseTo(0.8, 10);
    expect(editSimilarity('', '')).toBe(1);
  });

  it('property: symmetric, bounded by the longer length, 0 iff equal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const d = osaDistance(a, b);
        expect(d).toBe(osaDistance(b, a));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d === 0).toBe(a === b);
      }),
      { numRuns: 500 },
    );
  });
});
