import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { NormalizedSnapshot } from '@jil/psa';

/**
 * Write a normalized snapshot as JSON (`version: 'jil.snapshot.v1'`), creating the folder; written to a temporary file
 * and renamed, so readers never see a half-written file.
 *
 * @param path - target file, e.g. `.jil/snapshot.json`.
 * @param normalized - from `ingestDatasets`.
 * @returns when written.
 * @example
 * import { ingestDatasets, writeSnapshotFile } from '@jil/ingest';
 * await writeSnapshotFile('.jil/snapshot.json', await ingestDatasets('../shared/data'));
 */
export async function writeSnapshotFile(path: string, normalized: NormalizedSnapshot): Promise<void> {
  const target = resolve(path);
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(normalized)}\n`, 'utf8');
  await rename(tmp, target);
}
