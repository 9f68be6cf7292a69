import type { EntityName, SanctionsEntity } from '@jil/psa';
import { countryCode } from './countryCode.js';
import { datasetParseError } from './datasetParseError.js';
import { countIgnored, emptyResult, type ParseResult } from './ParseResult.js';
import { readCsv } from './readCsv.js';

/** Dataset name of the UK Sanctions List (FCDO). */
export const UK_DATASET = 'uk-sanctions-list';

const SCHEMAS: Readonly<Record<string, SanctionsEntity['schema']>> = { individual: 'Person', entity: 'Organization', ship: 'Vessel' };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Result of {@link parseUkSanctionsList}. */
export interface UkSanctionsListResult extends ParseResult<SanctionsEntity> {
  /** The report date of the file (first line), else the newest `Last Updated`, `YYYY-MM-DD`. */
  listDate: string;
}

/**
 * A date as the UK list writes it (`28/01/2026`, `28-Jan-2026`, `2026-01-28`) as `YYYY-MM-DD`; unknown day or
 * month parts (`00/00/1962`) keep only the year.
 *
 * @param text - the date text.
 * @returns `YYYY-MM-DD`, `YYYY`, or `undefined`.
 * @example
 * import { ukDate } from './parseUkSanctionsList.js';
 * ukDate('07/10/1952'); // '1952-10-07'
 */
