import { type ListedAddress, listingAddressKey } from '@jil/psa';
import { DPRK_SDN_NAMES } from './categoryRules.js';
import { datasetParseError } from './datasetParseError.js';
import { listedAddress } from './listedAddress.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';
import { readCsv } from './readCsv.js';

/** Dataset name of ultrasoundmoney/ofac-ethereum-addresses. */
export const ULTRASOUND_DATASET = 'ofac-eth-ultrasoundmoney';

/** Options of {@link parseUltrasoundCsv}. */
export interface ParseUltrasoundCsvOptions {
  file: string;
  listDate: string;
  /**
   * Upper-case SDN names whose addresses are also `dprk` (default {@link DPRK_SDN_NAMES}; ingest adds the names of
   * sdn.csv entries of North Korean nationality, see `isDprkSdnEntry`).
   */
  dprkNames?: ReadonlySet<string>;
}

/**
 * Parse ultrasoundmoney's `data.csv` (header `address,name`; name = SDN entry name) → `sanctioned`, plus `dprk`
 * when the name is a DPRK entity. Label = the SDN name. Rows whose address is not `0x` + 40 hex count as `invalid_address`.
 *
 * @param text - CSV text.
 * @param options - file, list date, DPRK names.
 * @returns listings with provenance `{ dataset, file, row: line }`.
 * @throws JilError `DATASET_PARSE_ERROR` (missing header column, bad CSV, wrong column count) naming the line.
 * @example
 * import { parseUltrasoundCsv } from '@jil/ingest';
 * parseUltrasoundCsv('address,name\n0x098B716B8Aaf21512996dC57EB0615e2383E2f96,"LAZARUS GROUP"\n', { file: 'data.csv',
 *   listDate: '2026-06-25' });
 */
export function parseUltrasoundCsv(text: string, options: ParseUltrasoundCsvOptions): ParseResult<ListedAddress> {
  const records = readCsv(text, { dataset: ULTRASOUND_DATASET, file: options.file });
  const header = records[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const ai = header.indexOf('address');
  const ni = header.indexOf('name');
  if (ai < 0 || ni < 0) throw datasetParseError(ULTRASOUND_DATASET, options.file, 1, 'header must have columns address,name');
  const dprk = options.dprkNames ?? DPRK_SDN_NAMES;
  const result = emptyResult<ListedAddress>();
  for (const { line, fields } of records.slice(1)) {
    result.input_rows++;
    if (fields.length !== header.length) {
      throw datasetParseError(ULTRASOUND_DATASET, options.file, line, `expected ${header.length} columns, found ${fields.length}`);
    }
    const name = fields[ni]!.trim();
    let address: string;
    try {
      address = listingAddressKey('evm', fields[ai]!);
    } catch {
      countIgnored(result, 'invalid_address');
      continue;
    }
    const provenance = { dataset: ULTRASOUND_DATASET, file: options.file, row: line };
    const base = { family: 'evm' as const, address, list: ULTRASOUND_DATASET, list_date: options.listDate, label: name, provenance };
    result.rows.push(listedAddress({ ...base, category: 'sanctioned', chain_id: 'eip155:1' }));
    if (dprk.has(name.toUpperCase())) result.rows.push(listedAddress({ ...base, category: 'dprk', chain_id: 'eip155:1' }));
  }
  return result;
}
