import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPath, HAS_SHARED_DATA } from '@jil/testkit';
import { isJilError } from '@jil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AddressListing, type CompactAddressIndex, normalizeAddress, type NormalizedSnapshot, type Snapshot } from '@jil/psa';
import { buildSnapshot } from './buildSnapshot.js';
import { DATASET_DESCRIPTORS } from './datasetDescriptors.js';
import { ingestDatasets, type IngestProgress } from './ingestDatasets.js';
import { readSnapshotFile } from './readSnapshotFile.js';
import { writeSnapshotFile } from './writeSnapshotFile.js';
import { addressIndexPathFor, readAddressIndexFile, writeAddressIndexFile } from './addressIndexFiles.js';
import { loadSnapshotFile } from './loadSnapshotFile.js';

const ETH = 'eip155:1';
const BTC = 'bip122:000000000019d6689c085ae165831e93';

describe.skipIf(!HAS_SHARED_DATA)('ingestDatasets on ../shared/data (skipped: ../shared/data not found)', () => {
  let normalized: NormalizedSnapshot;
  let snapshot: Snapshot;
  const progress: IngestProgress[] = [];
  const find = (chain: string, address: string): readonly AddressListing[] => snapshot.addresses.lookup(normalizeAddress(chain, address));

  beforeAll(async () => {
    const started = performance.now();
    normalized = await ingestDatasets(dataPath(), { onProgress: (e) => progress.push(e) });
    const ingested = performance.now();
    snapshot = buildSnapshot(normalized);
    console.info(
      `ingest ${Math.round(ingested - started)} ms, build ${Math.round(performance.now() - ingested)} ms, ` +
        `${snapshot.addresses.size} addresses`,
    );
  });

  it('reports progress once per dataset and writes one manifest per dataset, sorted by name', () => {
    const bundled = DATASET_DESCRIPTORS.filter((d) => !d.optional); // EU and UK are not in ../shared/data
    expect(progress.map((p) => p.done)).toEqual(bundled.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === bundled.length)).toBe(true);
    const names = normalized.datasets.map((d) => d.name);
    expect(names).toEqual([...names].sort());
    for (const m of normalized.datasets) {
      expect(m.rows).toBe(normalized.stats[m.name]!.rows);
      expect(m.files.length).toBeGreaterThan(0);
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(snapshot.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes source dates from the data where it says, else from the README', () => {
    const date = Object.fromEntries(normalized.datasets.map((d) => [d.name, d.source_date]));
    expect(date).toMatchObject({
      'un-consolidated': '2026-02-27',
      fatf: '2026-06-19',
      'lazarus-attributed': '2023-09-12',
      'ofac-sdn': '2024-05-03',
      'ofac-crypto-0xb10c': '2024-09-27',
      'ofac-eth-ultrasoundmoney': '2026-06-25',
      scamsniffer: '2026-08-22',
    });
  });

  it('row counts match the folder READMEs', () => {
    const s = normalized.stats;
    expect(s['ofac-crypto-0xb10c']!.input_rows).toBe(654);
    expect(s['ofac-crypto-0xb10c']!.ignored).toEqual({ duplicate: 13 }); // every line is a valid address
    expect(s['ofac-eth-ultrasoundmoney']!.input_rows).toBe(97);
    expect(s['lazarus-attributed']).toMatchObject({ input_rows: 99, rows: 99 });
    expect(s['scamsniffer']).toMatchObject({ input_rows: 2530 + 3021, rows: 2612 }); // 2530 + (590 − 508) unique
    // 716 entries → 655 unique as written; 653 after trimming; minus one 39-hex-digit address.
    expect(s['mew-darklist']).toMatchObject({ input_rows: 716, rows: 652, ignored: { invalid_address: 1, duplicate: 63 } });
    expect(s['etherscan-labels']!.input_rows).toBe(29945 + 6726 + 4997 + 1062 + 1085 + 837 + 546);
    expect(s['fatf']).toMatchObject({ input_rows: 25, rows: 25 });
    expect(s['iban-registry']).toMatchObject({ input_rows: 103 + 72, rows: 127 });
    expect(s['bic-bank-registry']!.input_rows).toBe(15821);
    expect(s['un-consolidated']).toMatchObject({ input_rows: 1003, rows: 1003 });
  });

  it('OFAC SDN: 14,965 entries by type, aliases from alt.csv', () => {
    const sdn = normalized.sanctions.filter((e) => e.list === 'ofac-sdn');
    expect(sdn).toHaveLength(14965);
    const bySchema = (schema: string) => sdn.filter((e) => e.schema === schema).length;
    expect([bySchema('Person'), bySchema('Organization'), bySchema('Vessel'), bySchema('Aircraft')]).toEqual([6854, 6884, 851, 376]);
    const aliases = sdn.reduce((n, e) => n + e.names.length - 1, 0);
    expect(aliases + normalized.stats['ofac-sdn']!.ignored['alias_without_entry']!).toBe(20107);
    const lazarus = sdn.find((e) => e.entry_id === '27307')!;
    expect(lazarus).toMatchObject({ schema: 'Organization', programs: ['DPRK3'] });
    const kim = sdn.find((e) => e.entry_id === '43377')!;
    expect(kim).toMatchObject({ countries: ['KP'], birth_dates: ['25 Apr 1965'], programs: ['DPRK4'] });
  });

  it('OFAC: Putin (35096) carries current ISO codes only (RU, never the withdrawn SU)', () => {
    const putin = normalized.sanctions.find((e) => e.list === 'ofac-sdn' && e.entry_id === '35096');
    expect(putin?.countries).toEqual(['RU']);
    const withdrawn = new Set(['SU', 'YU', 'CS', 'ZR', 'DD', 'BU', 'TP', 'AN']);
    expect(normalized.sanctions.filter((e) => e.countries.some((c) => withdrawn.has(c)))).toEqual([]);
  });

  it('UN: 730 individuals + 273 entities, list date = dateGenerated', () => {
    const un = normalized.sanctions.filter((e) => e.list === 'un-consolidated');
    expect(un.filter((e) => e.schema === 'Person')).toHaveLength(730);
    expect(un.filter((e) => e.schema === 'Organization')).toHaveLength(273);
    expect(un.every((e) => e.list_date === '2026-02-27')).toBe(true);
    expect(un.find((e) => e.entry_id === 'CDi.001')).toMatchObject({
      names: [{ name: 'ERIC BADEGE', kind: 'primary' }],
      countries: ['CD'],
      birth_dates: ['1971'],
      provenance: { key: '6907993' },
    });
  });

  it('FATF: 3 call-for-action + 22 increased-monitoring; IBAN: 127 countries; banks by 8 and 11 characters', () => {
    expect(normalized.fatf.filter((f) => f.list === 'call_for_action').map((f) => f.iso2)).toEqual(['KP', 'IR', 'MM']);
    expect(normalized.fatf.filter((f) => f.list === 'increased_monitoring')).toHaveLength(22);
    expect(snapshot.iban.size).toBe(127);
    expect(snapshot.iban.get('DE')).toMatchObject({ iban_length: 22, iban_spec: 'DE2!n8!n10!n', in_sepa_zone: true });
    expect(snapshot.iban.get('YE')?.iban_length).toBe(30);
    expect(snapshot.banks.get('MARKDEF1100')?.name).toBe('Bundesbank');
    expect(snapshot.banks.get('PBNKDEFF')).toBe(snapshot.banks.get('PBNKDEFFXXX'));
    expect(snapshot.banks.get('PBNKDEFFXXX')?.bank_codes).toContain('10010010');
  });

  it('the Ronin exploiter is dprk (Lazarus CSV) and sanctioned (ultrasoundmoney, LAZARUS GROUP)', () => {
    const hits = find(ETH, '0x098B716B8Aaf21512996dC57EB0615e2383E2f96');
    expect(hits).toContainEqual(
      expect.objectContaining({
        category: 'dprk',
        list: 'lazarus-attributed',
        label: 'Ronin Bridge (2022-03-23): Primary',
        provenance: { dataset: 'lazarus-attributed', file: 'lazarus_attributed_addresses.csv', row: 2 },
      }),
    );
    expect(hits).toContainEqual(
      expect.objectContaining({
        category: 'sanctioned',
        list: 'ofac-eth-ultrasoundmoney',
        label: 'LAZARUS GROUP',
        list_date: '2026-06-25',
      }),
    );
    expect(hits).toContainEqual(
      expect.objectContaining({
        category: 'sanctioned',
        list: 'ofac-sdn',
        label: 'LAZARUS GROUP',
        provenance: expect.objectContaining({ key: '27307' }),
      }),
    );
    expect(find('eip155:42161', '0x098b716b8aaf21512996dc57eb0615e2383e2f96')).toEqual(hits);
  });

  it('Etherscan: Tornado.Cash Router is mixer, Binance 14 is exchange (info)', () => {
    expect(find(ETH, '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b')).toContainEqual(
      expect.objectContaining({
        category: 'mixer',
        severity: 'hard',
        label: 'Tornado.Cash: Router',
        list: 'etherscan-labels',
        chain_id: 'eip155:1',
      }),
    );
    expect(find(ETH, '0x28c6c06298d514db089934071355e5743bf21d60')).toEqual([
      expect.objectContaining({
        category: 'exchange',
        severity: 'info',
        label: 'Binance 14',
        provenance: {
          dataset: 'etherscan-labels',
          file: 'etherscan_combinedAllLabels.json',
          key: '0x28c6c06298d514db089934071355e5743bf21d60',
        },
      }),
    ]);
  });

  it('ScamSniffer address is phishing; MEW darklist keeps entry dates; OFAC ETH list address is sanctioned', () => {
    expect(find(ETH, '0x101ce0cedd142f199c9ef61739ae59b6611a0fc0')).toEqual([
      expect.objectContaining({
        category: 'phishing',
        list: 'scamsniffer',
        provenance: { dataset: 'scamsniffer', file: 'address.json', row: 0 },
      }),
    ]);
    expect(find(ETH, '0xF193a9aFb00715AaCF7ca9Ebffafe02C77517C2E')).toContainEqual(
      expect.objectContaining({ category: 'scam', label: 'Fake copy of ROCK2PAY token', entry_date: '2018-11-06' }),
    );
    expect(find(ETH, '0x7FF9cFad3877F21d41Da833E2F775dB0569eE3D9')).toContainEqual(
      expect.objectContaining({ category: 'sanctioned', list: 'ofac-eth-ultrasoundmoney', label: 'GARANTEX EUROPE OU' }),
    );
  });

  it('Bitcoin: OFAC XBT and Lazarus BTC rows are bitcoin listings', () => {
    expect(find(BTC, '1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ').map((l) => [l.list, l.category])).toEqual([
      ['ofac-sdn', 'sanctioned'],
      ['ofac-sdn', 'dprk'],
      ['ofac-crypto-0xb10c', 'sanctioned'],
    ]);
    const lazarusBtc = normalized.addresses.filter((a) => a.list === 'lazarus-attributed' && a.family === 'bitcoin');
    expect(lazarusBtc).toHaveLength(25);
    expect(find(BTC, 'BC1QFESN3JJ65FHMF00HH45UEQL8JE8JAE6EP3QK84')).toEqual([
      expect.objectContaining({ category: 'dprk', list: 'lazarus-attributed' }),
    ]);
  });

  it('a clean-looking address is in no list', () => {
    expect(find(ETH, '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toEqual([]);
  });

  describe('snapshot file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'jil-snapshot-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('round-trips: same sha256, same lookups', async () => {
      const file = join(dir, 'nested', 'snapshot.json');
      await writeSnapshotFile(file, normalized);
      const again = buildSnapshot(await readSnapshotFile(file));
      expect(again.sha256).toBe(snapshot.sha256);
      expect(again.addresses.size).toBe(snapshot.addresses.size);
      expect(again.addresses.lookup(normalizeAddress(ETH, '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b'))).toEqual(
        find(ETH, '0xd90e2f925da726b50c4ed8d0fb90ad053324f31b'),
      );
    });

    it('loads the binary address index written beside the JSON, and refuses one of another snapshot or with a damaged body', async () => {
      const file = join(dir, 'nested', 'snapshot.json');
      const binary = addressIndexPathFor(file);
      expect(binary).toBe(join(dir, 'nested', 'snapshot.addresses.bin'));
      await writeAddressIndexFile(binary, snapshot.addresses as CompactAddressIndex, snapshot.sha256);
      const loaded = await loadSnapshotFile(file);
      expect(loaded.sha256).toBe(snapshot.sha256);
      expect(loaded.addresses.size).toBe(snapshot.addresses.size);
      for (const a of ['0x098b716b8aaf21512996dc57eb0615e2383e2f96', '0x28c6c06298d514db089934071355e5743bf21d60']) {
        expect(loaded.addresses.lookup(normalizeAddress(ETH, a))).toEqual(find(ETH, a));
      }
      expect(loaded.addresses.lookup(normalizeAddress(BTC, 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw'))).toEqual(
        find(BTC, 'bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw'),
      );
      await expect(readAddressIndexFile(binary, 'ff'.repeat(32))).rejects.toThrow(/belongs to another snapshot/);
      const bytes = new Uint8Array(await readFile(binary));
      bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
      await writeFile(binary, bytes);
      await expect(loadSnapshotFile(file)).rejects.toThrow(/does not match its sha256/);
      await rm(binary);
    });

    it('refuses a tampered manifest, another version and a missing file', async () => {
      const file = join(dir, 'tampered.json');
      const value = JSON.parse(await readFile(join(dir, 'nested', 'snapshot.json'), 'utf8')) as NormalizedSnapshot;
      value.datasets[0]!.files[0]!.bytes += 1;
      await writeFile(file, JSON.stringify(value));
      await expect(readSnapshotFile(file)).rejects.toThrow(/manifest sha256 does not match its files/);
      await writeFile(file, JSON.stringify({ ...value, version: 'jil.snapshot.v0' }));
      await expect(readSnapshotFile(file)).rejects.toMatchObject({ code: 'DATASET_PARSE_ERROR', details: { key: 'version' } });
      await expect(readSnapshotFile(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND' });
    });
  });
});

describe('ingestDatasets errors', () => {
  it('names the missing data folder and where the data is expected', async () => {
    const missing = join(tmpdir(), 'jil-no-such-data-dir');
    let caught: unknown;
    try {
      await ingestDatasets(missing);
    } catch (error) {
      caught = error;
    }
    expect(isJilError(caught, 'DATASET_NOT_FOUND')).toBe(true);
    expect((caught as Error).message).toBe(
      `data folder ${missing} not found: the datasets live in ../shared/data beside the repository, or pass --data-dir / set ` +
        `JIL_DATA_DIR to the folder holding them`,
    );
  });

  it('names a missing dataset folder and a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jil-data-'));
    try {
      await expect(ingestDatasets(dir)).rejects.toThrow(
        `dataset folder ${join(dir, 'ofac-sdn')} (ofac-sdn) not found: the datasets live in ../shared/data`,
      );
      const iban = DATASET_DESCRIPTORS.find((d) => d.name === 'iban-registry')!;
      await mkdir(join(dir, 'iban-registry'));
      await writeFile(join(dir, 'iban-registry', 'generated.json'), '{}');
      await expect(ingestDatasets(dir, { datasets: [iban] })).rejects.toMatchObject({
        code: 'DATASET_NOT_FOUND',
        message: expect.stringMatching(/^dataset iban-registry: overwrite\.json not found in /),
      });
      await writeFile(join(dir, 'iban-registry', 'overwrite.json'), '{"DE": 1}');
      await expect(ingestDatasets(dir, { datasets: [iban] })).rejects.toMatchObject({
        code: 'DATASET_PARSE_ERROR',
        message: 'iban-registry/overwrite.json key "DE": expected a country code key with an object value',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
