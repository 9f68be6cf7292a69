import { describe, expect, it } from 'vitest';
import { extractLegalForms, LEGAL_FORMS } from './legalForms.js';

const t = (s: string) => s.split(' ');

describe('extractLegalForms', () => {
  it.each([
    ['ooo oboronnye initsiativy', 'oboronnye initsiativy', ['llc']],
    ['oboronnye initsiativy ooo', 'oboronnye initsiativy', ['llc']],
    ['open joint stock company gazprom', 'gazprom', ['jsc']],
    ['gazprom jsc', 'gazprom', ['jsc']],
    ['tactical missiles corporation joint stock company', 'tactical missiles', ['jsc', 'inc']],
    ['faberlic europe sp z oo', 'faberlic europe', ['llc']],
    ['anglo caribbean co ltd', 'anglo caribbean', ['ltd']],
    ['lloyds banking group public limited company', 'lloyds banking group', ['ltd']],
    ['bank of china limited', 'bank of china', ['ltd']],
  ])('%s → %s %j', (input, rest, forms) => {
    const r = extractLegalForms(t(input));
    expect(r.tokens.join(' ')).toBe(rest);
    expect(r.forms).toEqual(forms);
  });

  it('keeps forms in the middle and never empties a name', () => {
    expect(extractLegalForms(t('ag trading company gmbh')).tokens.join(' ')).toBe('trading');
    expect(extractLegalForms(t('company')).tokens).toEqual(['company']);
    expect(extractLegalForms(t('llc ltd')).tokens).toEqual(['llc']); // the end is stripped first, one token is kept
    expect(extractLegalForms(t('smith and sons')).forms).toEqual([]);
  });

  it('maps national forms to one class', () => {
    for (const p of ['llc', 'ooo', 'gmbh', 'srl', 'sp z oo']) expect(LEGAL_FORMS.get(p)).toBe('llc');
    for (const p of ['jsc', 'oao', 'ag', 'sa', 'open joint stock company']) expect(LEGAL_FORMS.get(p)).toBe('jsc');
  });
});
