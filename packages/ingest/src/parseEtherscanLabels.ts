import { type ListedAddress, listingAddressKey } from '@jil/psa';
import { categoriesOfEtherscanLabels } from './categoryRules.js';
import { datasetParseError } from './datasetParseError.js';
import { listedAddress } from './listedAddress.js';
import { isJsonObject, parseDatasetJson } from './parseJson.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';

/** Dataset name of brianleect/etherscan-labels. */
export const ETHERSCAN_DATASET = 'etherscan-labels';

/** Explorer site (file prefix `<site>_combinedAllLabels.json`) → CAIP-2 chain. All are EVM chains. */
export const ETHERSCAN_SITES: Readonly<Record<string, string>> = {
  etherscan: 'eip155:1',
  bscscan: 'eip155:56',
  polygonscan: 'eip155:137',
  optimism: 'eip155:10',
  arbiscan: 'eip155:42161',
  ftmscan: 'eip155:250',
  avalanche: 'eip155:43114',
};

/** Options of {@link parseEtherscanLabels}. */
export interface ParseEtherscanLabelsOptions {
  /** `<site>_combinedAllLabels.json`; the site gives `chain_id`. */
  file: string;
  listDate: string;
}

/**
 * Parse one `<site>_combinedAllLabels.json` (`{ "0x…": { name, labels[] } }`) into listings by the slug table of
 * `categoryRules.ts`. Label = the Etherscan name tag (or the slugs when the tag is empty). Entries with no mapped
 * slug count as `unmapped_labels`; mapped entries whose key is not an address (`""` "Sum of N Accounts" rows,
 * `genesis`, scraper placeholders) count as `invalid_address`.
 *
 * @param text - JSON text.
 * @param options - file and list date.
 * @returns listings with provenance `{ dataset, file, key: the key as published }` and `chain_id` of the site.
 * @throws JilError `DATASET_PARSE_ERROR` when the file or an entry does not have that shape (names the key).
 * @example
 * import { parseEtherscanLabels } from '@jil/ingest';
 * parseEtherscanLabels('{"0xd90e2f925da726b50c4ed8d0fb90ad053324f31b":{"name":"Tornado.Cash: Router","labels":["tornado-cash"]}}',
 *   { file: 'etherscan_combinedAllLabels.json', listDate: '2023-06-18' });
 */
export function parseEtherscanLabels(text: string, options: ParseEtherscanLabelsOptions): ParseResult<ListedAddress> {
  const site = options.file.replace(/_combinedAllLabels\.json$/, '');
  const chain_id = ETHERSCAN_SITES[site];
  const data = parseDatasetJson(text, ETHERSCAN_DATASET, options.file);
  if (!isJsonObject(data)) throw datasetParseError(ETHERSCAN_DATASET, options.file, undefined, 'expected a JSON object keyed by address');
  const result = emptyResult<ListedAddress>();
  for (const [key, entry] of Object.entries(data)) {
    result.input_rows++;
    const labels = isJsonObject(entry) ? entry['labels'] : undefined;
    const name = isJsonObject(entry) ? entry['name'] : undefined;
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string') || (name !== undefined && typeof name !== 'string')) {
      throw datasetParseError(ETHERSCAN_DATASET, options.file, key, 'expected { name: string, labels: string[] }');
    }
    const tag = (name ?? '').trim();
    const categories = categoriesOfEtherscanLabels(labels as string[], tag);
    if (categories.length === 0) {
      countIgnored(result, 'unmapped_labels');
      continue;
    }
    let address: string;
    try {
      address = listingAddressKey('evm', key);
    } catch {
      countIgnored(result, 'invalid_address');
      continue;
    }
    for (const category of categories) {
      result.rows.push(
        listedAddress({
          family: 'evm',
          address,
          category,
          list: ETHERSCAN_DATASET,
          list_date: options.listDate,
          label: tag || `Etherscan labels: ${(labels as string[]).join(', ')}`,
          provenance: { dataset: ETHERSCAN_DATASET, file: options.file, key },
          chain_id,
        }),
      );
    }
  }
  return result;
}
