import { describe, expect, it } from 'vitest';
import { normalizeName, TOKEN_WEIGHTS } from './normalizeName.js';

const key = (name: string, schema?: Parameters<typeof normalizeName>[1]) => normalizeName(name, schema).key;
const kinds = (name: string, schema?: Parameters<typeof normalizeName>[1]) =>
  normalizeName(name, schema).tokens.map((t) => `${t.text}:${t.kind}`);

describe('normalizeName', () => {
  it('turns OFAC "SURNAME, Given" into given-name order', () => {
    expect(key('PUTIN, Vladimir Vladimirovich', 'Person')).toBe('vladimir vladimirovich putin');
    expect(key('Frost, William G.')).toBe('william g frost');
    expect(normalizeName('KIM, Jong Un', 'Person').writtenKey).toBe('kim jong un');
    expect(normalizeName('Kim Jong Un', 'Person').writtenKey).toBeUndefined();
    // not before a legal form, not for organizations, not with two commas
    expect(key('ANGLO-CARIBBEAN CO., LTD.', 'Organization')).toBe('anglo caribbean |ltd');
    expect(key('Mendez, B.V.B.A')).toBe('mendez |llc');
    expect(key('Bank of China, Hong Kong', 'Organization')).toBe('bank of china hong kong');
    expect(key('A, B, C', 'Person')).toBe('a b c');
  });

  it('folds diacritics and scripts, deletes apostrophes, splits on punctuation', () => {
    expect(key("Al-Qa'ida", 'Organization')).toBe('al qaida');
    expect(key('Margarita-Simonyán', 'Person')).toBe('margarita simonyan');
    expect(key('Сергей Лавров', 'Person')).toBe('sergey lavrov');
    expect(key("Standard & Poor's", 'Organization')).toBe('standard and poors');
  });

  it('joins dotted abbreviations for organizations and splits them into initials for persons', () => {
    expect(key('A.B.C. Company', 'Organization')).toBe('abc |inc');
    expect(key('Volkswagen Bank G.m.b.H.', 'Organization')).toBe('volkswagen bank |llc');
    expect(key('J.C. Juncker', 'Person')).toBe('j c juncker');
    expect(key('J.-C. Juncker', 'Person')).toBe('j c juncker');
    expect(key('Acme S.A.')).toBe('acme |jsc');
  });

  it('reads digits inside words as letters, numbers and ordinals as digits, Roman numerals in organization names', () => {
    expect(key('I9or Sech1n', 'Person')).toBe('igor sechin');
    expect(key('Brigade Forty-Four', 'Organization')).toBe('brigade 44');
    expect(key('1st International Bank', 'Organization')).toBe('1 international bank');
    expect(key('Blackstone Capital Partners VII L.P.', 'Organization')).toBe('blackstone capital partners 7 |lp');
    expect(key('Xi Jinping', 'Person')).toBe('xi jinping');
  });

  it('drops courtesy titles and a leading "the", canonicalizes particles', () => {
    expect(key('Präsident Barack Obama', 'Person')).toBe('barack obama');
    expect(key('Dr. Ayman AL ZAWAHIRI', 'Person')).toBe('ayman al zawahiri');
    expect(key('The World Bank', 'Organization')).toBe('world bank');
    expect(key('Usama ibn Laden', 'Person')).toBe('usama bin laden');
    expect(key('Isa Ben Tarif', 'Person')).toBe('isa bin tarif');
    expect(key('محمد بن سلمان', 'Person')).toBe('mhmd bin slman');
    expect(key('Mr', 'Person')).toBe('mr');
  });

  it('extracts legal forms as a feature (not for persons)', () => {
    const gazprom = normalizeName('Open Joint Stock Company Gazprom', 'Organization');
    expect(gazprom.tokens.map((t) => t.text)).toEqual(['gazprom']);
    expect(gazprom.legalForms).toEqual(['jsc']);
    expect(normalizeName('Nicolas Maduro SA', 'Person').legalForms).toEqual([]);
    expect(normalizeName('Nicolas Maduro SA').legalForms).toEqual(['jsc']);
  });

  it('classifies and weighs tokens', () => {
    expect(kinds('Shaikh Isa Bin Tarif Al Bin Ali J', 'Person')).toEqual([
      'shaikh:honorific',
      'isa:word',
      'bin:particle',
      'tarif:word',
      'al:particle',
      'bin:particle',
      'ali:word',
      'j:initial',
    ]);
    expect(kinds('Bowne Global Solutions II', 'Organization')).toEqual(['bowne:word', 'global:generic', 'solutions:generic', '2:number']);
    expect(kinds('Bank Global', 'Person')).toEqual(['bank:word', 'global:word']);
    expect(kinds('M-VITO', 'Aircraft')).toEqual(['m:word', 'vito:word']);
    expect(normalizeName('Hans J Friedrich').tokens.map((t) => t.weight)).toEqual([
      TOKEN_WEIGHTS.word,
      TOKEN_WEIGHTS.initial,
      TOKEN_WEIGHTS.word,
    ]);
  });

  it('returns no tokens for a name without letters or digits', () => {
    expect(normalizeName('  -- ').tokens).toEqual([]);
  });
});
