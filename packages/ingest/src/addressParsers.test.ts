import { describe, expect, it } from 'vitest';
import { categoriesOfEtherscanLabels, isDprkSdnEntry } from './categoryRules.js';
import { parseEtherscanLabels } from './parseEtherscanLabels.js';
import { lazarusListDate, parseLazarusCsv } from './parseLazarusCsv.js';
import { mewEntryDate, parseMewDarklist } from './parseMewDarklist.js';
import { parseOfacCryptoList } from './parseOfacCryptoList.js';
import { parseScamSnifferAddresses, parseScamSnifferCombined } from './parseScamSniffer.js';
import { parseUltrasoundCsv } from './parseUltrasoundCsv.js';

const RONIN = '0x098b716b8aaf21512996dc57eb0615e2383e2f96';
const keys = (rows: { family: string; address: string; category: string }[]) => rows.map((r) => `${r.family}:${r.address}:${r.category}`);

describe('parseOfacCryptoList (0xB10C)', () => {
  it('maps the ticker to a family; USDT by shape; blank lines skipped; bad lines counted', () => {
    const usdt = parseOfacCryptoList(
      '0x175d44451403Edf28469dF03A9280c1197ADb92c\r\n\r\nTBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\nnot-an-address\n',
      {
        file: 'sanctioned_addresses_USDT.txt',
        listDate: '2024-09-27',
      },
    );
    expect(keys(usdt.rows)).toEqual([
      'evm:0x175d44451403edf28469df03a9280c1197adb92c:sanctioned',
      'tron:TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre:sanctioned',
    ]);
    expect(usdt.rows[1]!.provenance).toEqual({ dataset: 'ofac-crypto-0xb10c', file: 'sanctioned_addresses_USDT.txt', row: 3 });
    expect(usdt).toMatchObject({ input_rows: 3, ignored: { invalid_address: 1 } });
    const omni = parseOfacCryptoList('16iWn2J1McqjToYLHSsAyS6En3QA8YQ91H\n', { file: 'sanctioned_addresses_USDT.txt', listDate: 'x' });
    expect(keys(omni.rows)).toEqual(['bitcoin:16iWn2J1McqjToYLHSsAyS6En3QA8YQ91H:sanctioned']); // USDT on the Omni Layer
    const xmr = parseOfacCryptoList('5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320\n', {
      file: 'sanctioned_addresses_XMR.txt',
      listDate: 'x',
    });
    expect(xmr.rows[0]!.family).toBe('other');
    expect(() => parseOfacCryptoList('', { file: 'eth.txt', listDate: 'x' })).toThrow(/ofac-crypto-0xb10c\/eth\.txt: file name/);
  });
});

describe('parseUltrasoundCsv', () => {
  it('labels with the SDN name and adds dprk for DPRK entities', () => {
    const r = parseUltrasoundCsv(
      'address,name\n0x098B716B8Aaf21512996dC57EB0615e2383E2f96,"LAZARUS ' +
        'GROUP"\n0x8589427373D6D84E98730D7795D8f6f8731FDA16,"GARANTEX EUROPE OU"\n0xBAD,"X"\n',
      { file: 'data.csv', listDate: '2026-06-25' },
    );
    expect(keys(r.rows)).toEqual([
      `evm:${RONIN}:sanctioned`,
      `evm:${RONIN}:dprk`,
      'evm:0x8589427373d6d84e98730d7795d8f6f8731fda16:sanctioned',
    ]);
    expect(r.rows[1]).toMatchObject({ label: 'LAZARUS GROUP', severity: 'hard', provenance: { file: 'data.csv', row: 2 } });
    expect(r.ignored).toEqual({ invalid_address: 1 });
    const withNames = parseUltrasoundCsv('address,name\n0x8589427373D6D84E98730D7795D8f6f8731FDA16,"KIM, Sang Man"\n', {
      file: 'data.csv',
      listDate: 'x',
      dprkNames: new Set(['KIM, SANG MAN']),
    });
    expect(withNames.rows.map((l) => l.category)).toEqual(['sanctioned', 'dprk']);
    expect(() => parseUltrasoundCsv('addr,who\n', { file: 'data.csv', listDate: 'x' })).toThrow(/data\.csv row 1: header/);
    expect(() => parseUltrasoundCsv('address,name\n0x1,a,b\n', { file: 'data.csv', listDate: 'x' })).toThrow(/row 2: expected 2 columns/);
  });
});

