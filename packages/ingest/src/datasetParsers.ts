import type { BankEntry, FatfListing, IbanCountrySpec, ListedAddress, SanctionsEntity } from '@jil/psa';
import { DPRK_SDN_NAMES } from './categoryRules.js';
import type { DatasetDescriptor } from './datasetDescriptors.js';
import { parseBankRegistry } from './parseBankRegistry.js';
import { parseEtherscanLabels } from './parseEtherscanLabels.js';
import { parseEuConsolidated } from './parseEuConsolidated.js';
import { parseUkSanctionsList } from './parseUkSanctionsList.js';
import { parseFatfCsv } from './parseFatfCsv.js';
import { parseIbanRegistry, type RegistryFile } from './parseIbanRegistry.js';
import { lazarusListDate, parseLazarusCsv } from './parseLazarusCsv.js';
import { parseMewDarklist } from './parseMewDarklist.js';
import { parseOfacCryptoList } from './parseOfacCryptoList.js';
import { parseOfacSdn } from './parseOfacSdn.js';
import type { ParseResult } from './ParseResult.js';
import { parseScamSnifferAddresses, parseScamSnifferCombined } from './parseScamSniffer.js';
import { parseUltrasoundCsv } from './parseUltrasoundCsv.js';
import { parseUnConsolidated } from './parseUnConsolidated.js';

/** What one dataset contributed. */
export interface DatasetOutput {
  addresses?: ParseResult<ListedAddress>[];
  sanctions?: ParseResult<SanctionsEntity>[];
  fatf?: ParseResult<FatfListing>;
  iban?: ParseResult<IbanCountrySpec>;
  banks?: ParseResult<BankEntry>;
  /** The list date when the data itself says it. */
  sourceDate?: string | undefined;
}

/** Shared state between datasets of one ingest run. */
export interface IngestContext {
  /** DPRK SDN names; ofac-sdn adds the names of North Korean entries, ofac-eth-ultrasoundmoney reads them. */
  dprkNames: Set<string>;
}

/** A dataset's parser: its files (decoded, in file-name order) → what it contributed. */
export type DatasetParser = (files: readonly RegistryFile[], descriptor: DatasetDescriptor, context: IngestContext) => DatasetOutput;

const byName = (files: readonly RegistryFile[], name: string): RegistryFile | undefined => files.find((f) => f.file === name);
const dateOf = (d: DatasetDescriptor, file: string): string => d.file_dates?.[file] ?? d.source_date;

/** One parser per dataset name (the folder names of `DATASET_DESCRIPTORS`). */
export const DATASET_PARSERS: Readonly<Record<string, DatasetParser>> = {
  'ofac-sdn': (files, d, context) => {
    const sdn = byName(files, 'sdn.csv')!;
    const r = parseOfacSdn(sdn.text, byName(files, 'alt.csv')?.text, { listDate: d.source_date });
    for (const n of r.dprkNames) context.dprkNames.add(n);
    return { sanctions: [r.entities], addresses: [r.addresses] };
  },
  'un-consolidated': (files) => {
    const results = files.map((f) => parseUnConsolidated(f.text, f.file));
    return {
      sanctions: results,
      sourceDate: results
        .map((r) => r.listDate)
        .sort()
        .at(-1),
    };
  },
  'eu-consolidated': (files) => {
    const results = files.map((f) => parseEuConsolidated(f.text, f.file));
    return {
      sanctions: results,
      sourceDate: results
        .map((r) => r.listDate)
        .sort()
        .at(-1),
    };
  },
  'uk-sanctions-list': (files) => {
    const results = files.map((f) => parseUkSanctionsList(f.text, f.file));
    return {
      sanctions: results,
      sourceDate: results
        .map((r) => r.listDate)
        .sort()
        .at(-1),
    };
  },
  'ofac-crypto-0xb10c': (files, d) => ({
    addresses: files.map((f) => parseOfacCryptoList(f.text, { file: f.file, listDate: dateOf(d, f.file) })),
  }),
  'ofac-eth-ultrasoundmoney': (files, d, context) => ({
    addresses: files.map((f) => parseUltrasoundCsv(f.text, { file: f.file, listDate: dateOf(d, f.file), dprkNames: context.dprkNames })),
  }),
  'lazarus-attributed': (files, d) => {
    const sourceDate =
      files
        .map((f) => lazarusListDate(f.text))
        .filter((x): x is string => !!x)
        .sort()
        .at(-1) ?? d.source_date;
    return { addresses: files.map((f) => parseLazarusCsv(f.text, { file: f.file, listDate: sourceDate })), sourceDate };
  },
  // combined.json first, so that an address in both files keeps its phishing-domain label.
  scamsniffer: (files, d) => ({
    addresses: [
      parseScamSnifferCombined(byName(files, 'combined.json')!.text, { file: 'combined.json', listDate: d.source_date }),
      parseScamSnifferAddresses(byName(files, 'address.json')!.text, { file: 'address.json', listDate: d.source_date }),
    ],
  }),
  'mew-darklist': (files, d) => ({
    addresses: files.map((f) => parseMewDarklist(f.text, { file: f.file, listDate: d.source_date })),
  }),
  // Ethereum mainnet first, so that an address labelled on several explorers keeps its etherscan.io listing.
  'etherscan-labels': (files, d) => ({
    addresses: [...files]
      .sort((a, b) => Number(b.file.startsWith('etherscan_')) - Number(a.file.startsWith('etherscan_')))
      .map((f) => parseEtherscanLabels(f.text, { file: f.file, listDate: dateOf(d, f.file) })),
  }),
  fatf: (files) => {
    const results = files.map((f) => parseFatfCsv(f.text, f.file));
    const fatf = { rows: results.flatMap((r) => r.rows), input_rows: results.reduce((n, r) => n + r.input_rows, 0), ignored: {} };
    return {
      fatf,
      sourceDate: fatf.rows
        .map((r) => r.list_date)
        .sort()
        .at(-1),
    };
  },
  'iban-registry': (files) => ({
    iban: parseIbanRegistry(['generated.json', 'overwrite.json'].map((n) => byName(files, n)!)),
  }),
  'bic-bank-registry': (files) => ({ banks: parseBankRegistry(files) }),
};

/**
 * A fresh {@link IngestContext}: the DPRK names start from `DPRK_SDN_NAMES`.
 *
 * @returns a new context (never shared between runs).
 * @example
 * import { initialIngestContext } from './datasetParsers.js';
 * initialIngestContext().dprkNames.has('LAZARUS GROUP'); // true
 */
export function initialIngestContext(): IngestContext {
  return { dprkNames: new Set(DPRK_SDN_NAMES) };
}
