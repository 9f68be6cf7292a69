import { access } from 'node:fs/promises';
import type { Snapshot } from '@jil/psa';
import { addressIndexPathFor, readAddressIndexFile } from './addressIndexFiles.js';
import { buildSnapshot, snapshotSha256 } from './buildSnapshot.js';
import { readSnapshotFile } from './readSnapshotFile.js';

/**
 * Load the snapshot `jil ingest` wrote: the JSON snapshot plus, when present beside it, the binary address index
 * (`snapshot.addresses.bin`, checked to belong to the same snapshot) — so the address index is not rebuilt at start.
 * Without the binary file the index is built from the JSON's `addresses`.
 *
 * @param path - the JSON snapshot, e.g. `.jil/snapshot.json`.
 * @returns the {@link Snapshot}.
 * @throws JilError `DATASET_NOT_FOUND` / `DATASET_PARSE_ERROR` as `readSnapshotFile` and `readAddressIndexFile`.
 * @example
 * import { loadSnapshotFile } from '@jil/ingest';
 * const snapshot = await loadSnapshotFile('.jil/snapshot.json');
 */
export async function loadSnapshotFile(path: string): Promise<Snapshot> {
  const normalized = await readSnapshotFile(path);
  const binary = addressIndexPathFor(path);
  const exists = await access(binary).then(
    () => true,
    () => false,
  );
  if (!exists) return buildSnapshot(normalized);
  const index = await readAddressIndexFile(
    binary,
    snapshotSha256([...normalized.datasets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))),
  );
  return buildSnapshot(normalized, index);
}
