import type { Snapshot } from '../../datasets/types.js';
import type { KycHit, Stage, StageOutput } from '../types.js';
import { accountHits, type KycRegistries } from './accountHits.js';
import { corridorBand } from './corridorBand.js';
import { corridorHits } from './corridorHits.js';
import { datasetRef } from './datasetRef.js';

/**
 * The KYC stage (DESIGN.md §What the product is, step 2): FATF corridor risk, IBAN (ISO 13616 +
 * MOD 97-10) and BIC (ISO 9362) checks of sender and receiver, and EDD triggers.
 *
 * - Corridor: each party's country — the declared `country`, else the country of its valid IBAN, else of
 *   its valid BIC — is looked up in `snapshot.fatf` ({@link corridorBand}). A black-list end makes the
 *   stage `flag` (EDD required); a grey-list end adds `info` hits only ({@link corridorHits}).
 * - Accounts: invalid IBAN/BIC, or IBAN/BIC country ≠ declared country → `flag` ({@link accountHits}).
 * - The stage never returns `fail`: KYC findings need review, they are not a hard stop.
 *
 * The registries' derived data (bank-registry countries, dataset citations) is computed once per
 * snapshot object and kept in the stage's own closure (a `WeakMap`), not in module state.
 *
 * @returns a {@link Stage} reading `context.snapshot.fatf`, `.iban`, `.banks` and `.datasets`.
 * @example
 * import { createKycStage } from './createKycStage.js';
 * const kyc = createKycStage();
 * const out = await kyc(request, context); // { status: 'flag', summary: 'corridor call_for_action …', hits }
 */
export function createKycStage(): Stage {
  const cache = new WeakMap<Snapshot, KycRegistries>();
  const registriesOf = (snapshot: Snapshot): KycRegistries => {
    let r = cache.get(snapshot);
    if (r === undefined) {
      const bankCountries = new Set<string>();
      for (const bank of snapshot.banks.values()) bankCountries.add(bank.country);
      r = {
        iban: snapshot.iban,
        banks: snapshot.banks,
        bankCountries,
        ibanSource: datasetRef(snapshot, 'iban-registry', 'generated.json,overwrite.json'),
        bicSource: datasetRef(snapshot, 'bic-bank-registry', 'bank_registry'),
      };
      cache.set(snapshot, r);
    }
    return r;
  };

  return async (request, context): Promise<StageOutput> => {
    const registries = registriesOf(context.snapshot);
    const hits: KycHit[] = [];
    const countries: Partial<Record<'sender' | 'receiver', string>> = {};
    for (const role of ['sender', 'receiver'] as const) {
      const party = request[role];
      const accounts = accountHits(party, role, registries);
      hits.push(...accounts.hits);
      const country = party.country ?? accounts.ibanCountry ?? accounts.bicCountry;
      if (country !== undefined) countries[role] = country;
    }
    const corridor = corridorBand(countries.sender, countries.receiver, context.snapshot.fatf);
    const corridorFindings = corridor.listings.flatMap(corridorHits);
    hits.unshift(...corridorFindings);

    const flagged = hits.filter((h) => h.severity === 'flag');
    const accountIssues = flagged.filter((h) => h.kind === 'iban' || h.kind === 'bic').map((h) => `${h.party ?? ''} ${h.code}`.trim());
    const listed = corridor.listings.map((l) => `${l.party} ${l.country}`).join(', ');
    const parts = [`corridor ${corridor.band}${listed ? ` (${listed})` : ''}`];
    if (corridor.band === 'call_for_action') parts.push('EDD required');
    if (accountIssues.length > 0) parts.push(`account issues: ${accountIssues.join(', ')}`);
    else if (request.sender.iban || request.receiver.iban || request.sender.bic || request.receiver.bic)
      parts.push('IBAN/BIC checks passed');
    return { status: flagged.length > 0 ? 'flag' : 'pass', summary: parts.join('; '), hits };
  };
}
