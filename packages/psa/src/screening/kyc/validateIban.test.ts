import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { describe, expect, it } from 'vitest';
import type { IbanCountrySpec } from '../../datasets/types.js';
import { IBAN_REGISTRY, VALID_IBANS } from './__fixtures__/kycFixtures.js';
import { ibanMod97 } from './mod97.js';
import { validateIban } from './validateIban.js';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('validateIban', () => {
  it.each(VALID_IBANS)('accepts the SWIFT registry example %s', (iban) => {
    const r = validateIban(iban, IBAN_REGISTRY);
    expect(r).toMatchObject({ valid: true, country: iban.slice(0, 2), iban });
    expect(r.code).toBeUndefined();
  });

  it('accepts the paper form (spaces, lower case)', () => {
    expect(validateIban('gb82 west 1234 5698 7654 32', IBAN_REGISTRY)).toMatchObject({ valid: true, iban: 'GB82WEST12345698765432' });
  });

  it.each([
    ['', 'iban_format'],
    ['DE89', 'iban_format'],
    ['1234567890123456', 'iban_format'],
    ['DE8937040044053201300-', 'iban_format'],
    ['DEXX370400440532013000', 'iban_format'],
    ['XX89370400440532013000', 'iban_country_unknown'],
    ['US64SVBKUS6S3300958879', 'iban_country_unknown'],
    ['DE8937040044053201300', 'iban_length'],
    ['DE893704004405320130000', 'iban_length'],
    ['DE89370400440532O13000', 'iban_bban_format'],
    ['GB82WE5T12345698765432', 'iban_bban_format'],
    ['DE88370400440532013000', 'iban_checksum'],
    ['GB82WEST12345698765423', 'iban_checksum'],
    ['CH0000762011623852957', 'iban_checksum'],
  ] as const)('rejects %j with %s', (iban, code) => {
    const r = validateIban(iban, IBAN_REGISTRY);
    expect(r.valid).toBe(false);
    expect(r.code).toBe(code);
    expect(r.message.length).toBeGreaterThan(10);
  });

  it('rejects check digits 00, 01 and 99 even when MOD 97 would verify (ISO 13616 range 02..98)', () => {
    // Find a DE BBAN whose correct check digits are 97 or 98 → 00 / 01 also give remainder 1.
    for (let n = 0; n < 500; n++) {
      const bban = `37040044${String(532013000 + n).padStart(10, '0')}`;
      const cd = 98 - ibanMod97(`DE00${bban}`);
      if (cd === 97 || cd === 98) {
        const alias = `DE${String(cd - 97).padStart(2, '0')}${bban}`;
        expect(ibanMod97(alias)).toBe(1);
        expect(validateIban(alias, IBAN_REGISTRY).code).toBe('iban_checksum');
        expect(validateIban(`DE${cd}${bban}`, IBAN_REGISTRY).valid).toBe(true);
        return;
      }
    }
    throw new Error('no BBAN with check digits 97/98 in range');
  });

  it('property: any same-class single-character substitution (digit→digit, letter→letter) is detected by MOD 97-10', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_IBANS), fc.nat(), fc.nat(), (iban, posSeed, charSeed) => {
        const pos = posSeed % iban.length;
        const original = iban[pos] as string;
        const alphabet = DIGITS.includes(original) ? DIGITS : LETTERS;
        const replacement = alphabet[(alphabet.indexOf(original) + 1 + (charSeed % (alphabet.length - 1))) % alphabet.length] as string;
        const mutated = iban.slice(0, pos) + replacement + iban.slice(pos + 1);
        expect(validateIban(mutated, IBAN_REGISTRY).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: any adjacent transposition of two different characters is detected', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_IBANS), fc.nat(), (iban, seed) => {
        const pos = seed % (iban.length - 1);
        fc.pre(iban[pos] !== iban[pos + 1]);
        const mutated = iban.slice(0, pos) + iban[pos + 1] + iban[pos] + iban.slice(pos + 2);
        expect(validateIban(mutated, IBAN_REGISTRY).valid).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary strings and always reports a code when invalid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = validateIban(s, IBAN_REGISTRY);
        expect(r.valid || r.code !== undefined).toBe(true);
      }),
    );
  });

  it.skipIf(!HAS_SHARED_DATA)('accepts the examples under the full schwifty registry (generated.json + overwrite.json)', () => {
    const registry = new Map<string, IbanCountrySpec>();
    for (const file of ['generated.json', 'overwrite.json']) {
      const json = JSON.parse(readFileSync(dataPath('iban-registry', file), 'utf8')) as Record<string, Partial<IbanCountrySpec>>;
      for (const [code, spec] of Object.entries(json))
        registry.set(code, { ...(registry.get(code) as IbanCountrySpec), ...spec, country: code });
    }
    expect(registry.size).toBe(127);
    for (const iban of [
      ...VALID_IBANS,
      'BE68539007547034',
      'NL91ABNA0417164300',
      'ES9121000418450200051332',
      'UA213223130000026007233566001',
      'XK051212012345678906',
    ]) {
      expect(validateIban(iban, registry), iban).toMatchObject({ valid: true });
    }
  });
});
