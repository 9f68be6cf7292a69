import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentCountryCode } from './currentCountryCode.js';
import { DATASET_DESCRIPTORS } from './datasetDescriptors.js';
import { ingestDatasets } from './ingestDatasets.js';
import { parseEuConsolidated } from './parseEuConsolidated.js';
import { parseUkSanctionsList, ukDate } from './parseUkSanctionsList.js';

// Small samples in the shape of the official files (invented entries, not real designations).
const EU_XML = `<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-11-20T18:03:11.123+01:00" globalFileId="170000">
  <sanctionEntity designationDate="2022-02-25" unitedNationId="" euReferenceNumber="EU.9999.01" logicalId="900001">
    <regulation programme="RUS" logicalId="1"/>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Ivan" middleName="Sergeyevich" lastName="Petrov" wholeName="Ivan Sergeyevich Petrov" strong="true" logicalId="2"/>
    <nameAlias wholeName="Иван Сергеевич Петров" nameLanguage="RU" strong="true" logicalId="3"/>
    <nameAlias wholeName="Vanya" strong="false" logicalId="4"/>
    <citizenship countryIso2Code="SU" countryDescription="USSR" logicalId="5"/>
    <citizenship countryIso2Code="RU" countryDescription="RUSSIA" logicalId="6"/>
    <birthdate birthdate="1961-03-12" year="1961" logicalId="7"/>
    <birthdate year="1962" logicalId="8"/>
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="" logicalId="900002">
    <regulation programme="IRN"/><regulation programme="IRN"/>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias firstName="" lastName="" wholeName="Romashka Trading LLC"/>
  </sanctionEntity>
  <sanctionEntity logicalId="900003"><subjectType code="person"/></sanctionEntity>
</export>`;

const UK_CSV = [
  'Report Date: 20-Nov-2026',
  'Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Name type,Alias ' +
    'strength,Title,Name non-latin script,Non-latin script type,Non-latin script language,Regime Name,Designation ' +
    'Type,D.O.B,Nationality(/ies)',
  '15/03/2022,RUS9999,90001,,PETROV,Ivan,Sergeyevich,,,,Primary Name,,,Иван ' +
    'Петров,Cyrillic,Russian,Russia,Individual,12/03/1961,(1) Russia (2) Ukraine',
  '15/03/2022,RUS9999,90001,,PETROV,Vanya,,,,,Alias,Low,,,,,Russia,Individual,00/00/1962,Russia',
  '01/02/2023,IRN9998,90002,,ROMASHKA TRADING LLC,,,,,,Primary Name,,,,,,Iran,Entity,,',
  '01/02/2023,RUS9997,90003,,SEA BREEZE,,,,,,Primary Name,,,,,,Russia,Ship,,',
  '',
].join('\r\n');

describe('parseEuConsolidated (EU FSF XML 1.1)', () => {
  it('reads persons and enterprises with names, programmes, current country codes and birth dates', () => {
    const r = parseEuConsolidated(EU_XML, 'eu_consolidated.xml');
    expect(r.listDate).toBe('2026-11-20');
    expect(r.input_rows).toBe(3);
    expect(r.ignored).toEqual({ no_name: 1 });
    expect(r.rows).toEqual([
      {
        list: 'eu-consolidated',
        entry_id: 'EU.9999.01',
        schema: 'Person',
        names: [
          { name: 'Ivan Sergeyevich Petrov', kind: 'primary' },
          { name: 'Иван Сергеевич Петров', kind: 'aka' },
          { name: 'Vanya', kind: 'aka', quality: 'Low' },
        ],
        programs: ['RUS'],
        countries: ['RU'],
        birth_dates: ['1961-03-12', '1962'],
        list_date: '2026-11-20',
        provenance: { dataset: 'eu-consolidated', file: 'eu_consolidated.xml', key: '900001' },
      },
      {
        list: 'eu-consolidated',
        entry_id: '900002',
        schema: 'Organization',
        names: [{ name: 'Romashka Trading LLC', kind: 'primary' }],
        programs: ['IRN'],
        countries: [],
        birth_dates: [],
        list_date: '2026-11-20',
        provenance: { dataset: 'eu-consolidated', file: 'eu_consolidated.xml', key: '900002' },
      },
    ]);
  });

  it('names the line of malformed XML and refuses a file without generationDate or a logicalId', () => {
    expect(() => parseEuConsolidated('<export generationDate="2026-01-01">\n<sanctionEntity>', 'eu.xml')).toThrow(
      expect.objectContaining({ code: 'DATASET_PARSE_ERROR' }),
    );
    expect(() => parseEuConsolidated('<export globalFileId="1"></export>', 'eu.xml')).toThrow(/export has no generationDate/);
    expect(() => parseEuConsolidated('<list/>', 'eu.xml')).toThrow(/root element export not found/);
    expect(() => parseEuConsolidated('<export generationDate="2026-01-01"><sanctionEntity/></export>', 'eu.xml')).toThrow(
      /without logicalId/,
    );
  });
});

