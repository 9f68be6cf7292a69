import type { EntityName, ListedAddress, SanctionsEntity } from '@jil/psa';
import { isDprkSdnEntry } from './categoryRules.js';
import { datasetParseError } from './datasetParseError.js';
import { listedAddress } from './listedAddress.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';
import { parseSdnRemarks } from './parseSdnRemarks.js';
import { readOfacLegacyCsv } from './readOfacLegacyCsv.js';
import { resolveTickerAddress } from './tickerFamily.js';

/** Dataset name of the OFAC SDN list (sdn.csv + alt.csv). */
export const OFAC_SDN_DATASET = 'ofac-sdn';

const SCHEMAS: Readonly<Record<string, SanctionsEntity['schema']>> = {
  individual: 'Person',
  '': 'Organization',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
};
const ALIAS_KINDS = new Set(['aka', 'fka', 'nka']);

/** Options of {@link parseOfacSdn}. */
export interface ParseOfacSdnOptions {
  listDate: string;
  /** File names used in provenance, default `sdn.csv` / `alt.csv`. */
  sdnFile?: string;
  altFile?: string;
}

/** Result of {@link parseOfacSdn}: the entities and the crypto addresses found in their Remarks. */
export interface OfacSdnResult {
  entities: ParseResult<SanctionsEntity>;
  addresses: ParseResult<ListedAddress>;
  /** Upper-case primary names of the entries that meet the DPRK rule (`isDprkSdnEntry`). */
  dprkNames: Set<string>;
}

/**
 * Parse OFAC's legacy `sdn.csv` (12 columns: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type,
 * Tonnage, GRT, Vess_flag, Vess_owner, Remarks) and optionally `alt.csv` (ent_num, alt_num, alt_type, alt_name,
 * alt_remarks) into {@link SanctionsEntity} rows. SDN_Type `individual` → Person, null → Organization, `vessel` →
 * Vessel, `aircraft` → Aircraft; Program `A] [B` → `['A','B']`; DOB and nationality/citizen come from Remarks;
 * aliases attach by ent_num (aliases of ent_nums absent from sdn.csv count as `alias_without_entry`).
 * `Digital Currency Address - <TICKER> <addr>` Remarks become `sanctioned` listings (and `dprk` by the DPRK rule),
 * label = SDN name, provenance key = ent_num.
 *
 * @param sdnText - sdn.csv text.
 * @param altText - alt.csv text, or `undefined`.
 * @param options - list date and file names.
 * @returns entities, address listings and the DPRK names.
 * @throws JilError `DATASET_PARSE_ERROR` naming file and line (bad CSV, column count, unknown SDN_Type/alt_type, bad ent_num).
 * @example
 * import { parseOfacSdn } from '@jil/ingest';
 * const { entities } = parseOfacSdn('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a', undefined, {
 *   listDate: '2024-05-03' });
 * entities.rows[0]?.schema; // 'Organization'
 */
export function parseOfacSdn(sdnText: string, altText: string | undefined, options: ParseOfacSdnOptions): OfacSdnResult {
  const sdnFile = options.sdnFile ?? 'sdn.csv';
  const altFile = options.altFile ?? 'alt.csv';
  const entities = emptyResult<SanctionsEntity>();
  const addresses = emptyResult<ListedAddress>();
  const dprkNames = new Set<string>();
  const byId = new Map<string, SanctionsEntity>();
  for (const { line, fields } of readOfacLegacyCsv(sdnText, OFAC_SDN_DATASET, sdnFile, 12)) {
    const [id, name, type, program, , , , , , , , remarkText] = fields as [string, string, string, string, ...string[]];
    if (!/^\d+$/.test(id))
      throw datasetParseError(OFAC_SDN_DATASET, sdnFile, line, `ent_num must be an integer, got ${JSON.stringify(id.slice(0, 20))}`);
    const schema = SCHEMAS[type.toLowerCase()];
    if (!schema) throw datasetParseError(OFAC_SDN_DATASET, sdnFile, line, `unknown SDN_Type ${JSON.stringify(type.slice(0, 20))}`);
    if (byId.has(id)) throw datasetParseError(OFAC_SDN_DATASET, sdnFile, line, `duplicate ent_num ${id}`);
    entities.input_rows++;
    const remarks = parseSdnRemarks(remarkText ?? '');
    const provenance = { dataset: OFAC_SDN_DATASET, file: sdnFile, row: line, key: id };
    const entity: SanctionsEntity = {
      list: OFAC_SDN_DATASET,
      entry_id: id,
      schema,
      names: [{ name, kind: 'primary' }],
      programs: program
        .split(/\]\s*\[/)
        .map((p) => p.replace(/[[\]]/g, '').trim())
        .filter(Boolean),
      countries: remarks.countries,
      birth_dates: remarks.birth_dates,
      list_date: options.listDate,
      provenance,
    };
    byId.set(id, entity);
    entities.rows.push(entity);
    const dprk = isDprkSdnEntry(name, remarkText);
    if (dprk) dprkNames.add(name.toUpperCase());
    if (remarks.truncated_addresses > 0) countIgnored(addresses, 'truncated_remark', remarks.truncated_addresses);
    for (const { ticker, address: raw } of remarks.digital_currency) {
      addresses.input_rows++;
      const resolved = resolveTickerAddress(ticker, raw);
      if (!resolved) {
        countIgnored(addresses, 'invalid_address');
        continue;
      }
      const { family, address, chain_id } = resolved;
      const base = { family, address, list: OFAC_SDN_DATASET, list_date: options.listDate, label: name, provenance, chain_id };
      addresses.rows.push(listedAddress({ ...base, category: 'sanctioned' }));
      if (dprk) addresses.rows.push(listedAddress({ ...base, category: 'dprk' }));
    }
  }
  if (altText !== undefined) addAliases(altText, altFile, byId, entities);
  return { entities, addresses, dprkNames };
}

function addAliases(text: string, file: string, byId: Map<string, SanctionsEntity>, result: ParseResult<SanctionsEntity>): void {
  for (const { line, fields } of readOfacLegacyCsv(text, OFAC_SDN_DATASET, file, 5)) {
    const [id, , type, name] = fields as [string, string, string, string, string];
    const kind = type.toLowerCase();
    if (!ALIAS_KINDS.has(kind))
      throw datasetParseError(OFAC_SDN_DATASET, file, line, `unknown alt_type ${JSON.stringify(type.slice(0, 20))}`);
    const entity = byId.get(id);
    if (!entity) {
      countIgnored(result, 'alias_without_entry');
      continue;
    }
    if (name) entity.names.push({ name, kind: kind as EntityName['kind'] });
    else countIgnored(result, 'empty_alias');
  }
}
