import { describe, expect, it } from 'vitest';
import { int8ToBigInt, int8ToNumber } from './int8ToNumber.js';

describe('int8ToNumber / int8ToBigInt', () => {
  it('accept what PGlite (number, bigint) and pg (string) return', () => {
    expect(int8ToNumber(42)).toBe(42);
    expect(int8ToNumber(42n)).toBe(42);
    expect(int8ToNumber('-1700000000000')).toBe(-1_700_000_000_000);
    expect(int8ToBigInt('9223372036854775807')).toBe(9_223_372_036_854_775_807n);
    expect(int8ToBigInt(7)).toBe(7n);
    expect(int8ToBigInt(7n)).toBe(7n);
  });

  it.each([[2n ** 53n], ['9007199254740993'], [1.5], ['1e3'], [''], [null], [undefined], [{}], [Number.NaN]])(
    'int8ToNumber rejects %s with STORAGE_ERROR',
    (value) => {
      expect(() => int8ToNumber(value)).toThrow(expect.objectContaining({ code: 'STORAGE_ERROR' }));
    },
  );

  it.each([[1.5], ['12a'], [null], [undefined], [Number.MAX_SAFE_INTEGER + 2]])('int8ToBigInt rejects %s', (value) => {
    expect(() => int8ToBigInt(value)).toThrow(expect.objectContaining({ code: 'STORAGE_ERROR' }));
  });
});
