import { describe, expect, it } from 'vitest';
import type { SanctionsEntity } from '../../datasets/types.js';
import { qualifierPenalties } from './qualifiers.js';

const entity = (over: Partial<SanctionsEntity>): SanctionsEntity => ({
  list: 'ofac-sdn',
  entry_id: '1',
  schema: 'Person',
  names: [{ name: 'X', kind: 'primary' }],
  programs: [],
  countries: [],
  birth_dates: [],
  list_date: '2024-05-03',
  provenance: { dataset: 'ofac-sdn', file: 'sdn.csv', row: 1 },
  ...over,
});

describe('qualifierPenalties', () => {
  it('is empty when data is missing or agrees', () => {
    expect(qualifierPenalties({}, entity({ countries: ['RU'], birth_dates: ['1952'] }))).toEqual({});
    expect(
      qualifierPenalties({ country: 'RU', date_of_birth: '1952-10-07' }, entity({ countries: ['RU'], birth_dates: ['07 Oct 1952'] })),
    ).toEqual({});
    expect(qualifierPenalties({ country: 'RU', date_of_birth: '1953' }, entity({ birth_dates: ['circa 1952'] }))).toEqual({});
    expect(qualifierPenalties({ country: 'CH' }, entity({ countries: [] }))).toEqual({});
  });

  it('lowers the score for a different country (−0.05) and a birth year more than a year off (−0.10)', () => {
    expect(
      qualifierPenalties({ country: 'US', date_of_birth: '1980' }, entity({ countries: ['RU'], birth_dates: ['07 Oct 1952', '1953'] })),
    ).toEqual({
      qualifier_country: -0.05,
      qualifier_dob: -0.1,
    });
  });

  it('treats withdrawn ISO codes as their successors (SU → RU)', () => {
    expect(qualifierPenalties({ country: 'RU' }, entity({ countries: ['SU'] }))).toEqual({});
  });

  it('applies the date of birth to persons only', () => {
    expect(qualifierPenalties({ date_of_birth: '1980' }, entity({ schema: 'Organization', birth_dates: ['1952'] }))).toEqual({});
  });
});
