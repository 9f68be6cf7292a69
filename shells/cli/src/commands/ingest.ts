import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ingestDatasets, writeSnapshotFile } from '@jil/psa/ingest';
import { DATA_HELP, dataDir, stateDir } from '../paths.js';

/** `jil ingest`: read every dataset, print one manifest line each, write the normalized snapshot. */
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
  console.log(`\ningested ${normalized.datasets.length} datasets in ${ms} ms → ${out}`);
  return 0;
}
