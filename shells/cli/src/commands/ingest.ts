import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CompactAddressIndex } from '@jil/psa';
import { addressIndexPathFor, buildSnapshot, ingestDatasets, writeAddressIndexFile, writeSnapshotFile } from '@jil/psa/ingest';
import { DATA_HELP, dataDir, stateDir } from '../paths.js';

/**
 * `jil ingest`: read every dataset, print one manifest line each, write the normalized snapshot (`snapshot.json`) and
 * the binary address index beside it (`snapshot.addresses.bin`, read by `jil serve --snapshot` without a rebuild).
 */
export async function runIngest(o: { dataDir: string | undefined; out: string | undefined; stateDir: string | undefined }): Promise<number> {
  const data = dataDir(o.dataDir);
  if (!data.exists) {
    console.error(`${DATA_HELP}\n(looked in ${data.dir})`);
    return 2;
  }
  const started = performance.now();
  const normalized = await ingestDatasets(data.dir, {
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
