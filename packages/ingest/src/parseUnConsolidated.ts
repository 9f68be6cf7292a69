import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EntityName, SanctionsEntity } from '@jil/psa';
import { countryCode } from './countryCode.js';
import { datasetParseError } from './datasetParseError.js';
import { isJsonObject } from './parseJson.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';

/** Dataset name of the UN Security Council Consolidated List. */
export const UN_DATASET = 'un-consolidated';

/** Elements that may repeat; always parsed as arrays, even when the published file has one. */
const REPEATED = new Set(['INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH', 'VALUE']);

type Node = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const values = (v: unknown): string[] => (isJsonObject(v) ? list(v['VALUE']).map(text).filter(Boolean) : []);

/** Result of {@link parseUnConsolidated}. */
export interface UnConsolidatedResult extends ParseResult<SanctionsEntity> {
  /** `dateGenerated` of `CONSOLIDATED_LIST`, `YYYY-MM-DD`. */
  listDate: string;
}

/**
 * Parse the UN SC Consolidated List XML (`consolidated.xml`, schema `sc-sanctions.xsd`) into {@link SanctionsEntity}
 * rows: `INDIVIDUALS/INDIVIDUAL` → Person, `ENTITIES/ENTITY` → Organization. Primary name = FIRST..FOURTH_NAME
 * joined by spaces; `NAME_ORIGINAL_SCRIPT` → `original_script`; aliases keep their QUALITY (`Good`/`Low`; entity
 * `a.k.a.`/`f.k.a.` → `aka`/`fka`); programs = `UN_LIST_TYPE`; countries = NATIONALITY values as ISO alpha-2;
 * birth dates = DATE, YEAR or `FROM_YEAR to TO_YEAR`. `entry_id` = REFERENCE_NUMBER, provenance key = DATAID,
 * list date = `dateGenerated`.
 *
 * @param xml - the XML text.
 * @param file - file name for provenance and errors.
 * @returns the entities and the list date.
 * @throws JilError `DATASET_PARSE_ERROR` for malformed XML (names the line), a missing root or `dateGenerated`,
 *   or an entry without DATAID.
 * @example
 * import { parseUnConsolidated } from '@jil/ingest';
 * parseUnConsolidated('<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>',
 *   'consolidated.xml').listDate; // '2026-02-27'
 */
export function parseUnConsolidated(xml: string, file: string): UnConsolidatedResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw datasetParseError(UN_DATASET, file, valid.err.line, `invalid XML: ${valid.err.msg}`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => REPEATED.has(name),
  }).parse(xml) as Node;
  const root = doc['CONSOLIDATED_LIST'];
  if (!isJsonObject(root)) throw datasetParseError(UN_DATASET, file, undefined, 'root element CONSOLIDATED_LIST not found');
  const listDate = /^\d{4}-\d{2}-\d{2}/.exec(text(root['@_dateGenerated']))?.[0];
  if (!listDate) throw datasetParseError(UN_DATASET, file, undefined, 'CONSOLIDATED_LIST has no dateGenerated');
  const result: UnConsolidatedResult = { ...emptyResult<SanctionsEntity>(), listDate };
  const groups = [
    ['INDIVIDUALS', 'INDIVIDUAL', 'INDIVIDUAL_ALIAS', 'Person'],
    ['ENTITIES', 'ENTITY', 'ENTITY_ALIAS', 'Organization'],
  ] as const;
  for (const [groupTag, tag, aliasTag, schema] of groups) {
    const group = root[groupTag];
    for (const node of isJsonObject(group) ? list(group[tag]) : []) {
      result.input_rows++;
      if (!isJsonObject(node) || text(node['DATAID']) === '')
        throw datasetParseError(UN_DATASET, file, `${tag}#${result.input_rows}`, `${tag} without DATAID`);
      const dataid = text(node['DATAID']);
      const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
        .map((k) => text(node[k]))
        .filter(Boolean)
        .join(' ');
      if (!primary) {
        countIgnored(result, 'no_name');
        continue;
      }
      result.rows.push({
        list: UN_DATASET,
        entry_id: text(node['REFERENCE_NUMBER']) || dataid,
        schema,
        names: [{ name: primary, kind: 'primary' }, ...originalScript(node), ...aliases(list(node[aliasTag]))],
        programs: [text(node['UN_LIST_TYPE'])].filter(Boolean),
        countries: [
          ...new Set(
            values(node['NATIONALITY'])
              .map(countryCode)
              .filter((c): c is string => c !== undefined),
          ),
        ],
        birth_dates: list(node['INDIVIDUAL_DATE_OF_BIRTH']).map(birthDate).filter(Boolean),
        list_date: listDate,
        provenance: { dataset: UN_DATASET, file, key: dataid },
      });
    }
  }
  return result;
}

function originalScript(node: Node): EntityName[] {
  const name = text(node['NAME_ORIGINAL_SCRIPT']);
  return name ? [{ name, kind: 'original_script' }] : [];
}

function aliases(nodes: unknown[]): EntityName[] {
  const out: EntityName[] = [];
  for (const alias of nodes) {
    if (!isJsonObject(alias)) continue;
    const name = text(alias['ALIAS_NAME']);
    if (!name) continue;
    const quality = text(alias['QUALITY']);
    const kind = quality === 'a.k.a.' ? 'aka' : quality === 'f.k.a.' ? 'fka' : 'alias';
    out.push(quality ? { name, kind, quality } : { name, kind });
  }
  return out;
}

function birthDate(node: unknown): string {
  if (!isJsonObject(node)) return '';
  const date = text(node['DATE']) || text(node['YEAR']);
  if (date) return date;
  const from = text(node['FROM_YEAR']);
  const to = text(node['TO_YEAR']);
  return from && to ? `${from} to ${to}` : from || to;
}
