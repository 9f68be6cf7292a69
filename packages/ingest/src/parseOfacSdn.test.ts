import { describe, expect, it } from 'vitest';
import { isJilError } from '@jil/core';
import { parseOfacSdn } from './parseOfacSdn.js';
import { decodeText } from './decodeText.js';
import { parseSdnRemarks } from './parseSdnRemarks.js';
import { readCsv } from './readCsv.js';

// Official OFAC legacy format: CRLF, no header, `-0- ` nulls, final line = 0x1A.
const row = (...f: string[]) => f.join(',');
const NULL = '-0- ';
const SDN = `${[
  row('36', '"AEROCARIBBEAN AIRLINES"', NULL, '"CUBA"', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  row(
    '27307',
    '"LAZARUS GROUP"',
    NULL,
    '"DPRK3"',
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    '"Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96; alt. Digital Currency Address - ETH ' +
      '0xa0e1c89Ef1a489c9C7dE96311eD5Ce5D32c20E4B."',
  ),
  row(
    '43377',
    '"KIM, Sang Man"',
    '"individual"',
    '"DPRK4] [CYBER2"',
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    '"DOB 25 Apr 1965; alt. DOB 1966; POB North Pyongan Province, North Korea; nationality Korea, North; Digital Currency Address ' +
      '- XBT 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ; Digital Currency Address - XBT TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq; alt. Digital ' +
      'Currency Address - XBT 1Gq"',
  ),
  row(
    '44718',
    '"SEMENOV, Roman"',
    '"individual"',
    '"DPRK3] [CYBER2"',
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    '"DOB 08 Nov 1987; nationality Russia; Digital Currency Address - ETH 0xdcbEfFBECcE100cCE9E4b153C4e15cB885643193; Digital ' +
      'Currency Address - "',
  ),
  row('9999', '"OCEAN STAR"', '"vessel"', '"IRAN"', NULL, '"9HXX5"', '"Crude Oil Tanker"', NULL, NULL, '"Malta"', NULL, NULL),
].join('\r\n')}\r\n\x1a`;
const ALT = `${[
  row('27307', '1', '"aka"', '"APPLEWORM"', NULL),
  row('27307', '2', '"fka"', '"GUARDIANS OF PEACE"', NULL),
  row('12345', '3', '"aka"', '"NOT IN SDN"', NULL),
].join('\r\n')}\r\n\x1a`;

