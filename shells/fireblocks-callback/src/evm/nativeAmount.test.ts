import { formatUnits, parseUnits } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNativeAmount, parseNativeAmount } from './nativeAmount.js';

describe('parseNativeAmount / formatNativeAmount', () => {
  it('parse ∘ format = id on base units, and both agree with ethers (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.integer({ min: 0, max: 30 }), (units, decimals) => {
        const text = formatNativeAmount(units, decimals);
        expect(parseNativeAmount(text, decimals)).toBe(units);
        expect(parseUnits(text, decimals)).toBe(units);
        expect(formatUnits(units, decimals).replace(/\.0$/, '')).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts trailing fraction zeros, refuses more significant digits than decimals and anything not a plain decimal', () => {
    expect(parseNativeAmount('1.500000000000000000000', 18)).toBe(1_500_000_000_000_000_000n);
    expect(parseNativeAmount('0.000000000000000001', 18)).toBe(1n);
    expect(parseNativeAmount('10', 0)).toBe(10n);
    for (const bad of [
      '0.0000000000000000001',
      '-1',
      '+1',
      '1e18',
      '01',
      '1.',
      '.5',
      ' 1',
      '1,5',
      'NaN',
      '',
      1.5,
      null,
      undefined,
      '9'.repeat(101),
    ]) {
      expect(parseNativeAmount(bad, 18)).toBeUndefined();
    }
  });
});
