import type { AddressListing, BankEntry, ChainFamily, DatasetManifest, FatfListing, IbanCountrySpec, SanctionsEntity } from './types.js';

/** Version tag of the normalized snapshot (the `version` field of a snapshot file). */
export const SNAPSHOT_VERSION = 'jil.snapshot.v1';

/** One listing of one address, with the address key it applies to (the JSON form of an index entry). */
export interface ListedAddress extends AddressListing {
  family: ChainFamily;
  /** Normalized key (`AddressKey.normalized`): EVM lower-case hex, bech32 lower-case, Base58 as published. */
  address: string;
}

/** What ingest did with one dataset's input rows. */
export interface DatasetStats {
  /** Rows read from the source files (lines, array items, object keys, XML entries). */
  input_rows: number;
  /** Normalized rows produced (address listings, entities, FATF rows, IBAN countries, BICs). */
  rows: number;
  /** Input rows that produced nothing, by reason (e.g. `unmapped_labels`, `invalid_address`, `duplicate`). */
  ignored: Record<string, number>;
  /** Address listings by category, for address datasets. */
  categories?: Record<string, number>;
}

/**
 * Everything ingest produced, as plain JSON (no Maps, no classes): the input of `buildSnapshot` and the content of
 * a snapshot file. Arrays are in a deterministic order, so the same data gives the same bytes.
 */
export interface NormalizedSnapshot {
  /** Always {@link SNAPSHOT_VERSION}; a reader refuses anything else. */
  version: typeof SNAPSHOT_VERSION;
  /** One manifest per dataset, sorted by name. */
  datasets: DatasetManifest[];
  addresses: ListedAddress[];
  sanctions: SanctionsEntity[];
  fatf: FatfListing[];
  /** IBAN country formats, sorted by country. */
  iban: IbanCountrySpec[];
  /** Known banks, one per 11-character BIC, sorted by BIC. */
  banks: BankEntry[];
  /** Per-dataset ingest statistics, keyed by dataset name. */
  stats: Record<string, DatasetStats>;
}
