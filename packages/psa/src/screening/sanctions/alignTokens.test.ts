import { describe, expect, it } from 'vitest';
import { alignTokens, isRotation } from './alignTokens.js';
import { normalizeName } from './normalizeName.js';
import { tokenSimilarity } from './tokenSimilarity.js';

const align = (a: string, b: string) =>
  alignTokens(normalizeName(a, 'Person').tokens, normalizeName(b, 'Person').tokens, (_i, _j, x, y) => tokenSimilarity(x, y), 0.5);

describe('alignTokens', () => {
  it('aligns tokens regardless of order, each at most once, best first', () => {
    const r = align('Putin Vladimir Putin', 'Vladimir Putin');
    expect(r.aligned.map(([i, j, s]) => [i, j, s])).toEqual([
      [0, 1, 1],
      [1, 0, 1],
    ]);
    expect([...r.qSim]).toEqual([1, 1, -1]);
  });

  it('leaves dissimilar tokens unmatched and marks words confirmed only by an initial', () => {
    const r = align('Vladimir Putin', 'Vladimir P. Kononov');
    expect([...r.cSim]).toEqual([1, 0.8, -1]);
    expect([...r.qByInitial]).toEqual([0, 1]);
    expect([...r.cByInitial]).toEqual([0, 0, 0]);
  });
});

describe('isRotation', () => {
  it('accepts in-order and rotated alignments only', () => {
    expect(
      isRotation([
        [0, 0, 1],
        [1, 1, 1],
        [2, 2, 1],
      ]),
    ).toBe(true);
    expect(
      isRotation([
        [0, 2, 1],
        [1, 0, 1],
        [2, 1, 1],
      ]),
    ).toBe(true);
    expect(
      isRotation([
        [0, 1, 1],
        [1, 0, 1],
        [2, 2, 1],
      ]),
    ).toBe(false);
    expect(isRotation([])).toBe(true);
  });
});