describe('ScamSniffer', () => {
  it('address.json: array of addresses → phishing', () => {
    const r = parseScamSnifferAddresses('["0x101ce0cedd142f199c9ef61739ae59b6611a0fc0", "0x12"]', {
      file: 'address.json',
      listDate: '2026-08-22',
    });
    expect(r.rows[0]).toMatchObject({ category: 'phishing', provenance: { file: 'address.json', row: 0 } });
    expect(r.ignored).toEqual({ invalid_address: 1 });
    expect(() => parseScamSnifferAddresses('{"a":1}', { file: 'address.json', listDate: 'x' })).toThrow(/expected a JSON array/);
    expect(() => parseScamSnifferAddresses('["0x1", 5]', { file: 'address.json', listDate: 'x' })).toThrow(
      /address\.json row 1: expected an address string/,
    );
    expect(() => parseScamSnifferAddresses('[', { file: 'address.json', listDate: 'x' })).toThrow(
      /scamsniffer\/address\.json: invalid JSON/,
    );
  });

  it('combined.json: label = phishing domain, provenance key = domain', () => {
    const r = parseScamSnifferCombined(
      '{"degenalgo.art":["0x3da02e1f29bcbed185eca0d3299efd46e6e7e155"],"":["0x398e98b7c19db2f5df086eb4f83624146aa1ab53"]}',
      {
        file: 'combined.json',
        listDate: 'x',
      },
    );
    expect(r.rows.map((l) => [l.label, l.provenance.key])).toEqual([
      ['degenalgo.art', 'degenalgo.art'],
      ['(no domain)', ''],
    ]);
    expect(() => parseScamSnifferCombined('{"x.io":"0x1"}', { file: 'combined.json', listDate: 'x' })).toThrow(/key "x\.io"/);
  });
});

describe('parseMewDarklist', () => {
  it('trims, lower-cases, keeps the comment as label and the entry date', () => {
    const r = parseMewDarklist(
      JSON.stringify([
        { address: '0x00e01a648ff41346cdeb873182383333d2184dd1 ', comment: 'PHISH_Scambots_15', date: '7/22/17' },
        { address: '0x9CdfC5b0ACA4527a0916412E9dbD6AD85556A49', comment: 'too short', date: '2018-03-12' },
        { address: '0xF193a9aFb00715AaCF7ca9Ebffafe02C77517C2E', comment: 'Fake copy of ROCK2PAY token', date: '' },
      ]),
      { file: 'addresses-darklist.json', listDate: '2020-11-17' },
    );
    expect(r.rows[0]).toMatchObject({
      address: '0x00e01a648ff41346cdeb873182383333d2184dd1',
      category: 'scam',
      label: 'PHISH_Scambots_15',
      entry_date: '2017-07-22',
    });
    expect(r.rows[1]).not.toHaveProperty('entry_date');
    expect(r.ignored).toEqual({ invalid_address: 1 });
    expect(mewEntryDate('2018-11-06')).toBe('2018-11-06');
    expect(() => parseMewDarklist('[{"comment":"x"}]', { file: 'd.json', listDate: 'x' })).toThrow(/mew-darklist\/d\.json row 0/);
  });
});

