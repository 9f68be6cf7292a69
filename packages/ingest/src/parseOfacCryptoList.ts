import type { ListedAddress } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';
import { listedAddress } from './listedAddress.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';
import { resolveTickerAddress } from './tickerFamily.js';

/** Dataset name of the 0xB10C extraction of OFAC digital-currency addresses. */
export const OFAC_CRYPTO_DATASET = 'ofac-crypto-0xb10c';

/** File names of the 0xB10C lists: `sanctioned_addresses_<TICKER>.txt`. */
export const OFAC_CRYPTO_FILE = /^sanctioned_addresses_([A-Z0-9]+)\.txt$/;

/** Options of {@link parseOfacCryptoList}. */
export interface ParseOfacCryptoListOptions {
  /** File name; the ticker is taken from it (`XBT` → bitcoin, `USDT` → EVM or Tron by shape, …). */
  file: string;
  /** List date, `YYYY-MM-DD`. */
  listDate: string;
}

/**
 * Parse one `sanctioned_addresses_<TICKER>.txt` of 0xB10C/ofac-sanctioned-digital-currency-addresses: one address per
 * line, no header → category `sanctioned`. Blank lines are skipped; lines that are not an address of the ticker's
 * family (nor an unmistakable EVM/Tron address, see `resolveTickerAddress`) are counted as `invalid_address`.
 *
 * @param text - file content.
 * @param options - file name and list date.
 * @returns listings with provenance `{ dataset, file, row: line }`.
 * @throws JilError `DATASET_PARSE_ERROR` when the file name carries no ticker.
 * @example
 * import { parseOfacCryptoList } from '@jil/ingest';
 * parseOfacCryptoList('0x8589427373D6D84E98730D7795D8f6f8731FDA16\n', { file: 'sanctioned_addresses_ETH.txt', listDate: '2024-09-27' });
 */
export function parseOfacCryptoList(text: string, options: ParseOfacCryptoListOptions): ParseResult<ListedAddress> {
  const ticker = OFAC_CRYPTO_FILE.exec(options.file)?.[1];
  if (!ticker) throw datasetParseError(OFAC_CRYPTO_DATASET, options.file, undefined, 'file name must be sanctioned_addresses_<TICKER>.txt');
  const result = emptyResult<ListedAddress>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const raw = line.trim();
    if (raw === '') return;
    result.input_rows++;
    const resolved = resolveTickerAddress(ticker, raw);
    if (!resolved) return countIgnored(result, 'invalid_address');
    const { family, address, chain_id } = resolved;
    result.rows.push(
      listedAddress({
        family,
        address,
        category: 'sanctioned',
        list: OFAC_CRYPTO_DATASET,
        list_date: options.listDate,
        label: `OFAC SDN digital currency address (${ticker})`,
        provenance: { dataset: OFAC_CRYPTO_DATASET, file: options.file, row: i + 1 },
        chain_id,
      }),
    );
  });
  return result;
}
