/** What ingest needs to know about one dataset folder that the files themselves do not say. */
export interface DatasetDescriptor {
  /** Folder name under the data directory and dataset name in manifests, listings and provenance. */
  name: string;
  title: string;
  /** Repository + commit of the copy, and the official URL where there is one. */
  source: string;
  /** License as stated by the source. */
  license: string;
  /**
   * Date of the list when the data does not carry one: the date of the newest commit that changed the copied
   * files (from the folder README). Overridden by the data where it says (UN `dateGenerated`, FATF plenary,
   * latest Lazarus incident).
   */
  source_date: string;
  /** Files read: exact names (all required), or a pattern matching one or more files of the folder. */
  files: readonly string[] | RegExp;
  /** Per-file list dates where files of one dataset differ (Etherscan sites were scraped on different days). */
  file_dates?: Readonly<Record<string, string>>;
  /** Read only when its folder exists (lists not in the bundled data: EU, UK; `jil ingest --from-official` fetches them). */
  optional?: boolean;
}

/**
 * The datasets `ingestDatasets` reads, in ingest order (`ofac-sdn` first: its DPRK names feed the ultrasound list).
 * The same folders may hold the official files instead of the research copies (OFAC sdn.csv/alt.csv, UN
 * consolidated.xml), with `source_date` then taken as given here unless the data says.
 */
