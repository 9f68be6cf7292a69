import { type ListedAddress, listingAddressKey } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';
import { listedAddress } from './listedAddress.js';
import { isJsonObject, parseDatasetJson } from './parseJson.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';

/** Dataset name of the MyEtherWallet address darklist. */
export const MEW_DATASET = 'mew-darklist';

/** Options of {@link parseMewDarklist}. */
export interface ParseMewDarklistOptions {
  file: string;
  listDate: string;
}

/**
 * Normalize a darklist entry date: `YYYY-MM-DD` as is, US `M/D/YY` → `20YY-MM-DD`; anything else → `undefined`.
 *
 * @param date - the `date` field.
 * @returns `YYYY-MM-DD` or `undefined`.
 * @example
 * import { mewEntryDate } from '@jil/ingest';
 * mewEntryDate('7/22/17'); // '2017-07-22'
 */
export function mewEntryDate(date: unknown): string | undefined {
  if (typeof date !== 'string') return undefined;
  const d = date.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(d);
  return us ? `20${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : undefined;
}

/**
 * Parse MyEtherWallet `addresses-darklist.json` (array of `{ address, comment, date }`) → `scam`; label = comment,
 * `entry_date` = the entry's date. Addresses are trimmed and lower-cased (the list has trailing spaces and
 * wrong checksums); a malformed address (e.g. 39 hex digits) counts as `invalid_address`.
 *
 * @param text - JSON text.
 * @param options - file and list date.
 * @returns listings with provenance `{ dataset, file, row: array index }`.
 * @throws JilError `DATASET_PARSE_ERROR` when the file is not an array of objects with a string `address`.
 * @example
 * import { parseMewDarklist } from '@jil/ingest';
 * parseMewDarklist('[{"address":"0xF193a9aFb00715AaCF7ca9Ebffafe02C77517C2E","comment":"Fake token","date":"2018-11-06"}]',
 *   { file: 'addresses-darklist.json', listDate: '2020-11-17' });
 */
export function parseMewDarklist(text: string, options: ParseMewDarklistOptions): ParseResult<ListedAddress> {
  const data = parseDatasetJson(text, MEW_DATASET, options.file);
  if (!Array.isArray(data)) throw datasetParseError(MEW_DATASET, options.file, undefined, 'expected a JSON array');
  const result = emptyResult<ListedAddress>();
  data.forEach((item: unknown, i) => {
    if (!isJsonObject(item) || typeof item['address'] !== 'string') {
      throw datasetParseError(MEW_DATASET, options.file, i, 'expected an object with a string "address"');
    }
    result.input_rows++;
    let address: string;
    try {
      address = listingAddressKey('evm', item['address']);
    } catch {
      countIgnored(result, 'invalid_address');
      return;
    }
    const comment = typeof item['comment'] === 'string' ? item['comment'].trim() : '';
    result.rows.push(
      listedAddress({
        family: 'evm',
        address,
        category: 'scam',
        list: MEW_DATASET,
        list_date: options.listDate,
        label: comment || 'MyEtherWallet darklist',
        provenance: { dataset: MEW_DATASET, file: options.file, row: i },
        entry_date: mewEntryDate(item['date']),
      }),
    );
  });
  return result;
}
