import { parse } from 'csv-parse/sync';
import { datasetParseError } from './datasetParseError.js';

/** One CSV record with the 1-based line number it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  dataset: string;
  file: string;
  /** Exact number of columns every record must have; checked with a row-numbered error. */
  columns?: number;
}

/**
 * Parse CSV text (RFC 4180 quoting, CRLF or LF, BOM stripped) with csv-parse, keeping line numbers.
 * Empty lines are skipped (but counted, so line numbers stay exact; a quoted field may span lines). Quote errors and column-count
 * mismatches become `DATASET_PARSE_ERROR` with the line.
 *
 * @param text - the CSV text.
 * @param options - dataset and file (for errors) and the expected column count.
 * @returns the records in file order.
 * @throws JilError `DATASET_PARSE_ERROR` naming dataset, file and line.
 * @example
 * import { readCsv } from './readCsv.js';
 * readCsv('a,b\n1,2\n', { dataset: 'x', file: 'x.csv', columns: 2 }); // [{ line: 1, … }, { line: 2, … }]
 */
export function readCsv(text: string, options: ReadCsvOptions): CsvRecord[] {
  let rows: string[][];
  try {
    // csv-parse's `info` option costs ~30 % here; line numbers are counted below instead.
    rows = parse(text, { bom: true, relax_column_count: true });
  } catch (cause) {
    const line = typeof (cause as { lines?: unknown }).lines === 'number' ? (cause as { lines: number }).lines : undefined;
    throw datasetParseError(options.dataset, options.file, line, `invalid CSV: ${(cause as Error).message}`, cause);
  }
  const out: CsvRecord[] = [];
  let line = 1;
  for (const fields of rows) {
    const start = line;
    line += 1;
    for (const f of fields) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) line++;
    if (fields.length === 1 && fields[0] === '') continue; // an empty line
    if (options.columns !== undefined && fields.length !== options.columns) {
      throw datasetParseError(options.dataset, options.file, start, `expected ${options.columns} columns, found ${fields.length}`);
    }
    out.push({ line: start, fields });
  }
  return out;
}
