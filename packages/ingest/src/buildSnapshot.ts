import { canonicalize, sha256Hex } from '@jil/core';
import {
  type AddressIndex,
  type BankEntry,
  CompactAddressIndex,
  type IbanCountrySpec,
  type NormalizedSnapshot,
  type Snapshot,
} from '@jil/psa';

/**
 * Hex SHA-256 identifying a snapshot: SHA-256 of the RFC 8785 JCS of its dataset manifests (sorted by name).
 *
 * @param datasets - the manifests.
 * @returns lower-case hex.
 * @example
 * import { snapshotSha256 } from '@jil/ingest';
 * snapshotSha256(normalized.datasets);
 */
export function snapshotSha256(datasets: NormalizedSnapshot['datasets']): string {
  return sha256Hex(canonicalize(datasets));
}

/**
 * Build the in-memory {@link Snapshot} the screening stages read from a normalized snapshot: the address index,
 * IBAN formats by country, and banks by BIC under both the 11-character and the 8-character form (the 8-character
 * key goes to the head office `…XXX` when there is one, else to the first branch in BIC order).
 *
 * The address index is a {@link CompactAddressIndex} built from `normalized.addresses`, unless `addresses` passes
 * one already loaded (the binary index file written by `jil ingest`, see `readAddressIndexFile`).
 *
 * @param normalized - from `ingestDatasets` or `readSnapshotFile`.
 * @param addresses - a prebuilt address index for the same snapshot, optional.
 * @returns the {@link Snapshot}; `sha256` = {@link snapshotSha256} of `datasets`.
 * @example
 * import { buildSnapshot, ingestDatasets } from '@jil/ingest';
 * const snapshot = buildSnapshot(await ingestDatasets('../shared/data'));
 */
export function buildSnapshot(normalized: NormalizedSnapshot, addresses?: AddressIndex): Snapshot {
  const datasets = [...normalized.datasets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const iban = new Map<string, IbanCountrySpec>(normalized.iban.map((s) => [s.country, s]));
  const banks = new Map<string, BankEntry>();
  for (const bank of normalized.banks) {
    banks.set(bank.bic, bank);
    if (bank.bic.endsWith('XXX')) banks.set(bank.bic.slice(0, 8), bank);
  }
  for (const bank of normalized.banks) if (!banks.has(bank.bic.slice(0, 8))) banks.set(bank.bic.slice(0, 8), bank);
  return {
    datasets,
    sha256: snapshotSha256(datasets),
    addresses: addresses ?? CompactAddressIndex.from(normalized.addresses),
    sanctions: normalized.sanctions,
    fatf: normalized.fatf,
    iban,
    banks,
  };
}
