import type { SanctionsEntity } from '../../datasets/types.js';

/** Penalties applied to a name score when the request's qualifiers contradict the entity's (docs/screening.md §Qualifiers). */
export const QUALIFIER_PENALTIES = {
  /** The party's country is not among the entity's nationality/citizenship countries. */
  country: 0.05,
  /** The party's year of birth is more than one year from every year of birth of the entity. */
  birthYear: 0.1,
} as const;

/** ISO 3166-3 withdrawn codes still found in lists → the successor compared against (`SU` → `RU`). */
const SUCCESSOR: Readonly<Record<string, string>> = { SU: 'RU', YU: 'RS', CS: 'RS', ZR: 'CD', DD: 'DE', BU: 'MM', TP: 'TL', AN: 'CW' };

/** What the request says about a party, for {@link qualifierPenalties}. */
export interface PartyQualifiers {
  /** ISO 3166-1 alpha-2 country of residence / incorporation / nationality. */
  country?: string;
  /** `YYYY` or `YYYY-MM-DD`. */
  date_of_birth?: string;
}

/**
 * Score adjustments from qualifiers. Only a contradiction lowers the score; agreement or missing data
 * leaves it unchanged (a name match is not made stronger by a shared nationality):
 * - `qualifier_country` = −0.05 when the party's country and the entity's countries are both known and disjoint
 *   (weak evidence: residence ≠ nationality, dual citizenship);
 * - `qualifier_dob` = −0.10 when both years of birth are known (Person entities) and none is within ±1 year
 *   (lists often give approximate or alternative years).
 *
 * @param party the request's qualifiers.
 * @param entity the list entry.
 * @returns the penalties (≤ 0) by feature name; only the features that applied.
 * @example
 * import { qualifierPenalties } from './qualifiers.js';
 * qualifierPenalties({ date_of_birth: '1990-01-01' }, entity); // { qualifier_dob: -0.1 } for an entity born 1952
 */
export function qualifierPenalties(party: PartyQualifiers, entity: SanctionsEntity): Record<string, number> {
  const out: Record<string, number> = {};
  if (party.country && entity.countries.length > 0) {
    const norm = (c: string) => SUCCESSOR[c.toUpperCase()] ?? c.toUpperCase();
    const mine = norm(party.country);
    if (!entity.countries.some((c) => norm(c) === mine)) out['qualifier_country'] = -QUALIFIER_PENALTIES.country;
  }
  if (party.date_of_birth && entity.schema === 'Person') {
    const year = Number(party.date_of_birth.slice(0, 4));
    const years = entity.birth_dates.flatMap((d) => [...d.matchAll(/(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g)].map((m) => Number(m[1])));
    if (Number.isFinite(year) && years.length > 0 && !years.some((y) => Math.abs(y - year) <= 1)) {
      out['qualifier_dob'] = -QUALIFIER_PENALTIES.birthYear;
    }
  }
  return out;
}
