import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName, type NameToken } from './normalizeName.js';
import { tokenSimilarity } from './tokenSimilarity.js';

const tok = (s: string, schema: Parameters<typeof normalizeName>[1] = 'Person'): NameToken =>
  normalizeName(s, schema).tokens[0] as NameToken;
const sim = (a: string, b: string) => tokenSimilarity(tok(a), tok(b));

describe('tokenSimilarity', () => {
  it('is 1 only for equal tokens', () => {
    expect(sim('putin', 'PUTIN')).toBe(1);
    expect(sim('putin', 'pudin')).toBeLessThan(1);
  });

  it('rates typos and transliterations high, different names low', () => {
    expect(sim('scholz', 'scholze')).toBeGreaterThan(0.75);
    expect(sim('mahmood', 'mahmoud')).toBeCloseTo(0.88, 2); // equal phonetic forms
    expect(sim('basharr', 'bashar')).toBeGreaterThan(0.8);
    expect(sim('harry', 'larry')).toBeGreaterThan(0.6);
    expect(sim('ortiz', 'ortega')).toBeLessThan(0.6);
    expect(sim('vladimir', 'kononov')).toBe(0);
  });

  it('matches initials and prefixes', () => {
    expect(sim('j', 'john')).toBe(0.8);
    expect(sim('j', 'kate')).toBe(0);
    expect(sim('alex', 'alexander')).toBeCloseTo(0.6, 5);
  });

  it('matches numbers exactly only', () => {
    expect(tokenSimilarity(tok('44', 'Organization'), tok('44', 'Organization'))).toBe(1);
    expect(tokenSimilarity(tok('44', 'Organization'), tok('45', 'Organization'))).toBe(0);
  });

  it('compares Arabic-script tokens by consonant skeleton', () => {
    expect(tokenSimilarity(tok('محمد'), tok('Mohammed'))).toBeGreaterThan(0.75);
  });

  const word = fc.stringMatching(/^[a-z]{1,12}$/);
  it('property: symmetric and in [0, 1]', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const s = sim(a, b);
        expect(s).toBe(sim(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: with a floor, results are exact at or above it and 0 below', () => {
    fc.assert(
      fc.property(word, word, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, floor) => {
        const exact = sim(a, b);
        expect(tokenSimilarity(tok(a), tok(b), floor)).toBe(exact >= floor ? exact : 0);
      }),
      { numRuns: 1000 },
    );
  });
});
