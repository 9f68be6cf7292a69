import { readCsv, type CsvRecord } from './readCsv.js';

/**
 * Read an OFAC legacy CSV file (sdn.csv, alt.csv, add.csv as published at treasury.gov): no header, CRLF, fields
 * quoted with `"`, null written `-0-` (usually with a trailing space), and a last line holding only the DOS EOF
 * character 0x1A. The EOF line is dropped wherever it is; nulls become `''`; every field is trimmed.
 *
 * @param text - file text.
 * @param dataset - dataset name (for errors).
 * @param file - file name (for errors).
 * @param columns - exact column count (12 for sdn.csv, 5 for alt.csv, 6 for add.csv).
 * @returns records with their line numbers.
 * @throws JilError `DATASET_PARSE_ERROR` for bad quoting or a wrong column count, naming the line.
 * @example
 * import { readOfacLegacyCsv } from './readOfacLegacyCsv.js';
 * readOfacLegacyCsv('36,12,"aka","AERO-CARIBBEAN",-0- \r\n\x1a', 'ofac-sdn', 'alt.csv', 5)[0]?.fields;
 *   // ['36','12','aka','AERO-CARIBBEAN','']
 */
export function readOfacLegacyCsv(text: string, dataset: string, file: string, columns: number): CsvRecord[] {
  const body = text.replace(/\x1a[\s\x1a]*$/, '');
  return readCsv(body, { dataset, file, columns }).map(({ line, fields }) => ({
    line,
    fields: fields.map((f) => {
      const v = f.trim();
      return v === '-0-' ? '' : v;
    }),
  }));
}