describe('parseOfacSdn (official legacy CSV)', () => {
  const { entities, addresses, dprkNames } = parseOfacSdn(SDN, ALT, { listDate: '2024-05-03' });

  it('reads every entry, maps SDN_Type and splits programs', () => {
    expect(entities.rows.map((e) => [e.entry_id, e.schema])).toEqual([
      ['36', 'Organization'],
      ['27307', 'Organization'],
      ['43377', 'Person'],
      ['44718', 'Person'],
      ['9999', 'Vessel'],
    ]);
    expect(entities.rows[2]!.programs).toEqual(['DPRK4', 'CYBER2']);
    expect(entities.rows[2]!.provenance).toEqual({ dataset: 'ofac-sdn', file: 'sdn.csv', row: 3, key: '43377' });
  });

  it('takes DOB and nationality from Remarks', () => {
    expect(entities.rows[2]).toMatchObject({ birth_dates: ['25 Apr 1965', '1966'], countries: ['KP'] });
    expect(entities.rows[3]!.countries).toEqual(['RU']);
  });

  it('attaches aliases by ent_num and counts orphans', () => {
    expect(entities.rows[1]!.names).toEqual([
      { name: 'LAZARUS GROUP', kind: 'primary' },
      { name: 'APPLEWORM', kind: 'aka' },
      { name: 'GUARDIANS OF PEACE', kind: 'fka' },
    ]);
    expect(entities.ignored['alias_without_entry']).toBe(1);
  });

  it('lists Remarks crypto addresses as sanctioned, and dprk for DPRK entities', () => {
    const list = addresses.rows.map((a) => `${a.family}:${a.address}:${a.category}`);
    expect(list).toEqual([
      'evm:0x098b716b8aaf21512996dc57eb0615e2383e2f96:sanctioned',
      'evm:0x098b716b8aaf21512996dc57eb0615e2383e2f96:dprk',
      'evm:0xa0e1c89ef1a489c9c7de96311ed5ce5d32c20e4b:sanctioned',
      'evm:0xa0e1c89ef1a489c9c7de96311ed5ce5d32c20e4b:dprk',
      'bitcoin:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ:sanctioned',
      'bitcoin:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ:dprk',
      'tron:TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq:sanctioned', // listed by OFAC under XBT
      'tron:TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq:dprk',
      'evm:0xdcbeffbecce100cce9e4b153c4e15cb885643193:sanctioned', // Semenov: Russian national, not dprk
    ]);
    expect(addresses.rows[0]).toMatchObject({
      label: 'LAZARUS GROUP',
      list: 'ofac-sdn',
      severity: 'hard',
      provenance: { row: 2, key: '27307' },
    });
    expect(addresses.ignored).toEqual({ invalid_address: 1, truncated_remark: 1 });
    expect([...dprkNames]).toEqual(['LAZARUS GROUP', 'KIM, SANG MAN']);
  });

  it('also accepts LF line ends and a file without the EOF character', () => {
    const lf = parseOfacSdn(SDN.replace(/\r\n/g, '\n').replace('\x1a', ''), undefined, { listDate: 'x' });
    expect(lf.entities.rows).toHaveLength(5);
  });

  it('names file and row of a malformed line', () => {
    const bad = `${SDN.split('\r\n').slice(0, 2).join('\r\n')}\r\n37,"SHORT ROW",-0- \r\n`;
    let caught: unknown;
    try {
      parseOfacSdn(bad, undefined, { listDate: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(isJilError(caught, 'DATASET_PARSE_ERROR')).toBe(true);
    expect((caught as Error).message).toBe('ofac-sdn/sdn.csv row 3: expected 12 columns, found 3');
    expect(() => parseOfacSdn(SDN.replace('"vessel"', '"yacht"'), undefined, { listDate: 'x' })).toThrow(/row 5: unknown SDN_Type "yacht"/);
    expect(() => parseOfacSdn('1,"A"x,-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n', undefined, { listDate: 'x' })).toThrow(
      /ofac-sdn\/sdn\.csv row 1: invalid CSV/,
    );
  });
});

describe('readCsv line numbers', () => {
  it('counts empty lines and multi-line quoted fields', () => {
    const records = readCsv('a,b\n\n"x\ny",2\n\nc,3\n', { dataset: 'd', file: 'f.csv' });
    expect(records.map((r) => r.line)).toEqual([1, 3, 6]);
  });
});

describe('parseSdnRemarks', () => {
  it('handles citizen, several nationalities, circa DOBs and unknown countries', () => {
    expect(
      parseSdnRemarks('DOB circa 1970; nationality Iran; alt. nationality Burma.; citizen Palestinian; nationality Region: Gaza'),
    ).toEqual({
      birth_dates: ['circa 1970'],
      countries: ['IR', 'MM', 'PS'],
      digital_currency: [],
      truncated_addresses: 0,
    });
  });
});

describe('decodeText', () => {
  it('reads UTF-8 (BOM dropped), falls back to Windows-1252, refuses NUL bytes', () => {
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9), 'd', 'f')).toBe('Aé');
    expect(decodeText(Uint8Array.of(0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72), 'd', 'f')).toBe('Müller');
    expect(() => decodeText(Uint8Array.of(0x41, 0x00, 0x42, 0x00), 'ofac-sdn', 'sdn.csv')).toThrow(
      /ofac-sdn\/sdn\.csv: file contains NUL bytes/,
    );
  });
});
