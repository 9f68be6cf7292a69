import { existsSync } from 'node:fs';
import type { CompactAddressIndex } from '@jil/psa';
import { addressIndexPathFor, buildSnapshot, ingestDatasets, writeAddressIndexFile, writeSnapshotFile } from '@jil/ingest';

/**
 * The snapshot file a distributed topology shares (what `jil ingest --out <file>` writes: `snapshot.json` and the binary
 * address index beside it): written once from `dataDir` when missing, then reused, so every validator and the
 * coordinator screen against the same bytes.
 *
 * @param dataDir - the screening data folder.
 * @param file - the snapshot file, e.g. `.jil/distributed/snapshot.json`.
 * @returns `true` when it was written now.
 */
export async function ensureSnapshotFile(dataDir: string, file: string): Promise<boolean> {
  if (existsSync(file) && existsSync(addressIndexPathFor(file))) return false;
  const normalized = await ingestDatasets(dataDir);
  await writeSnapshotFile(file, normalized);
  const snapshot = buildSnapshot(normalized);
  await writeAddressIndexFile(addressIndexPathFor(file), snapshot.addresses as CompactAddressIndex, snapshot.sha256);
  return true;
}