describe('parseUkSanctionsList (FCDO UK Sanctions List CSV)', () => {
  it('groups name rows by Unique ID: primary and aliases, non-Latin script, regimes, types, nationalities, dates', () => {
    const r = parseUkSanctionsList(UK_CSV, 'UK-Sanctions-List.csv');
    expect(r.listDate).toBe('2026-11-20');
    expect(r.input_rows).toBe(4);
    expect(r.rows.map((e) => [e.entry_id, e.schema])).toEqual([
      ['RUS9999', 'Person'],
      ['IRN9998', 'Organization'],
      ['RUS9997', 'Vessel'],
    ]);
    expect(r.rows[0]).toEqual({
      list: 'uk-sanctions-list',
      entry_id: 'RUS9999',
      schema: 'Person',
      names: [
        { name: 'PETROV, Ivan Sergeyevich', kind: 'primary' },
        { name: 'Иван Петров', kind: 'original_script' },
        { name: 'PETROV, Vanya', kind: 'alias', quality: 'Low' },
      ],
      programs: ['Russia'],
      countries: ['RU', 'UA'],
      birth_dates: ['1961-03-12', '1962'],
      list_date: '2026-11-20',
      provenance: { dataset: 'uk-sanctions-list', file: 'UK-Sanctions-List.csv', row: 3, key: 'RUS9999' },
    });
    expect(r.rows[1]!.names).toEqual([{ name: 'ROMASHKA TRADING LLC', kind: 'primary' }]);
  });

  it('finds columns by header, falls back to the newest Last Updated, and names what is missing', () => {
    const noReport = UK_CSV.split('\r\n').slice(1).join('\n');
    expect(parseUkSanctionsList(noReport, 'uk.csv').listDate).toBe('2023-02-01');
    expect(() => parseUkSanctionsList('Report Date: 1-Jan-2026\nfoo,bar\n', 'uk.csv')).toThrow(/no header row with a "Unique ID" column/);
    expect(() => parseUkSanctionsList('Unique ID,Name 6,Name type\nX1,A,Primary Name\n', 'uk.csv')).toThrow(
      /header has no "Designation Type" column/,
    );
    expect(() => parseUkSanctionsList(`${UK_CSV}\r\n01/01/2026,,,,NOBODY,,,,,,Alias,,,,,,Russia,Individual,,`, 'uk.csv')).toThrow(
      expect.objectContaining({ code: 'DATASET_PARSE_ERROR', details: expect.objectContaining({ row: 8 }) }),
    );
  });

  it('reads the UK date spellings', () => {
    expect([
      ukDate('07/10/1952'),
      ukDate('00/00/1962'),
      ukDate('28-Jan-2026'),
      ukDate('2026-01-28T10:00'),
      ukDate('1970'),
      ukDate('soon'),
    ]).toEqual(['1952-10-07', '1962', '2026-01-28', '2026-01-28', '1970', undefined]);
  });
});

describe('EU and UK in ingestDatasets', () => {
  it('are read when their folders exist, with the list date from the data, and skipped otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jil-euuk-'));
    try {
      await mkdir(join(dir, 'eu-consolidated'));
      await mkdir(join(dir, 'uk-sanctions-list'));
      await writeFile(join(dir, 'eu-consolidated', 'eu_consolidated.xml'), EU_XML);
      await writeFile(join(dir, 'uk-sanctions-list', 'UK-Sanctions-List.csv'), UK_CSV);
      const wanted = DATASET_DESCRIPTORS.filter((d) => d.optional);
      const out = await ingestDatasets(dir, { datasets: wanted });
      expect(out.datasets.map((d) => [d.name, d.source_date, d.rows])).toEqual([
        ['eu-consolidated', '2026-11-20', 2],
        ['uk-sanctions-list', '2026-11-20', 3],
      ]);
      await rm(join(dir, 'uk-sanctions-list'), { recursive: true });
      expect((await ingestDatasets(dir, { datasets: wanted })).datasets.map((d) => d.name)).toEqual(['eu-consolidated']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('currentCountryCode', () => {
  it('maps withdrawn ISO 3166-3 codes to their successors', () => {
    expect(['su', 'YU', 'ZR', 'RU', 'x', undefined].map((c) => currentCountryCode(c))).toEqual([
      'RU',
      'RS',
      'CD',
      'RU',
      undefined,
      undefined,
    ]);
  });
});
