import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { JilError } from '@jil/core';
import { z } from 'zod';
import { SNAPSHOT_VERSION, type NormalizedSnapshot } from '@jil/psa';
import { manifestSha256 } from './buildManifest.js';
import { datasetParseError } from './datasetParseError.js';

const DATASET = 'snapshot';

/** Loose shape check: the version field, the top-level arrays, and the manifests (whose hashes are re-checked). */
const SnapshotFileSchema = z.looseObject({
  version: z.literal(SNAPSHOT_VERSION),
  datasets: z.array(
    z.looseObject({
      name: z.string(),
      source_date: z.string(),
      rows: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      files: z.array(
        z.strictObject({ file: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      ),
    }),
  ),
  addresses: z.array(z.looseObject({ family: z.string(), address: z.string(), category: z.string() })),
  sanctions: z.array(z.looseObject({ entry_id: z.string(), names: z.array(z.unknown()) })),
  fatf: z.array(z.looseObject({ iso2: z.string() })),
  iban: z.array(z.looseObject({ country: z.string() })),
  banks: z.array(z.looseObject({ bic: z.string() })),
  stats: z.record(z.string(), z.unknown()),
});

/**
 * Read a snapshot file written by `writeSnapshotFile`. Checks the `version` field (`jil.snapshot.v1`), the top-level
 * shape loosely, and that every manifest's `sha256` matches its `files`.
 *
 * @param path - the file.
 * @returns the {@link NormalizedSnapshot} (pass it to `buildSnapshot`).
 * @throws JilError `DATASET_NOT_FOUND` when the file is missing; `DATASET_PARSE_ERROR` (dataset `snapshot`) for bad
 *   JSON, another version, a wrong shape (names the first bad path) or a manifest hash mismatch.
 * @example
 * import { buildSnapshot, readSnapshotFile } from '@jil/ingest';
 * const snapshot = buildSnapshot(await readSnapshotFile('.jil/snapshot.json'));
 */
export async function readSnapshotFile(path: string): Promise<NormalizedSnapshot> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new JilError('DATASET_NOT_FOUND', `snapshot file ${file} not found`, { details: { file }, cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw datasetParseError(DATASET, file, undefined, `invalid JSON: ${(cause as Error).message}`, cause);
  }
  const parsed = SnapshotFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw datasetParseError(DATASET, file, issue.path.map(String).join('.') || '(root)', issue.message);
  }
  for (const manifest of parsed.data.datasets) {
    if (manifestSha256(manifest.files) !== manifest.sha256) {
      throw datasetParseError(DATASET, file, `datasets.${manifest.name}`, 'manifest sha256 does not match its files');
    }
  }
  return parsed.data as unknown as NormalizedSnapshot;
}
