import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { EntityName, SanctionsEntity } from '@jil/psa';
import { currentCountryCode } from './currentCountryCode.js';
import { datasetParseError } from './datasetParseError.js';
import { isJsonObject } from './parseJson.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';

/** Dataset name of the EU consolidated list of persons, groups and entities subject to financial sanctions. */
export const EU_DATASET = 'eu-consolidated';

const REPEATED = new Set(['sanctionEntity', 'nameAlias', 'citizenship', 'birthdate', 'regulation']);
const SCHEMAS: Readonly<Record<string, SanctionsEntity['schema']>> = { person: 'Person', enterprise: 'Organization' };

type Node = Record<string, unknown>;
const attr = (node: unknown, name: string): string => {
  if (!isJsonObject(node)) return '';
  const v = node[`@_${name}`];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

/** Result of {@link parseEuConsolidated}. */
export interface EuConsolidatedResult extends ParseResult<SanctionsEntity> {
  /** `generationDate` of the `export` root, `YYYY-MM-DD`. */
  listDate: string;
}

/**
 * Parse the EU Financial Sanctions Files consolidated list XML (FSF export 1.1, `xmlFullSanctionsList_1_1`) into
 * {@link SanctionsEntity} rows: one per `sanctionEntity`; `subjectType@code` `person` → Person, `enterprise` →
 * Organization; names from `nameAlias@wholeName` (else first/middle/last joined), the first one primary, the rest
 * `aka` (a `strong="false"` alias has quality `Low`); countries from `citizenship@countryIso2Code` (withdrawn codes
 * mapped to their successors); birth dates from `birthdate@birthdate` or `@year`; programmes from
 * `regulation@programme`. `entry_id` = `euReferenceNumber` (else `logicalId`), provenance key = `logicalId`, list
 * date = `generationDate`.
 *
 * @param xml - the XML text.
 * @param file - file name for provenance and errors.
 * @returns the entities and the list date.
 * @throws JilError `DATASET_PARSE_ERROR` for malformed XML (names the line), a missing `export` root or
 *   `generationDate`, or an entity without `logicalId`.
 * @example
 * import { parseEuConsolidated } from '@jil/ingest';
 * parseEuConsolidated('<export generationDate="2026-11-20T18:03:11.123+01:00"></export>', 'eu.xml').listDate; // '2026-11-20'
 */
export function parseEuConsolidated(xml: string, file: string): EuConsolidatedResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw datasetParseError(EU_DATASET, file, valid.err.line, `invalid XML: ${valid.err.msg}`);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    isArray: (name) => REPEATED.has(name),
  }).parse(xml) as Node;
  const root = doc['export'];
  if (!isJsonObject(root)) throw datasetParseError(EU_DATASET, file, undefined, 'root element export not found');
  const listDate = /^\d{4}-\d{2}-\d{2}/.exec(attr(root, 'generationDate'))?.[0];
  if (!listDate) throw datasetParseError(EU_DATASET, file, undefined, 'export has no generationDate');
  const result: EuConsolidatedResult = { ...emptyResult<SanctionsEntity>(), listDate };
  for (const node of list(root['sanctionEntity'])) {
    result.input_rows++;
    const logicalId = attr(node, 'logicalId');
    if (!isJsonObject(node) || logicalId === '')
      throw datasetParseError(EU_DATASET, file, `sanctionEntity#${result.input_rows}`, 'sanctionEntity without logicalId');
    const names: EntityName[] = [];
    for (const alias of list(node['nameAlias'])) {
      const whole =
        attr(alias, 'wholeName') ||
        ['firstName', 'middleName', 'lastName']
          .map((k) => attr(alias, k))
          .filter(Boolean)
          .join(' ');
      if (!whole || names.some((n) => n.name === whole)) continue;
      const weak = attr(alias, 'strong') === 'false';
      names.push({ name: whole, kind: names.length === 0 ? 'primary' : 'aka', ...(weak ? { quality: 'Low' } : {}) });
    }
    if (names.length === 0) {
      countIgnored(result, 'no_name');
      continue;
    }
    const type = attr(list(node['subjectType'])[0], 'code').toLowerCase();
    const birth = list(node['birthdate'])
      .map((b) => attr(b, 'birthdate') || attr(b, 'year'))
      .filter(Boolean);
    result.rows.push({
      list: EU_DATASET,
      entry_id: attr(node, 'euReferenceNumber') || logicalId,
      schema: SCHEMAS[type] ?? 'Organization',
      names,
      programs: [
        ...new Set(
          list(node['regulation'])
            .map((r) => attr(r, 'programme'))
            .filter(Boolean),
        ),
      ],
      countries: [
        ...new Set(
          list(node['citizenship'])
            .map((c) => currentCountryCode(attr(c, 'countryIso2Code')))
            .filter((c): c is string => c !== undefined && c !== '00'),
        ),
      ],
      birth_dates: [...new Set(birth)],
      list_date: listDate,
      provenance: { dataset: EU_DATASET, file, key: logicalId },
    });
  }
  return result;
}
