import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isJilError } from '@jil/core';
import type { CompactAddressIndex } from '@jil/psa';
import {
  addressIndexPathFor,
  buildSnapshot,
  downloadOfficialDatasets,
  ingestDatasets,
  writeAddressIndexFile,
  writeSnapshotFile,
} from '@jil/ingest';
import { DATA_HELP, dataDir, stateDir } from '../paths.js';

/** Options of {@link runIngest}. */
export interface RunIngestOptions {
  dataDir: string | undefined;
  out: string | undefined;
  stateDir: string | undefined;
  /** Download every list from its official URL into `<state>/official-data` first, and ingest that. */
  fromOfficial?: boolean | undefined;
}

/**
 * `jil ingest`: read every dataset, print one manifest line each, write the normalized snapshot (`snapshot.json`) and
 * the binary address index beside it (`snapshot.addresses.bin`, read by `jil serve --snapshot` without a rebuild).
 * With `--from-official` the lists are first downloaded from their official URLs (`OFFICIAL_SOURCES`) into
 * `<state>/official-data`, the datasets without a download copied from the data folder; when any download fails
 * nothing is replaced, the failures are printed and the exit code is 1.
 *
 * @returns 0 on success, 1 when the download failed, 2 without data.
 */
export async function runIngest(o: RunIngestOptions): Promise<number> {
  const data = dataDir(o.dataDir);
  let source = data.dir;
  if (o.fromOfficial) {
    source = join(stateDir(o.stateDir), 'official-data');
    try {
      const r = await downloadOfficialDatasets(source, {
        ...(data.exists ? { localDir: data.dir } : {}),
        onProgress: (s, done, total) => process.stderr.write(`\r… download ${String(done).padStart(2)}/${total} ${s.dataset.padEnd(26)}`),
      });
      process.stderr.write('\n');
      console.log(
        `downloaded ${r.downloaded.length} official files; kept local copies of ${r.copied.join(', ') || 'none'} (no official download)`,
      );
    } catch (error) {
      process.stderr.write('\n');
      if (!isJilError(error, 'DATASET_DOWNLOAD_FAILED')) throw error;
      console.error(`jil ingest --from-official: ${error.message}`);
      for (const f of error.details['failures'] as Array<{ dataset: string; url: string; reason: string }>)
        console.error(`  ${f.dataset.padEnd(26)} ${f.url}  (${f.reason})`);
      console.error(
        `No network to the publishers? ${source} was left as it was; \`jil ingest\` without --from-official reads the local ` +
          `copies in ${data.dir}.`,
      );
      return 1;
    }
  } else if (!data.exists) {
    console.error(`${DATA_HELP}\n(looked in ${data.dir})`);
    return 2;
  }
  const started = performance.now();
  const normalized = await ingestDatasets(source, {
    onProgress: (e) => process.stderr.write(`\r… ${e.dataset.padEnd(28)} ${String(e.done).padStart(2)}/${e.total}`),
  });
  process.stderr.write('\n');
  const ms = Math.round(performance.now() - started);
  console.log(`${'dataset'.padEnd(26)} ${'source date'.padEnd(12)} ${'rows'.padStart(8)}  sha256`);
  for (const m of normalized.datasets) {
    console.log(`${m.name.padEnd(26)} ${m.source_date.padEnd(12)} ${String(m.rows).padStart(8)}  ${m.sha256.slice(0, 16)}…`);
  }
  const out = o.out ?? join(stateDir(o.stateDir), 'snapshot.json');
  mkdirSync(dirname(out), { recursive: true });
  await writeSnapshotFile(out, normalized);
  const snapshot = buildSnapshot(normalized);
  const binary = addressIndexPathFor(out);
  const bytes = await writeAddressIndexFile(binary, snapshot.addresses as CompactAddressIndex, snapshot.sha256);
  console.log(`\ningested ${normalized.datasets.length} datasets in ${ms} ms → ${out}`);
  console.log(`address index: ${snapshot.addresses.size} addresses, ${(bytes / 2 ** 20).toFixed(1)} MiB → ${binary}`);
  return 0;
}
