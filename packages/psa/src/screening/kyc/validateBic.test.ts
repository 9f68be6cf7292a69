import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANKS } from './__fixtures__/kycFixtures.js';
import { isIsoCountry } from './isoCountry.js';
import { validateBic } from './validateBic.js';

describe('validateBic (ISO 9362:2014)', () => {
  it.each([
    ['DEUTDEFF', 'DE'],
    ['DEUTDEFF500', 'DE'],
    ['deut de ff', 'DE'],
    ['UBSWCHZH80A', 'CH'],
    ['NWBKGB2L', 'GB'],
    ['1234DEFF', 'DE'], // digits in the party prefix are allowed since ISO 9362:2014
    ['BKAUATWWXXX', 'AT'],
  ])('accepts %s (%s)', (bic, country) => {
    const r = validateBic(bic);
    expect(r).toMatchObject({ valid: true, country, known: false });
    expect(r.code).toBeUndefined();
  });

  it.each([
    ['DEUTDEF', 'bic_format'],
    ['DEUTDEFF5', 'bic_format'],
    ['DEUTDEFF5000', 'bic_format'],
    ['DEUT1EFF', 'bic_format'],
    ['DEUTDEF-', 'bic_format'],
    ['DEUTZZFF', 'bic_country_unknown'],
    ['DEUTQQFFXXX', 'bic_country_unknown'],
  ])('rejects %s with %s', (bic, code) => {
    expect(validateBic(bic)).toMatchObject({ valid: false, code, known: false });
  });

  it('looks the BIC up in the bank registry (8 ↔ 11 characters, branch → institution)', () => {
    expect(validateBic('PBNKDEFF', BANKS)).toMatchObject({ valid: true, known: true, bank: { name: 'Postbank Ndl der Deutsche Bank' } });
    expect(validateBic('PBNKDEFFXXX', BANKS)).toMatchObject({ known: true });
    expect(validateBic('PBNKDEFF123', BANKS)).toMatchObject({ known: true });
    expect(validateBic('UBSWCHZH80A', BANKS)).toMatchObject({ known: true });
    expect(validateBic('DEUTDEFF', BANKS)).toMatchObject({ valid: true, known: false });
  });

  it('marks test BICs (location second character 0) without rejecting them', () => {
    expect(validateBic('ABCDCH20')).toMatchObject({ valid: true, test: true });
    expect(validateBic('ABCDCH2L')).toMatchObject({ valid: true, test: false });
  });

  it('property: every 8/11-character string of the right classes with an ISO country is valid', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    const str = (n: number) => fc.array(alnum, { minLength: n, maxLength: n }).map((a) => a.join(''));
    fc.assert(
      fc.property(str(4), fc.constantFrom('DE', 'CH', 'US', 'CN', 'XK'), str(2), fc.option(str(3), { nil: undefined }), (p, c, l, b) => {
        const r = validateBic(`${p}${c}${l}${b ?? ''}`);
        expect(r.valid).toBe(true);
        expect(r.country).toBe(c);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => void validateBic(s, BANKS)));
  });
});

describe('isIsoCountry', () => {
  it('knows assigned codes and XK, not user-assigned or reserved ones', () => {
    for (const c of ['CH', 'DE', 'US', 'KP', 'IR', 'SS', 'XK']) expect(isIsoCountry(c)).toBe(true);
    for (const c of ['ZZ', 'QQ', 'EU', 'UK', 'ch']) expect(isIsoCountry(c)).toBe(false);
  });
});