describe('Etherscan labels and category rules', () => {
  it('maps slugs to categories, keeps the name tag, counts unmapped and non-address keys', () => {
    const r = parseEtherscanLabels(
      JSON.stringify({
        '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b': { name: 'Tornado.Cash: Router', labels: ['ofac-sanctions-lists', 'tornado-cash'] },
        '0x28c6c06298d514db089934071355e5743bf21d60': { name: 'Binance 14', labels: ['binance'] },
        '0x8eab84a7abae58bea081a84c740139dc81db7113': { name: 'Multichain Hack Alert 1003', labels: ['take-action'] },
        '': { name: 'Sum of 4 Accounts', labels: ['exchange'] },
        '0xb4e502bee63fb4394e682ef53150d4733dc62aa8': { name: 'Fake_Phishing143', labels: ['heist'] },
      }),
      { file: 'bscscan_combinedAllLabels.json', listDate: '2023-03-27' },
    );
    expect(r.rows.map((l) => [l.category, l.severity, l.label])).toEqual([
      ['sanctioned', 'hard', 'Tornado.Cash: Router'],
      ['mixer', 'hard', 'Tornado.Cash: Router'],
      ['exchange', 'info', 'Binance 14'],
      ['phishing', 'hard', 'Fake_Phishing143'],
    ]);
    expect(r.rows[0]).toMatchObject({ chain_id: 'eip155:56', provenance: { key: '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b' } });
    expect(r).toMatchObject({ input_rows: 5, ignored: { unmapped_labels: 1, invalid_address: 1 } });
    expect(() => parseEtherscanLabels('{"0x1":{"labels":"dex"}}', { file: 'x_combinedAllLabels.json', listDate: 'x' })).toThrow(
      /key "0x1"/,
    );
  });

  it('category table', () => {
    expect(categoriesOfEtherscanLabels(['dex', 'uniswap'], 'Uniswap V2: Router 2')).toEqual(['defi']);
    expect(categoriesOfEtherscanLabels(['bridge', 'multichain'], 'x')).toEqual(['bridge']);
    expect(categoriesOfEtherscanLabels(['exploit', 'heist'], 'Bitmart Hacker')).toEqual(['scam']);
    expect(categoriesOfEtherscanLabels(['blocked', 'compromised', 'toString'], 'x')).toEqual([]);
  });

  it('DPRK rule', () => {
    expect(isDprkSdnEntry('LAZARUS GROUP')).toBe(true);
    expect(isDprkSdnEntry('SIM, Hyon Sop', 'DOB 25 Nov 1983; POB Pyongyang, North Korea; nationality Korea, North;')).toBe(true);
    expect(isDprkSdnEntry('SEMENOV, Roman', 'DOB 08 Nov 1987; nationality Russia;')).toBe(false);
  });
});

describe('parseLazarusCsv', () => {
  it('maps chain tickers to families, labels with incident and role', () => {
    const csv = [
      'chain,address,incident,role_in_source,attribution_basis,source_repo,source_path,source_commit',
      `ETH,${RONIN},Ronin Bridge (2022-03-23),Primary,FBI,r,p,c`,
      'BTC,bc1qfesn3jj65fhmf00hh45ueql8je8jae6ep3qk84,Stake.com (2023-09-04),On-Chain,FBI,r,p,c',
      'TRX,TPFUjxQzG88Vwynrpj2W61ZAkQ9W2QYgAQ,CoinEx (2023-09-12),Theft,"SlowMist ""may be""",r,p,c',
      'XLM,GBPIDVKDSNF74OAGVBSPKLW73CSCGISBOBRB3ODROTMOEENZFC6WJFPN,CoinEx (2023-09-12),Theft,x,r,p,c',
      'BTC,bc1qbadchecksum,CoinEx (2023-09-12),Theft,x,r,p,c',
    ].join('\n');
    const r = parseLazarusCsv(csv, { file: 'lazarus.csv', listDate: lazarusListDate(csv)! });
    expect(r.rows.map((l) => [l.family, l.category])).toEqual([
      ['evm', 'dprk'],
      ['bitcoin', 'dprk'],
      ['tron', 'dprk'],
      ['other', 'dprk'],
    ]);
    expect(r.rows[0]).toMatchObject({
      label: 'Ronin Bridge (2022-03-23): Primary',
      list_date: '2023-09-12',
      chain_id: 'eip155:1',
      provenance: { row: 2 },
    });
    expect(r.ignored).toEqual({ invalid_address: 1 });
    expect(() => parseLazarusCsv('chain,addr\n', { file: 'l.csv', listDate: 'x' })).toThrow(
      /header lacks address, incident, role_in_source/,
    );
  });
});
