import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromMinorUnits, preclearanceFeeCents, toMinorUnits } from './decimal.js';

describe('decimal money', () => {
  it('round-trips minor units (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (units) => {
        expect(toMinorUnits(fromMinorUnits(units, 2), 2)).toBe(units);
      }),
    );
  });
  it('refuses floats, signs, exponents and extra decimals', () => {
    for (const bad of ['-1', '1e3', '1.234', '.5', '01', '', ' 1'])
      expect(() => toMinorUnits(bad, 2), bad).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('charges 25 bps with a 1 USD floor, rounded up to the cent', () => {
    expect(preclearanceFeeCents(toMinorUnits('100.00', 2))).toBe(100n);
    expect(preclearanceFeeCents(toMinorUnits('10000.00', 2))).toBe(2500n);
    expect(preclearanceFeeCents(toMinorUnits('10000.01', 2))).toBe(2501n);
  });
});
