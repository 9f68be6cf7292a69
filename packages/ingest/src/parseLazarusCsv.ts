import type { ListedAddress } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';
import { listedAddress } from './listedAddress.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';
import { readCsv } from './readCsv.js';
import { resolveTickerAddress } from './tickerFamily.js';

/** Dataset name of the Lazarus-attributed address compilation. */
export const LAZARUS_DATASET = 'lazarus-attributed';

const REQUIRED = ['chain', 'address', 'incident', 'role_in_source'] as const;

/** Options of {@link parseLazarusCsv}. */
export interface ParseLazarusCsvOptions {
  file: string;
  listDate: string;
}

/**
 * Parse `lazarus_attributed_addresses.csv` (header `chain,address,incident,role_in_source,…`) → `dprk`.
 * `chain` → family by the ticker table (`BTC` → bitcoin, `ETH`/`MATIC`/`BSC`/… → evm, `TRX` → tron, unknown → other);
 * label = `<incident>: <role_in_source>`. Addresses invalid for their family count as `invalid_address`.
 *
 * @param text - CSV text.
 * @param options - file and list date.
 * @returns listings with provenance `{ dataset, file, row: line }`.
 * @throws JilError `DATASET_PARSE_ERROR` for a missing header column or a row with the wrong column count.
 * @example
 * import { parseLazarusCsv } from '@jil/ingest';
 * const csv = 'chain,address,incident,role_in_source\nETH,0x098b716b8aaf21512996dc57eb0615e2383e2f96,Ronin Bridge (2022-03-23),Primary\n';
 * parseLazarusCsv(csv, { file: 'lazarus_attributed_addresses.csv', listDate: '2023-09-12' });
 */
export function parseLazarusCsv(text: string, options: ParseLazarusCsvOptions): ParseResult<ListedAddress> {
  const records = readCsv(text, { dataset: LAZARUS_DATASET, file: options.file });
  const header = records[0]?.fields.map((f) => f.trim()) ?? [];
  const idx = Object.fromEntries(REQUIRED.map((c) => [c, header.indexOf(c)])) as Record<(typeof REQUIRED)[number], number>;
  const missing = REQUIRED.filter((c) => idx[c] < 0);
  if (missing.length) throw datasetParseError(LAZARUS_DATASET, options.file, 1, `header lacks ${missing.join(', ')}`);
  const result = emptyResult<ListedAddress>();
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== header.length) {
      throw datasetParseError(LAZARUS_DATASET, options.file, line, `expected ${header.length} columns, found ${fields.length}`);
    }
    result.input_rows++;
    const raw = fields[idx.address]!.trim();
    const resolved = resolveTickerAddress(fields[idx.chain]!.trim(), raw);
    if (!resolved) {
      countIgnored(result, 'invalid_address');
      continue;
    }
    const { family, address, chain_id } = resolved;
    result.rows.push(
      listedAddress({
        family,
        address,
        category: 'dprk',
        list: LAZARUS_DATASET,
        list_date: options.listDate,
        label: `${fields[idx.incident]!.trim()}: ${fields[idx.role_in_source]!.trim()}`,
        provenance: { dataset: LAZARUS_DATASET, file: options.file, row: line },
        chain_id,
      }),
    );
  }
  return result;
}

/**
 * The latest `(YYYY-MM-DD)` incident date in the CSV — the list's date, since the compilation carries no date of
 * its own. `undefined` when no incident has a date.
 *
 * @param text - CSV text.
 * @returns `YYYY-MM-DD` or `undefined`.
 * @example
 * import { lazarusListDate } from '@jil/ingest';
 * lazarusListDate('chain,address,incident\nETH,0x…,CoinEx (2023-09-12)\n'); // '2023-09-12'
 */
export function lazarusListDate(text: string): string | undefined {
  const dates = [...text.matchAll(/\((\d{4}-\d{2}-\d{2})\)/g)].map((m) => m[1]!);
  return dates.sort().at(-1);
}
