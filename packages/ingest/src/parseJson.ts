import { datasetParseError } from './datasetParseError.js';

/**
 * `JSON.parse` with a `DATASET_PARSE_ERROR` naming dataset and file (and the parser's position message).
 *
 * @param text - JSON text.
 * @param dataset - dataset name.
 * @param file - file name.
 * @returns the parsed value.
 * @throws JilError `DATASET_PARSE_ERROR`.
 * @example
 * import { parseDatasetJson } from './parseJson.js';
 * parseDatasetJson('[1]', 'scamsniffer', 'address.json'); // [1]
 */
export function parseDatasetJson(text: string, dataset: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw datasetParseError(dataset, file, undefined, `invalid JSON: ${(cause as Error).message}`, cause);
  }
}

/**
 * True for a plain JSON object (not an array, not null).
 *
 * @param value - any parsed JSON value.
 * @returns whether it is a `{…}` object.
 * @example
 * import { isJsonObject } from './parseJson.js';
 * isJsonObject({}); // true
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
