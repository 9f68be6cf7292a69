import { describe, expect, it } from 'vitest';
import { bbanPattern } from './bbanPattern.js';
import { ibanMod97 } from './mod97.js';

describe('ibanMod97 (ISO 7064 MOD 97-10)', () => {
  it('gives 1 for valid IBANs and the complement for check digits 00', () => {
    expect(ibanMod97('DE89370400440532013000')).toBe(1);
    expect(ibanMod97('GB82WEST12345698765432')).toBe(1);
    // ISO 13616 check-digit computation: 98 - (BBAN + CC + "00") mod 97.
    expect(98 - ibanMod97('DE00370400440532013000')).toBe(89);
    expect(98 - ibanMod97('GB00WEST12345698765432')).toBe(82);
  });

  it('agrees with BigInt arithmetic on long inputs', () => {
    const iban = 'LC55HEMM000100010012001200023015';
    const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    expect(ibanMod97(iban)).toBe(Number(BigInt(digits) % 97n));
  });

  it('returns -1 for characters outside [0-9A-Z]', () => {
    expect(ibanMod97('de89370400440532013000')).toBe(-1);
  });
});

describe('bbanPattern (SWIFT IBAN registry notation)', () => {
  it('compiles fixed and variable lengths', () => {
    expect(bbanPattern('4!a6!n8!n').source).toBe('^[A-Z]{4}[0-9]{6}[0-9]{8}$');
    expect(bbanPattern('5!n12!c').test('00762011623852957')).toBe(true);
    expect(bbanPattern('3n').test('12')).toBe(true);
    expect(bbanPattern('3n').test('1234')).toBe(false);
  });

  it('throws INVALID_ARGUMENT on malformed notation', () => {
    expect(() => bbanPattern('4!x')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => bbanPattern('')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => bbanPattern('4!n junk')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
