import { canonicalBytes, sha256Hex } from '@jil/core';
import { writeSnapshotFile } from '@jil/ingest';
import { SNAPSHOT_VERSION } from '@jil/psa';

/**
 * Write a snapshot file with one empty test dataset and no listings: enough for a service or a validator process to
 * screen and sign, and quick to load in every process (the file form of @jil/testkit's `emptySnapshot`).
 */
export function writeOneDatasetSnapshot(file: string): Promise<unknown> {
  return writeSnapshotFile(file, {
    version: SNAPSHOT_VERSION,
    datasets: [
      {
        name: 'test-list',
        title: 'test',
        source: 'test',
        source_date: '2026-11-01',
        license: 'none',
        rows: 0,
        sha256: sha256Hex(canonicalBytes([])),
        files: [],
      },
    ],
    addresses: [],
    sanctions: [],
    fatf: [],
    iban: [],
    banks: [],
    stats: {},
  });
}
