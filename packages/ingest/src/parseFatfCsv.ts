import type { FatfListing } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';
import { emptyResult, type ParseResult } from './ParseResult.js';
import { readCsv } from './readCsv.js';

/** Dataset name of the FATF black and grey lists. */
export const FATF_DATASET = 'fatf';

/**
 * Closing day of each FATF plenary (when FATF publishes the "High-risk jurisdictions subject to a call for action"
 * and "Jurisdictions under increased monitoring" statements). `as_of_plenary` `YYYY-MM` maps to this date;
 * a month not in the table maps to the month's first day (`YYYY-MM-01`) — add the plenary here when a new list lands.
 */
export const FATF_PLENARY_DATES: Readonly<Record<string, string>> = {
  '2025-10': '2025-10-24',
  '2026-06': '2026-06-19',
};

const LISTS = new Set(['call_for_action', 'increased_monitoring']);
const REQUIRED = ['iso2', 'country', 'list', 'fatf_action', 'as_of_plenary'] as const;

/**
 * The list date of a plenary: `YYYY-MM-DD` as is, `YYYY-MM` via {@link FATF_PLENARY_DATES}.
 *
 * @param plenary - e.g. `2026-06`.
 * @returns `YYYY-MM-DD`, or `undefined` when the text is neither form.
 * @example
 * import { fatfPlenaryDate } from '@jil/ingest';
 * fatfPlenaryDate('2026-06'); // '2026-06-19'
 */
export function fatfPlenaryDate(plenary: string): string | undefined {
  const p = plenary.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(p)) return p;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) return undefined;
  return FATF_PLENARY_DATES[p] ?? `${p}-01`;
}

/**
 * Parse the FATF CSV (`iso2,country,list,fatf_action,as_of_plenary,…`) into {@link FatfListing} rows. `action` is
 * `countermeasures`, `enhanced_due_diligence` or `none` (any text starting with `none`, or empty); the list date
 * comes from `as_of_plenary` ({@link fatfPlenaryDate}).
 *
 * @param text - CSV text.
 * @param file - file name.
 * @returns rows with provenance `{ dataset, file, row: line }`.
 * @throws JilError `DATASET_PARSE_ERROR` naming the line: missing header column, bad ISO code, unknown list, bad plenary.
 * @example
 * import { parseFatfCsv } from '@jil/ingest';
 * parseFatfCsv('iso2,country,list,fatf_action,as_of_plenary\nKP,DPRK,call_for_action,countermeasures,2026-06\n',
 *   'fatf.csv').rows[0]?.list_date; // '2026-06-19'
 */
export function parseFatfCsv(text: string, file: string): ParseResult<FatfListing> {
  const records = readCsv(text, { dataset: FATF_DATASET, file });
  const header = records[0]?.fields.map((f) => f.trim()) ?? [];
  const idx = Object.fromEntries(REQUIRED.map((c) => [c, header.indexOf(c)])) as Record<(typeof REQUIRED)[number], number>;
  const missing = REQUIRED.filter((c) => idx[c] < 0);
  if (missing.length) throw datasetParseError(FATF_DATASET, file, 1, `header lacks ${missing.join(', ')}`);
  const result = emptyResult<FatfListing>();
  for (const { line, fields } of records.slice(1)) {
    result.input_rows++;
    const get = (c: (typeof REQUIRED)[number]) => (fields[idx[c]] ?? '').trim();
    const iso2 = get('iso2').toUpperCase();
    if (!/^[A-Z]{2}$/.test(iso2))
      throw datasetParseError(FATF_DATASET, file, line, `iso2 must be two letters, got ${JSON.stringify(get('iso2'))}`);
    const list = get('list');
    if (!LISTS.has(list)) throw datasetParseError(FATF_DATASET, file, line, `list must be call_for_action or increased_monitoring`);
    const listDate = fatfPlenaryDate(get('as_of_plenary'));
    if (!listDate) throw datasetParseError(FATF_DATASET, file, line, 'as_of_plenary must be YYYY-MM or YYYY-MM-DD');
    const action = get('fatf_action');
    result.rows.push({
      iso2,
      country: get('country'),
      list: list as FatfListing['list'],
      action: action === '' || action.startsWith('none') ? 'none' : action,
      list_date: listDate,
      provenance: { dataset: FATF_DATASET, file, row: line },
    });
  }
  return result;
}
