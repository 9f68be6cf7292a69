import { JilError } from '@jil/core';

/**
 * Build the `DATASET_PARSE_ERROR` for a malformed source file, naming dataset, file and row (or key).
 *
 * @param dataset - dataset name, e.g. `ofac-sdn`.
 * @param file - file name inside the dataset folder.
 * @param where - 1-based line (text/CSV), 0-based array index (JSON), or an object key / XML id; `undefined` for the whole file.
 * @param problem - what is wrong, e.g. `expected 12 columns, found 11`.
 * @param cause - the underlying parser error, kept as the cause chain.
 * @returns the {@link JilError} with `details: { dataset, file, row? | key? }`.
 * @example
 * import { datasetParseError } from './datasetParseError.js';
 * throw datasetParseError('ofac-sdn', 'sdn.csv', 12, 'expected 12 columns, found 11');
 */
export function datasetParseError(
  dataset: string,
  file: string,
  where: number | string | undefined,
  problem: string,
  cause?: unknown,
): JilError {
  const at = where === undefined ? '' : typeof where === 'number' ? ` row ${where}` : ` key ${JSON.stringify(where)}`;
  const details: Record<string, unknown> = { dataset, file };
  if (typeof where === 'number') details['row'] = where;
  else if (where !== undefined) details['key'] = where;
  return new JilError('DATASET_PARSE_ERROR', `${dataset}/${file}${at}: ${problem}`, {
    details,
    ...(cause === undefined ? {} : { cause }),
  });
}
