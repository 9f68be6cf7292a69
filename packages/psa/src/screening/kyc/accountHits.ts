import type { BankEntry, IbanCountrySpec } from '../../datasets/types.js';
import type { Party } from '../../schema/transferRequest.js';
import type { KycHit } from '../types.js';
import type { DatasetRef } from './datasetRef.js';
import { validateBic } from './validateBic.js';
import { validateIban } from './validateIban.js';

/** What {@link accountHits} reads: the registries and how to cite them. */
export interface KycRegistries {
  iban: ReadonlyMap<string, IbanCountrySpec>;
  banks: ReadonlyMap<string, BankEntry>;
  /** Countries the bank registry covers (an unknown BIC is only worth mentioning there). */
  bankCountries: ReadonlySet<string>;
  ibanSource: DatasetRef;
  bicSource: DatasetRef;
}

/** Result of {@link accountHits}. */
export interface AccountHitsReturnType {
  hits: KycHit[];
  /** Country of a valid IBAN, when given. */
  ibanCountry?: string;
  /** Country of a valid BIC, when given. */
  bicCountry?: string;
}

/**
 * IBAN and BIC checks of one party (KYC stage):
 * - invalid IBAN → `iban` hit, severity `flag`, code from {@link validateIban} (`iban_checksum` …);
 * - invalid BIC → `bic` hit, severity `flag`, code `bic_format` / `bic_country_unknown`;
 * - valid IBAN or BIC whose country differs from the party's declared `country` → severity `flag`,
 *   code `iban_country_mismatch` / `bic_country_mismatch`; valid IBAN and BIC of different
 *   countries → `bic` hit `iban_bic_country_mismatch` (`flag`);
 * - valid BIC absent from the bank registry although the registry covers its country → `bic` hit
 *   severity `info`, code `bic_not_in_registry` (the registry is not the SWIFT directory);
 *   an ISO 9362 test BIC → `info`, code `bic_test`.
 *
 * @param party the sender or receiver.
 * @param role which one, for the hit and its reason.
 * @param registries IBAN registry, bank registry and their citations.
 * @example
 * import { accountHits } from './accountHits.js';
 * accountHits({ id: 'c1', country: 'CH', iban: 'CH9300762011623852957' }, 'sender', registries).hits; // []
 */
export function accountHits(party: Party, role: 'sender' | 'receiver', registries: KycRegistries): AccountHitsReturnType {
  const hits: KycHit[] = [];
  const Role = role === 'sender' ? 'Sender' : 'Receiver';
  const out: AccountHitsReturnType = { hits };
  const declared = party.country;
  if (party.iban !== undefined) {
    const r = validateIban(party.iban, registries.iban);
    const src = registries.ibanSource;
    const cite = {
      list: src.list,
      list_date: src.list_date,
      provenance: { dataset: src.list, file: src.file, key: r.country || r.iban.slice(0, 2) },
    };
    const country = r.country ? { country: r.country } : {};
    if (!r.valid) {
      hits.push({
        kind: 'iban',
        party: role,
        ...country,
        severity: 'flag',
        code: r.code ?? 'iban_format',
        ...cite,
        reason: `${Role} IBAN is invalid: ${r.message}`,
      });
    } else {
      out.ibanCountry = r.country;
      if (declared !== undefined && declared !== r.country) {
        hits.push({
          kind: 'iban',
          party: role,
          country: r.country,
          severity: 'flag',
          code: 'iban_country_mismatch',
          ...cite,
          reason: `${Role} IBAN is from ${r.country} but the ${role}'s declared country is ${declared}`,
        });
      }
    }
  }
  if (party.bic !== undefined) {
    const r = validateBic(party.bic, registries.banks);
    const src = registries.bicSource;
    const cite = { list: src.list, list_date: src.list_date, provenance: { dataset: src.list, file: src.file, key: r.bic } };
    const country = r.country ? { country: r.country } : {};
    if (!r.valid) {
      hits.push({
        kind: 'bic',
        party: role,
        ...country,
        severity: 'flag',
        code: r.code ?? 'bic_format',
        ...cite,
        reason: `${Role} BIC is invalid (ISO 9362): ${r.message}`,
      });
    } else {
      out.bicCountry = r.country;
      if (declared !== undefined && declared !== r.country) {
        hits.push({
          kind: 'bic',
          party: role,
          country: r.country,
          severity: 'flag',
          code: 'bic_country_mismatch',
          ...cite,
          reason: `${Role} BIC ${r.bic} is from ${r.country} but the ${role}'s declared country is ${declared}`,
        });
      }
      if (out.ibanCountry !== undefined && out.ibanCountry !== r.country) {
        hits.push({
          kind: 'bic',
          party: role,
          country: r.country,
          severity: 'flag',
          code: 'iban_bic_country_mismatch',
          ...cite,
          reason: `${Role} IBAN country ${out.ibanCountry} differs from BIC ${r.bic} country ${r.country}`,
        });
      }
      if (r.test) {
        hits.push({
          kind: 'bic',
          party: role,
          country: r.country,
          severity: 'info',
          code: 'bic_test',
          ...cite,
          reason: `${Role} BIC ${r.bic} is an ISO 9362 test-and-training BIC (location code ends in 0)`,
        });
      } else if (!r.known && registries.bankCountries.has(r.country)) {
        hits.push({
          kind: 'bic',
          party: role,
          country: r.country,
          severity: 'info',
          code: 'bic_not_in_registry',
          ...cite,
          reason:
            `${Role} BIC ${r.bic} is well-formed but not in the ${r.country} bank registry extract (not the SWIFT ` +
            `directory; informational)`,
        });
      }
    }
  }
  return out;
}
