import { type DatasetStats, type ListedAddress, type NormalizedSnapshot, SNAPSHOT_VERSION } from '@jil/psa';
import { buildManifest, hashDatasetFiles } from './buildManifest.js';
import { DATASET_DESCRIPTORS, type DatasetDescriptor } from './datasetDescriptors.js';
import { DATASET_PARSERS, initialIngestContext } from './datasetParsers.js';
import { decodeText } from './decodeText.js';
import { ListingDeduper } from './listedAddress.js';
import type { ParseResult } from './ParseResult.js';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { assertDataDir, readDatasetFiles } from './readDatasetFiles.js';

const folderExists = (path: string): Promise<boolean> =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** Progress of {@link ingestDatasets}: emitted after each dataset. */
export interface IngestProgress {
  dataset: string;
  /** Normalized rows the dataset contributed. */
  rows: number;
  /** Datasets done so far (1-based) and in total. */
  done: number;
  total: number;
}

/** Options of {@link ingestDatasets}. */
export interface IngestDatasetsOptions {
  onProgress?: (event: IngestProgress) => void;
  /** Datasets to read, default {@link DATASET_DESCRIPTORS} (all). */
  datasets?: readonly DatasetDescriptor[];
}

function mergeIgnored(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

/**
 * Read and normalize every dataset folder of `dataDir` (see `DATASET_DESCRIPTORS`; optional ones — EU, UK — only
 * when their folder exists): address lists → listings with
 * normalized keys (one per address, category and dataset; repeats counted as `duplicate`), OFAC SDN and UN →
 * sanctions entities, FATF, IBAN formats and banks — plus a manifest (files hashed) and stats per dataset.
 * Deterministic: the same files give the same JSON.
 *
 * @param dataDir - folder holding one sub-folder per dataset (e.g. `../shared/data`).
 * @param options - `onProgress` callback; `datasets` to read a subset.
 * @returns the {@link NormalizedSnapshot} (plain JSON).
 * @throws JilError `DATASET_NOT_FOUND` naming the missing folder or file; `DATASET_PARSE_ERROR` naming dataset, file and row.
 * @example
 * import { ingestDatasets } from '@jil/ingest';
 * const normalized = await ingestDatasets('../shared/data', { onProgress: (e) => console.log(e.dataset, e.rows) });
 */
export async function ingestDatasets(dataDir: string, options: IngestDatasetsOptions = {}): Promise<NormalizedSnapshot> {
  await assertDataDir(dataDir);
  const wanted = options.datasets ?? DATASET_DESCRIPTORS;
  const present = await Promise.all(wanted.map(async (d) => !d.optional || (await folderExists(resolve(dataDir, d.name)))));
  const descriptors = wanted.filter((_, i) => present[i]);
  const out: NormalizedSnapshot = {
    version: SNAPSHOT_VERSION,
    datasets: [],
    addresses: [],
    sanctions: [],
    fatf: [],
    iban: [],
    banks: [],
    stats: {},
  };
  const context = initialIngestContext();
  const settled = await Promise.allSettled(descriptors.map((d) => readDatasetFiles(dataDir, d)));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason; // the first missing dataset in ingest order, whichever read failed first
  const loaded = settled.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof readDatasetFiles>>>).value);
  descriptors.forEach((descriptor, i) => {
    const files = loaded[i]!;
    const parser = DATASET_PARSERS[descriptor.name];
    if (!parser) throw new TypeError(`no parser for dataset ${descriptor.name}`);
    const texts = files.map((f) => ({ file: f.file, text: decodeText(f.bytes, descriptor.name, f.file) }));
    const output = parser(texts, descriptor, context);
    const stats: DatasetStats = { input_rows: 0, rows: 0, ignored: {} };
    const count = (r: ParseResult<unknown>) => {
      stats.input_rows += r.input_rows;
      mergeIgnored(stats.ignored, r.ignored);
    };
    if (output.addresses) {
      const dedupe = new ListingDeduper();
      const categories: Record<string, number> = {};
      for (const result of output.addresses) {
        count(result);
        for (const listing of result.rows) {
          if (!dedupe.accept(listing)) {
            mergeIgnored(stats.ignored, { duplicate: 1 });
            continue;
          }
          out.addresses.push(listing as ListedAddress);
          categories[listing.category] = (categories[listing.category] ?? 0) + 1;
          stats.rows++;
        }
      }
      stats.categories = categories;
    }
    for (const result of output.sanctions ?? []) {
      count(result);
      out.sanctions.push(...result.rows);
      stats.rows += result.rows.length;
    }
    for (const [key, result] of [
      ['fatf', output.fatf],
      ['iban', output.iban],
      ['banks', output.banks],
    ] as const) {
      if (!result) continue;
      count(result);
      (out[key] as unknown[]).push(...result.rows);
      stats.rows += result.rows.length;
    }
    out.stats[descriptor.name] = stats;
    out.datasets.push(buildManifest(descriptor, hashDatasetFiles(files), stats.rows, output.sourceDate));
    options.onProgress?.({ dataset: descriptor.name, rows: stats.rows, done: i + 1, total: descriptors.length });
  });
  out.datasets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}