export const DATASET_DESCRIPTORS: readonly DatasetDescriptor[] = [
  {
    name: 'ofac-sdn',
    title: 'OFAC SDN list (sdn.csv + alt.csv)',
    source:
      'https://github.com/jackdwyer/specially-designated-nationals-list@a5ec3c5ee4aae1b36ba24897a051787ea5429d30 sdn.csv; ' +
      'https://github.com/moov-io/watchman@2928c9496384fa9fad4e21bddd144c8fd42587b1 internal/tfidf/testdata/alt.csv; ' +
      'official: https://www.treasury.gov/ofac/downloads/sdn.csv',
    license: 'US Government data (OFAC); sdn.csv copy: no license stated; alt.csv copy: Apache-2.0',
    source_date: '2024-05-03',
    files: ['sdn.csv', 'alt.csv'],
  },
  {
    name: 'un-consolidated',
    title: 'UN Security Council Consolidated List',
    source:
      'https://github.com/moov-io/watchman@612b2174c7753aaf7166f59bbefcdfecbb1681de test/testdata/UN_consolidated.xml; ' +
      'official: https://scsanctions.un.org/resources/xml/en/consolidated.xml',
    license: 'UN Security Council publication; copy: Apache-2.0',
    source_date: '2026-02-27',
    files: /^(UN_)?consolidated\.xml$/i,
  },
  {
    name: 'eu-consolidated',
    title: 'EU consolidated list of persons, groups and entities subject to financial sanctions (FSF XML 1.1)',
    source: 'official: https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw',
    license: 'European Commission publication (reuse authorised, Decision 2011/833/EU)',
    source_date: '1970-01-01',
    files: /^eu[_-].*\.xml$/i,
    optional: true,
  },
  {
    name: 'uk-sanctions-list',
    title: 'UK Sanctions List (FCDO)',
    source: 'official: https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv',
    license: 'Open Government Licence v3.0',
    source_date: '1970-01-01',
    files: /^UK[_-]Sanctions[_-]List\.csv$/i,
    optional: true,
  },
  {
    name: 'ofac-crypto-0xb10c',
    title: 'OFAC SDN digital currency addresses (0xB10C extraction)',
    source: 'https://github.com/0xB10C/ofac-sanctioned-digital-currency-addresses@f2aee2265956bf28ce71824c2c2c8cab02c2e173 (branch lists)',
    license: 'MIT',
    source_date: '2024-09-27',
    files: /^sanctioned_addresses_[A-Z0-9]+\.txt$/,
  },
  {
    name: 'ofac-eth-ultrasoundmoney',
    title: 'OFAC SDN Ethereum addresses with entity names (ultrasound.money)',
    source: 'https://github.com/ultrasoundmoney/ofac-ethereum-addresses@ac234519b1ff45e9beec3345d476a0a54dca7df8 data.csv',
    license: 'MIT',
    source_date: '2026-06-25',
    files: ['data.csv'],
  },
  {
    name: 'lazarus-attributed',
    title: 'Lazarus-attributed addresses (compiled from tayvano/lazarus-bluenoroff-research)',
    source: 'https://github.com/tayvano/lazarus-bluenoroff-research (Ronin Bridge.md@22a53877, Stake.md@4b36e5a4, CoinEx.md@4b36e5a4)',
    license: 'no license stated',
    source_date: '2023-09-12',
    files: ['lazarus_attributed_addresses.csv'],
  },
  {
    name: 'scamsniffer',
    title: 'ScamSniffer phishing blacklist',
    source: 'https://github.com/scamsniffer/scam-database@750005582359f99a2ef2b2133daca27926e5c661 blacklist/',
    license: 'GPL-3.0',
    source_date: '2026-08-22',
    files: ['combined.json', 'address.json'],
  },
  {
    name: 'mew-darklist',
    title: 'MyEtherWallet address darklist',
    source:
      'https://github.com/MyEtherWallet/ethereum-lists src/addresses/addresses-darklist.json ' +
      '(blob 4e3b4171 of b0e49a8b + 23 entries of d9cb7cef)',
    license: 'MIT',
    source_date: '2020-11-17',
    files: ['addresses-darklist.2018-11-05.json', 'addresses-darklist.additions-from-d9cb7ce.json'],
  },
  {
    name: 'etherscan-labels',
    title: 'Etherscan-family label clouds (brianleect/etherscan-labels)',
    source:
      'https://github.com/brianleect/etherscan-labels@923aba72c7e2d0682f7ae6194b6140bd90668dc9 data/<site>/combined/combinedAllLabels.json',
    license: 'MIT (scraped from Etherscan-operated explorers; their terms not addressed)',
    source_date: '2023-06-18',
    files: /^[a-z]+_combinedAllLabels\.json$/,
    file_dates: {
      'etherscan_combinedAllLabels.json': '2023-06-18',
      'optimism_combinedAllLabels.json': '2023-03-29',
      'bscscan_combinedAllLabels.json': '2023-03-27',
      'polygonscan_combinedAllLabels.json': '2023-03-27',
      'arbiscan_combinedAllLabels.json': '2023-03-27',
      'ftmscan_combinedAllLabels.json': '2023-03-27',
      'avalanche_combinedAllLabels.json': '2023-03-27',
    },
  },
  {
    name: 'fatf',
    title: 'FATF black and grey lists',
    source:
      'compiled from FATF plenary statements (research helper CSV); official: ' +
      'https://www.fatf-gafi.org/en/countries/black-and-grey-lists.html',
    license: 'facts from public statements; no license attached',
    source_date: '2026-06-19',
    files: /^fatf_lists_.*\.csv$/,
  },
  {
    name: 'iban-registry',
    title: 'IBAN country formats (schwifty iban_registry)',
    source: 'https://github.com/mdomke/schwifty@23462330ec05c024fecfb9f275a213709c100e1c schwifty/iban_registry/',
    license: 'MIT',
    source_date: '2026-07-02',
    files: ['generated.json', 'overwrite.json'],
  },
  {
    name: 'bic-bank-registry',
    title: 'Bank registry: BIC and national bank codes (schwifty bank_registry)',
    source: 'https://github.com/mdomke/schwifty@23462330ec05c024fecfb9f275a213709c100e1c schwifty/bank_registry/',
    license: 'MIT',
    source_date: '2026-07-03',
    files: /^(generated|manual)_[a-z]{2}(\.v2)?\.json$/,
  },
];
