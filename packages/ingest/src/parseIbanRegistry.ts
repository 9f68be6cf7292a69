import type { IbanCountrySpec } from '@jil/psa';
import { datasetParseError } from './datasetParseError.js';
import { isJsonObject, parseDatasetJson } from './parseJson.js';
import { emptyResult, type ParseResult } from './ParseResult.js';

/** Dataset name of the IBAN country formats (schwifty `iban_registry`). */
export const IBAN_DATASET = 'iban-registry';

/** One registry file: name (for errors) and text. Later files override earlier ones. */
export interface RegistryFile {
  file: string;
  text: string;
}

/** Recursive merge of `right` into `left` (objects merge key by key; anything else replaces) — schwifty's `merge_dicts`. */
function merge(left: Record<string, unknown>, right: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(right)) {
    const l = left[k];
    if (isJsonObject(l) && isJsonObject(v)) merge(l, v);
    else left[k] = v;
  }
}

/**
 * Parse schwifty's IBAN registry: JSON objects keyed by ISO country code, applied in the given order with a deep
 * merge (`generated.json` first, then `overwrite.json`, as schwifty loads them). Each merged country must have
 * `iban_spec`, `iban_length`, `bban_spec`, `bban_length` (and `in_sepa_zone`, default `false`); `country` defaults
 * to the key. `positions` is kept when present.
 *
 * @param files - the registry files in load order.
 * @returns one {@link IbanCountrySpec} per country, sorted by country code.
 * @throws JilError `DATASET_PARSE_ERROR` naming the file and country key of a malformed entry.
 * @example
 * import { parseIbanRegistry } from '@jil/ingest';
 * parseIbanRegistry([{ file: 'generated.json',
 *   text: '{"AD":{"bban_spec":"4!n4!n12!c","bban_length":20,"iban_spec":"AD2!n4!n4!n12!c","iban_length":24,"in_sepa_zone":true}}' }]);
 */
export function parseIbanRegistry(files: readonly RegistryFile[]): ParseResult<IbanCountrySpec> {
  const merged: Record<string, Record<string, unknown>> = {};
  const origin: Record<string, string> = {};
  const result = emptyResult<IbanCountrySpec>();
  for (const { file, text } of files) {
    const data = parseDatasetJson(text, IBAN_DATASET, file);
    if (!isJsonObject(data)) throw datasetParseError(IBAN_DATASET, file, undefined, 'expected a JSON object keyed by country code');
    for (const [code, entry] of Object.entries(data)) {
      result.input_rows++;
      if (!/^[A-Z]{2}$/.test(code) || !isJsonObject(entry))
        throw datasetParseError(IBAN_DATASET, file, code, 'expected a country code key with an object value');
      merge((merged[code] ??= {}), structuredClone(entry));
      origin[code] = file;
    }
  }
  for (const code of Object.keys(merged).sort()) {
    const e = merged[code]!;
    const file = origin[code]!;
    const str = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
    const int = (k: string) => (Number.isSafeInteger(e[k]) ? (e[k] as number) : undefined);
    const [iban_spec, bban_spec, iban_length, bban_length] = [str('iban_spec'), str('bban_spec'), int('iban_length'), int('bban_length')];
    if (!iban_spec || !bban_spec || iban_length === undefined || bban_length === undefined) {
      throw datasetParseError(IBAN_DATASET, file, code, 'merged entry lacks iban_spec, bban_spec, iban_length or bban_length');
    }
    const spec: IbanCountrySpec = {
      country: str('country') ?? code,
      iban_spec,
      iban_length,
      bban_spec,
      bban_length,
      in_sepa_zone: e['in_sepa_zone'] === true,
    };
    const positions = e['positions'];
    if (isJsonObject(positions)) {
      spec.positions = Object.fromEntries(
        Object.entries(positions).filter(
          (p): p is [string, [number, number]] => Array.isArray(p[1]) && p[1].length === 2 && p[1].every(Number.isSafeInteger),
        ),
      );
    }
    result.rows.push(spec);
  }
  return result;
}
