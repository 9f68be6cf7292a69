/**
 * Shapes of the normalized screening snapshot: the contract between ingest (`@jil/ingest`),
 * the address index (src/address) and the four screening stages (src/screening).
 */

/** Provenance of one row of a source file: which file, which row (1-based line or array index) or key. */
export interface RowProvenance {
  /** Dataset name, e.g. `ofac-sdn`. */
  dataset: string;
  /** File name inside the dataset folder, e.g. `sdn.csv`. */
  file: string;
  /** 1-based line number (text/CSV) or 0-based array index (JSON arrays), when it applies. */
  row?: number;
  /** Object key (JSON objects) or entry id (XML), when it applies. */
  key?: string;
}

/** One file of a dataset, as hashed at ingest. */
export interface DatasetFile {
  file: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file bytes. */
  sha256: string;
}

/** Manifest of one ingested dataset (one folder of `../shared/data` or one official source). */
export interface DatasetManifest {
  /** Stable dataset name, e.g. `ofac-sdn`, `un-consolidated`, `scamsniffer`. */
  name: string;
  /** Human title, e.g. `OFAC SDN list (sdn.csv + alt.csv)`. */
  title: string;
  /** Where the data comes from (repository + commit, or official URL). */
  source: string;
  /** The date of the list itself (not of the ingest), `YYYY-MM-DD`. */
  source_date: string;
  /** License as stated by the source. */
  license: string;
  /** Number of normalized rows this dataset contributed. */
  rows: number;
  /** SHA-256 over the dataset's files: hex SHA-256 of the JCS of `files`. */
  sha256: string;
  files: DatasetFile[];
}

/** Chain families whose address rules differ. */
export type ChainFamily = 'evm' | 'bitcoin' | 'litecoin' | 'bitcoincash' | 'tron' | 'solana' | 'other';

/** Address categories. Hard categories fail a transfer; informational ones never do. */
export type HardCategory = 'sanctioned' | 'dprk' | 'mixer' | 'scam' | 'phishing';
export type InfoCategory = 'exchange' | 'defi' | 'bridge';
export type AddressCategory = HardCategory | InfoCategory;

export const HARD_CATEGORIES: readonly HardCategory[] = ['sanctioned', 'dprk', 'mixer', 'scam', 'phishing'];
export const INFO_CATEGORIES: readonly InfoCategory[] = ['exchange', 'defi', 'bridge'];

/** One listing of one address by one source. An address may have several. */
export interface AddressListing {
  category: AddressCategory;
  severity: 'hard' | 'info';
  /** Dataset name the listing comes from. */
  list: string;
  /** The list's source date, `YYYY-MM-DD`. */
  list_date: string;
  /** Free text from the source: SDN entity name, Etherscan name tag, incident, phishing domain. */
  label: string;
  provenance: RowProvenance;
  /** Date the source gives for this one entry (e.g. MEW darklist `date`), `YYYY-MM-DD`, when it gives one. */
  entry_date?: string;
  /**
   * CAIP-2 chain the source listed the address on (e.g. `eip155:56` for bscscan), when it says. Informational:
   * EVM listings apply on every `eip155` chain (an EOA is the same key everywhere).
   */
  chain_id?: string;
}

/** A normalized address key: chain family plus the family's canonical form (EVM: lower-case hex). */
export interface AddressKey {
  family: ChainFamily;
  /** Canonical comparison form. */
  normalized: string;
  /** Display form (EVM: EIP-55 checksummed). */
  display: string;
}

/** Lookup structure over all listed addresses. */
export interface AddressIndex {
  /** Listings for a normalized key, or an empty array. */
  lookup(key: AddressKey): readonly AddressListing[];
  /** Number of distinct addresses. */
  readonly size: number;
}

/** FollowTheMoney-like schema of a sanctioned party. */
export type PartySchema = 'Person' | 'Organization' | 'Vessel' | 'Aircraft';

/** One name of a sanctioned entity. */
export interface EntityName {
  name: string;
  /** `primary` for the listed name; `aka`/`fka`/`nka` (OFAC) or `alias` (UN). */
  kind: 'primary' | 'aka' | 'fka' | 'nka' | 'alias' | 'original_script';
  /** UN alias quality (`Good`/`Low`), when given. */
  quality?: string;
}

/** One entry of a sanctions list (OFAC SDN or UN consolidated). */
export interface SanctionsEntity {
  /** Dataset name, e.g. `ofac-sdn`, `un-consolidated`. */
  list: string;
  /** The list's own id: OFAC `ent_num`, UN `REFERENCE_NUMBER` (DATAID in provenance). */
  entry_id: string;
  schema: PartySchema;
  names: EntityName[];
  /** Programs / regimes, e.g. `SDGT`, `DPRK`. */
  programs: string[];
  /** ISO 3166-1 alpha-2 nationality/citizenship codes when known. */
  countries: string[];
  /** Dates or years of birth as given. */
  birth_dates: string[];
  list_date: string;
  provenance: RowProvenance;
}

/** One FATF list row. */
export interface FatfListing {
  /** ISO 3166-1 alpha-2. */
  iso2: string;
  country: string;
  list: 'call_for_action' | 'increased_monitoring';
  /** `countermeasures`, `enhanced_due_diligence` or `none`. */
  action: string;
  list_date: string;
  provenance: RowProvenance;
}

/** IBAN country format (SWIFT IBAN registry notation). */
export interface IbanCountrySpec {
  country: string;
  /** e.g. `AD2!n4!n4!n12!c`. */
  iban_spec: string;
  iban_length: number;
  bban_spec: string;
  bban_length: number;
  in_sepa_zone: boolean;
  /** BBAN component positions `[start, end)` (e.g. `bank_code`, `branch_code`, `account_code`), when known. */
  positions?: Record<string, [number, number]>;
}

/** A known bank (BIC registry row). */
export interface BankEntry {
  bic: string;
  name: string;
  country: string;
  /** Short name from the registry, when it differs from `name`. */
  short_name?: string;
  /** National bank codes (e.g. German BLZ) that map to this BIC, when the registry gives them. */
  bank_codes?: string[];
}

/** Everything the screening stages read, loaded once per process. */
export interface Snapshot {
  /** One manifest per dataset, sorted by name. */
  datasets: DatasetManifest[];
  /** Hex SHA-256 of the JCS of `datasets` (identifies the snapshot). */
  sha256: string;
  addresses: AddressIndex;
  sanctions: SanctionsEntity[];
  fatf: FatfListing[];
  iban: ReadonlyMap<string, IbanCountrySpec>;
  /** Known BICs (8- and 11-char forms, upper-case) → bank. */
  banks: ReadonlyMap<string, BankEntry>;
}
