import { type ListedAddress, listingAddressKey } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';
import { listedAddress } from './listedAddress.js';
import { isJsonObject, parseDatasetJson } from './parseJson.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';

/** Dataset name of scamsniffer/scam-database. */
export const SCAMSNIFFER_DATASET = 'scamsniffer';

/** Options of the ScamSniffer parsers. */
export interface ParseScamSnifferOptions {
  file: string;
  listDate: string;
}

function listing(raw: string, label: string, provenance: ListedAddress['provenance'], listDate: string): ListedAddress | undefined {
  let address: string;
  try {
    address = listingAddressKey('evm', raw);
  } catch {
    return undefined;
  }
  return listedAddress({ family: 'evm', address, category: 'phishing', list: SCAMSNIFFER_DATASET, list_date: listDate, label, provenance });
}

/**
 * Parse ScamSniffer `blacklist/address.json` (a JSON array of EVM address strings) → `phishing`.
 *
 * @param text - JSON text.
 * @param options - file and list date.
 * @returns listings with provenance `{ dataset, file, row: array index }`; non-address strings count as `invalid_address`.
 * @throws JilError `DATASET_PARSE_ERROR` when the file is not a JSON array of strings (names the index).
 * @example
 * import { parseScamSnifferAddresses } from '@jil/ingest';
 * parseScamSnifferAddresses('["0x101ce0cedd142f199c9ef61739ae59b6611a0fc0"]', { file: 'address.json', listDate: '2026-08-22' });
 */
export function parseScamSnifferAddresses(text: string, options: ParseScamSnifferOptions): ParseResult<ListedAddress> {
  const data = parseDatasetJson(text, SCAMSNIFFER_DATASET, options.file);
  if (!Array.isArray(data)) throw datasetParseError(SCAMSNIFFER_DATASET, options.file, undefined, 'expected a JSON array');
  const result = emptyResult<ListedAddress>();
  data.forEach((item: unknown, i) => {
    if (typeof item !== 'string') throw datasetParseError(SCAMSNIFFER_DATASET, options.file, i, 'expected an address string');
    result.input_rows++;
    const row = listing(
      item,
      'ScamSniffer phishing address',
      { dataset: SCAMSNIFFER_DATASET, file: options.file, row: i },
      options.listDate,
    );
    if (row) result.rows.push(row);
    else countIgnored(result, 'invalid_address');
  });
  return result;
}

/**
 * Parse ScamSniffer `blacklist/combined.json` (`{ "<phishing domain>": ["0x…", …] }`) → `phishing`, label = the
 * domain (`(no domain)` for the empty key). One input row per address entry.
 *
 * @param text - JSON text.
 * @param options - file and list date.
 * @returns listings with provenance `{ dataset, file, key: domain, row: index in that domain's array }`.
 * @throws JilError `DATASET_PARSE_ERROR` when the file is not an object of string arrays (names the domain).
 * @example
 * import { parseScamSnifferCombined } from '@jil/ingest';
 * parseScamSnifferCombined('{"degenalgo.art":["0x3da02e1f29bcbed185eca0d3299efd46e6e7e155"]}', { file: 'combined.json',
 *   listDate: '2026-08-22' });
 */
export function parseScamSnifferCombined(text: string, options: ParseScamSnifferOptions): ParseResult<ListedAddress> {
  const data = parseDatasetJson(text, SCAMSNIFFER_DATASET, options.file);
  if (!isJsonObject(data)) throw datasetParseError(SCAMSNIFFER_DATASET, options.file, undefined, 'expected a JSON object');
  const result = emptyResult<ListedAddress>();
  for (const [domain, list] of Object.entries(data)) {
    if (!Array.isArray(list)) throw datasetParseError(SCAMSNIFFER_DATASET, options.file, domain, 'expected an array of addresses');
    list.forEach((item: unknown, i) => {
      if (typeof item !== 'string') throw datasetParseError(SCAMSNIFFER_DATASET, options.file, domain, `item ${i} is not a string`);
      result.input_rows++;
      const provenance = { dataset: SCAMSNIFFER_DATASET, file: options.file, key: domain, row: i };
      const row = listing(item, domain.trim() === '' ? '(no domain)' : domain.trim(), provenance, options.listDate);
      if (row) result.rows.push(row);
      else countIgnored(result, 'invalid_address');
    });
  }
  return result;
}
