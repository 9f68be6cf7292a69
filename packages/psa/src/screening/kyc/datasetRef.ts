import type { Snapshot } from '../../datasets/types.js';

/** Which dataset a KYC hit cites: name, list date and the file(s) it was read from. */
export interface DatasetRef {
  list: string;
  /** The dataset's `source_date` (`YYYY-MM-DD`), or `unknown` when the snapshot has no such manifest. */
  list_date: string;
  /** File name(s) of the dataset, comma-joined. */
  file: string;
}

/**
 * Find the manifest of dataset `name` in the snapshot and describe it for hit provenance.
 *
 * @param snapshot the screening snapshot.
 * @param name dataset name, e.g. `iban-registry`, `bic-bank-registry`.
 * @param fallbackFile file name used when the snapshot has no manifest for `name`.
 * @example
 * import { datasetRef } from './datasetRef.js';
 * datasetRef(snapshot, 'iban-registry', 'generated.json'); // { list: 'iban-registry', list_date: '2026-07-02', … }
 */
export function datasetRef(snapshot: Pick<Snapshot, 'datasets'>, name: string, fallbackFile: string): DatasetRef {
  const manifest = snapshot.datasets.find((d) => d.name === name);
  return {
    list: name,
    list_date: manifest?.source_date ?? 'unknown',
    file: manifest && manifest.files.length > 0 ? manifest.files.map((f) => f.file).join(',') : fallbackFile,
  };
}
