import { describe, expect, it } from 'vitest';
import { countryCode } from './countryCode.js';
import { parseBankRegistry } from './parseBankRegistry.js';
import { fatfPlenaryDate, parseFatfCsv } from './parseFatfCsv.js';
import { parseIbanRegistry } from './parseIbanRegistry.js';
import { parseUnConsolidated } from './parseUnConsolidated.js';

describe('parseUnConsolidated', () => {
  const XML = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>6908555</DATAID>
      <FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>SONG</SECOND_NAME><THIRD_NAME/>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.066</REFERENCE_NUMBER>
      <NAME_ORIGINAL_SCRIPT>김성</NAME_ORIGINAL_SCRIPT>
      <NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Kim Song &amp; Co</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1964-08-11</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      \
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>6908402</DATAID><FIRST_NAME>ADF</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDe.001</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Allied Democratic Forces</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>ADF-NALU</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>`;

  it('parses a single INDIVIDUAL and ENTITY (arrays even when alone), names, aliases, DOBs and nationality', () => {
    const r = parseUnConsolidated(XML, 'consolidated.xml');
    expect(r.listDate).toBe('2026-02-27');
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toEqual({
      list: 'un-consolidated',
      entry_id: 'KPi.066',
      schema: 'Person',
      names: [
        { name: 'KIM SONG', kind: 'primary' },
        { name: '김성', kind: 'original_script' },
        { name: 'Kim Song & Co', kind: 'alias', quality: 'Good' },
      ],
      programs: ['DPRK'],
      countries: ['KP'],
      birth_dates: ['1964-08-11', '1960 to 1962'],
      list_date: '2026-02-27',
      provenance: { dataset: 'un-consolidated', file: 'consolidated.xml', key: '6908555' },
    });
    expect(r.rows[1]!.names.slice(1)).toEqual([
      { name: 'Allied Democratic Forces', kind: 'aka', quality: 'a.k.a.' },
      { name: 'ADF-NALU', kind: 'fka', quality: 'f.k.a.' },
    ]);
    expect(r.rows[1]!.schema).toBe('Organization');
  });

  it('names the line of malformed XML and refuses a file without dateGenerated', () => {
    expect(() =>
      parseUnConsolidated('<CONSOLIDATED_LIST dateGenerated="2026-01-01">\n<INDIVIDUALS>\n</ENTITIES>\n</CONSOLIDATED_LIST>', 'c.xml'),
    ).toThrow(/un-consolidated\/c\.xml row 3: invalid XML/);
    expect(() => parseUnConsolidated('<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>', 'c.xml')).toThrow(/no dateGenerated/);
    expect(() => parseUnConsolidated('<OTHER/>', 'c.xml')).toThrow(/CONSOLIDATED_LIST not found/);
  });
});

describe('parseFatfCsv', () => {
  it('maps plenary month to the closing day and normalizes the action', () => {
    const r = parseFatfCsv(
      'iso2,country,list,fatf_action,as_of_plenary,change_at_this_or_previous_plenary\nKP,DPRK,call_for_action,countermeasures,' +
        '2026-06,\nba,Bosnia and Herzegovina,increased_monitoring,none (risk-based approach; FATF does not call for ' +
        'EDD),2026-06,added 2026-06\n',
      'fatf.csv',
    );
    expect(r.rows).toEqual([
      {
        iso2: 'KP',
        country: 'DPRK',
        list: 'call_for_action',
        action: 'countermeasures',
        list_date: '2026-06-19',
        provenance: { dataset: 'fatf', file: 'fatf.csv', row: 2 },
      },
      {
        iso2: 'BA',
        country: 'Bosnia and Herzegovina',
        list: 'increased_monitoring',
        action: 'none',
        list_date: '2026-06-19',
        provenance: { dataset: 'fatf', file: 'fatf.csv', row: 3 },
      },
    ]);
    expect(fatfPlenaryDate('2027-02')).toBe('2027-02-01');
    expect(fatfPlenaryDate('2026-13')).toBeUndefined();
    expect(() => parseFatfCsv('iso2,country,list,fatf_action,as_of_plenary\nKP,x,black,countermeasures,2026-06\n', 'f.csv')).toThrow(
      /f\.csv row 2: list must be/,
    );
  });
});

describe('parseIbanRegistry', () => {
  it('deep-merges overwrite.json over generated.json', () => {
    const generated = JSON.stringify({
      FR: {
        country: 'FR',
        in_sepa_zone: true,
        bban_spec: '5!n5!n11!c2!n',
        bban_length: 23,
        iban_spec: 'FR2!n5!n5!n11!c2!n',
        iban_length: 27,
        positions: { bank_code: [0, 5], account_code: [10, 21] },
      },
    });
    const overwrite = JSON.stringify({
      FR: { positions: { branch_code: [5, 10], account_code: [10, 21] } },
      DZ: { bban_spec: '22!n', bban_length: 22, iban_spec: 'DZ2!n22!n', iban_length: 26, in_sepa_zone: false },
    });
    const r = parseIbanRegistry([
      { file: 'generated.json', text: generated },
      { file: 'overwrite.json', text: overwrite },
    ]);
    expect(r.rows.map((s) => s.country)).toEqual(['DZ', 'FR']);
    expect(r.rows[1]!.positions).toEqual({ bank_code: [0, 5], account_code: [10, 21], branch_code: [5, 10] });
    expect(r.rows[1]!.in_sepa_zone).toBe(true);
    expect(() => parseIbanRegistry([{ file: 'overwrite.json', text: '{"XX":{"bban_spec":"1!n"}}' }])).toThrow(
      /key "XX": merged entry lacks/,
    );
  });
});

describe('parseBankRegistry', () => {
  it('reads v1 and v2 files, one entry per 11-character BIC, bank codes merged', () => {
    const v1 = JSON.stringify([
      { bank_code: '10000000', name: 'Bundesbank', short_name: 'BBk Berlin', bic: 'MARKDEF1100', primary: true, country_code: 'DE' },
      { bank_code: '10010010', name: 'Postbank', short_name: 'Postbank', bic: 'PBNKDEFF', primary: false, country_code: 'DE' },
      { bank_code: '10010011', name: 'Postbank Ndl', short_name: 'Postbank', bic: 'PBNKDEFFXXX', primary: true, country_code: 'DE' },
      { bank_code: '10010099', name: 'No BIC', short_name: '', bic: '', primary: true, country_code: 'DE' },
      { bank_code: '1', name: 'Bad', short_name: '', bic: 'BAD', primary: true, country_code: 'DE' },
    ]);
    const v2 = JSON.stringify({
      entries: [
        { country_code: 'AT', primary: true, bic: 'NABAATWWXXX', name: 'OeNB', short_name: 'OeNB', bank_codes: ['00100', '00101'] },
      ],
      expand_from: 'bank_codes',
    });
    const r = parseBankRegistry([
      { file: 'generated_de.json', text: v1 },
      { file: 'generated_at.v2.json', text: v2 },
    ]);
    expect(r.rows).toEqual([
      { bic: 'MARKDEF1100', name: 'Bundesbank', country: 'DE', short_name: 'BBk Berlin', bank_codes: ['10000000'] },
      { bic: 'NABAATWWXXX', name: 'OeNB', country: 'AT', bank_codes: ['00100', '00101'] },
      { bic: 'PBNKDEFFXXX', name: 'Postbank Ndl', country: 'DE', short_name: 'Postbank', bank_codes: ['10010010', '10010011'] },
    ]);
    expect(r.ignored).toEqual({ no_bic: 1, invalid_bic: 1 });
    expect(() => parseBankRegistry([{ file: 'x.json', text: '{"rows":[]}' }])).toThrow(/bic-bank-registry\/x\.json: expected an array/);
  });
});

describe('countryCode', () => {
  it.each([
    ['Korea, North', 'KP'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['Russia', 'RU'],
    ['Russian Federation', 'RU'],
    ['Burma', 'MM'],
    ['Myanmar', 'MM'],
    ['Iran (Islamic Republic of)', 'IR'],
    ['Congo, Democratic Republic of the.', 'CD'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Germany', 'DE'],
    ['Serbia', 'RS'],
    ['United Kingdom', 'GB'],
    ['Kosovo', 'XK'],
    ['Türkiye', 'TR'],
    ['former Soviet Union', undefined],
    ['', undefined],
  ])('%s → %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });
});
