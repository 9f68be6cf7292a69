import type { Snapshot } from '@jil/psa';
import { buildSnapshot } from './buildSnapshot.js';
import { ingestDatasets, type IngestDatasetsOptions } from './ingestDatasets.js';

/**
 * Ingest every dataset of `dataDir` and build the in-memory snapshot (`buildSnapshot(await ingestDatasets(…))`).
 *
 * @param dataDir - folder holding one sub-folder per dataset (e.g. `../shared/data`).
 * @param options - as for `ingestDatasets`.
 * @returns the {@link Snapshot}.
 * @throws JilError `DATASET_NOT_FOUND` / `DATASET_PARSE_ERROR` as `ingestDatasets`.
 * @example
 * import { loadSnapshot } from '@jil/ingest';
 * const snapshot = await loadSnapshot(process.env.JIL_DATA_DIR ?? '../shared/data');
 */
export async function loadSnapshot(dataDir: string, options: IngestDatasetsOptions = {}): Promise<Snapshot> {
  return buildSnapshot(await ingestDatasets(dataDir, options));
}
