import type { BankEntry } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';
import type { RegistryFile } from './parseIbanRegistry.js';
import { isJsonObject, parseDatasetJson } from './parseJson.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';

/** Dataset name of the bank registry (schwifty `bank_registry`). */
export const BIC_DATASET = 'bic-bank-registry';

/** ISO 9362 BIC: 4 letters institution, 2 letters country, 2 alphanumerics location, optional 3 alphanumerics branch. */
export const BIC_PATTERN = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/**
 * Parse schwifty bank registry files — v1 (`[{ bank_code, name, short_name, bic, primary, country_code }]`) and v2
 * (`{ entries: [{ …, bank_codes: [] }] }`) — into one {@link BankEntry} per 11-character BIC (8-character BICs get
 * `XXX`). Rows of one BIC merge: the first `primary` row gives the name, bank codes accumulate. Rows without a BIC
 * count as `no_bic`; BICs failing ISO 9362 structure count as `invalid_bic`.
 *
 * @param files - the registry files (any order; output is sorted by BIC).
 * @returns the banks, sorted by BIC.
 * @throws JilError `DATASET_PARSE_ERROR` naming file and index when a file or row has the wrong shape.
 * @example
 * import { parseBankRegistry } from '@jil/ingest';
 * parseBankRegistry([{ file: 'generated_de.json',
 *   text: '[{"bank_code":"10000000","name":"Bundesbank","short_name":"BBk Berlin","bic":"MARKDEF1100","primary":true,"country_code":"DE"}]'
 *   }]);
 */
export function parseBankRegistry(files: readonly RegistryFile[]): ParseResult<BankEntry> {
  const result = emptyResult<BankEntry>();
  const byBic = new Map<string, BankEntry & { primary: boolean }>();
  for (const { file, text } of files) {
    const data = parseDatasetJson(text, BIC_DATASET, file);
    const rows = Array.isArray(data) ? data : isJsonObject(data) && Array.isArray(data['entries']) ? data['entries'] : undefined;
    if (!rows) throw datasetParseError(BIC_DATASET, file, undefined, 'expected an array (v1) or { entries: [] } (v2)');
    rows.forEach((row: unknown, i) => {
      if (!isJsonObject(row) || typeof row['name'] !== 'string' || typeof row['country_code'] !== 'string') {
        throw datasetParseError(BIC_DATASET, file, i, 'expected an object with string name and country_code');
      }
      result.input_rows++;
      const raw = typeof row['bic'] === 'string' ? row['bic'].trim().toUpperCase() : '';
      if (raw === '') return countIgnored(result, 'no_bic');
      if (!BIC_PATTERN.test(raw)) return countIgnored(result, 'invalid_bic');
      const bic = raw.length === 8 ? `${raw}XXX` : raw;
      const codes = [row['bank_code'], ...(Array.isArray(row['bank_codes']) ? row['bank_codes'] : [])].filter(
        (c): c is string => typeof c === 'string' && c !== '',
      );
      const primary = row['primary'] === true;
      let bank = byBic.get(bic);
      if (!bank || (primary && !bank.primary)) {
        const short = typeof row['short_name'] === 'string' ? row['short_name'].trim() : '';
        const next: BankEntry & { primary: boolean } = {
          bic,
          name: row['name'].trim(),
          country: row['country_code'].toUpperCase(),
          primary,
        };
        if (short && short !== next.name) next.short_name = short;
        if (bank?.bank_codes) next.bank_codes = bank.bank_codes;
        byBic.set(bic, next);
        bank = next;
      }
      for (const code of codes) if (!(bank.bank_codes ??= []).includes(code)) bank.bank_codes.push(code);
    });
  }
  result.rows = [...byBic.keys()].sort().map((bic) => {
    const { primary: _primary, ...bank } = byBic.get(bic)!;
    return bank;
  });
  return result;
}