export function ukDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(t);
  if (m)
    return m[1] === '00' || m[2] === '00' || m[1] === '0' || m[2] === '0'
      ? m[3]
      : `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})/.exec(t);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (m && month >= 0) return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return m[0];
  return /^\d{4}$/.test(t) ? t : undefined;
}

/** Column of the first header matching `pattern`, or -1. */
const column = (header: readonly string[], pattern: RegExp): number => header.findIndex((h) => pattern.test(h.trim()));

/**
 * Parse the UK Sanctions List CSV (FCDO, `UK-Sanctions-List.csv`; it replaced OFSI's consolidated list in 2026) into
 * {@link SanctionsEntity} rows. The file opens with a `Report Date: …` line, then a header row; each further row
 * is one name of one designation, grouped by `Unique ID`. Columns are found by their header (`Unique ID`,
 * `Name 6` = surname, `Name 1`–`Name 5`, `Name type` (`Primary Name` / `Alias`), `Alias strength`, `Name non-latin
 * script`, `Regime Name`, `Designation Type` (`Individual` → Person, `Entity` → Organization, `Ship` → Vessel),
 * `D.O.B`, `Nationality`, `Last Updated`), so added or reordered columns do not break it. A person's name is
 * written `SURNAME, Given names` as OFAC does; a `Low`-strength alias keeps quality `Low`; nationalities map to
 * ISO alpha-2 codes.
 *
 * @param text - the CSV text.
 * @param file - file name for provenance and errors.
 * @returns the entities and the list date.
 * @throws JilError `DATASET_PARSE_ERROR` for bad CSV, a missing header row or column, or a row without `Unique ID`.
 * @example
 * import { parseUkSanctionsList } from '@jil/ingest';
 * parseUkSanctionsList('Report Date: 20-Nov-2026\nUnique ID,Name 6,Name 1,Name type,Designation Type\n', 'uk.csv').listDate;
 *   // '2026-11-20'
 */
export function parseUkSanctionsList(text: string, file: string): UkSanctionsListResult {
  const records = readCsv(text, { dataset: UK_DATASET, file });
  const headerAt = records.findIndex((r) => r.fields.some((f) => /^unique id$/i.test(f.trim())));
  if (headerAt < 0) throw datasetParseError(UK_DATASET, file, undefined, 'no header row with a "Unique ID" column');
  const header = records[headerAt]!.fields;
  const col = {
    id: column(header, /^unique id$/i),
    surname: column(header, /^name 6$/i),
    given: [1, 2, 3, 4, 5].map((n) => column(header, new RegExp(`^name ${n}$`, 'i'))),
    nameType: column(header, /^name type$/i),
    strength: column(header, /^alias (strength|quality)$/i),
    nonLatin: column(header, /^name non-latin script$/i),
    regime: column(header, /^regime( name)?$/i),
    type: column(header, /^(designation|entity|group) type$/i),
    dob: column(header, /^d\.?o\.?b\.?$|^date of birth$/i),
    nationality: column(header, /^nationalit/i),
    updated: column(header, /^last updated$/i),
  };
  for (const [name, at] of [
    ['Name 6', col.surname],
    ['Name type', col.nameType],
    ['Designation Type', col.type],
  ] as const) {
    if (at < 0) throw datasetParseError(UK_DATASET, file, records[headerAt]!.line, `header has no "${name}" column`);
  }
  const preamble = records
    .slice(0, headerAt)
    .flatMap((r) => r.fields)
    .join(' ');
  const reportDate = /report date:?\s*(.+)$/i.exec(preamble)?.[1];
  const dates: string[] = [];
  const result: UkSanctionsListResult = { ...emptyResult<SanctionsEntity>(), listDate: '' };
  const byId = new Map<string, SanctionsEntity>();
  const get = (fields: readonly string[], at: number): string => (at >= 0 ? (fields[at] ?? '').trim() : '');
  for (const { line, fields } of records.slice(headerAt + 1)) {
    if (fields.every((f) => f.trim() === '')) continue;
    result.input_rows++;
    const id = get(fields, col.id);
    if (id === '') throw datasetParseError(UK_DATASET, file, line, 'row without Unique ID');
    const updated = ukDate(get(fields, col.updated));
    if (updated && updated.length === 10) dates.push(updated);
    const schema = SCHEMAS[get(fields, col.type).toLowerCase()] ?? 'Organization';
    const surname = get(fields, col.surname);
    const given = col.given
      .map((at) => get(fields, at))
      .filter(Boolean)
      .join(' ');
    const name = schema === 'Person' && surname && given ? `${surname}, ${given}` : [given, surname].filter(Boolean).join(' ');
    let entity = byId.get(id);
    if (!entity) {
      entity = {
        list: UK_DATASET,
        entry_id: id,
        schema,
        names: [],
        programs: [],
        countries: [],
        birth_dates: [],
        list_date: '',
        provenance: { dataset: UK_DATASET, file, row: line, key: id },
      };
      byId.set(id, entity);
      result.rows.push(entity);
    }
    const primary = /^primary/i.test(get(fields, col.nameType));
    const low = /^low/i.test(get(fields, col.strength));
    const add = (n: string, kind: EntityName['kind']) => {
      if (!n || entity.names.some((x) => x.name === n)) return;
      const entry: EntityName = { name: n, kind, ...(low && kind === 'alias' ? { quality: 'Low' } : {}) };
      if (kind === 'primary') entity.names.unshift(entry);
      else entity.names.push(entry);
    };
    add(name, primary && !entity.names.some((x) => x.kind === 'primary') ? 'primary' : 'alias');
    add(get(fields, col.nonLatin), 'original_script');
    const regime = get(fields, col.regime);
    if (regime && !entity.programs.includes(regime)) entity.programs.push(regime);
    for (const n of get(fields, col.nationality).split(/;|,|\(\d+\)/)) {
      const code = countryCode(n.trim());
      if (code && !entity.countries.includes(code)) entity.countries.push(code);
    }
    for (const d of get(fields, col.dob).split(/;|\(\d+\)/)) {
      const dob = ukDate(d);
      if (dob && !entity.birth_dates.includes(dob)) entity.birth_dates.push(dob);
    }
  }
  result.listDate = (reportDate && ukDate(reportDate)) || dates.sort().at(-1) || '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(result.listDate))
    throw datasetParseError(UK_DATASET, file, undefined, 'no report date and no Last Updated date');
  for (const e of result.rows) {
    e.list_date = result.listDate;
    if (e.names.length > 0 && e.names[0]!.kind !== 'primary') e.names[0] = { ...e.names[0]!, kind: 'primary' };
  }
  const named = result.rows.filter((e) => e.names.length > 0);
  if (named.length !== result.rows.length) countIgnored(result, 'no_name', result.rows.length - named.length);
  result.rows = named;
  return result;
}
