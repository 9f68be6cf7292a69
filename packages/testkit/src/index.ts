import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the folder holding pnpm-workspace.yaml). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `../shared` beside the repository, or `JIL_SHARED_DIR`. Tests read vectors and data from here; never copy them. */
export const SHARED_DIR = process.env['JIL_SHARED_DIR'] ?? resolve(REPO_ROOT, '../shared');

/** Path of a file under `../shared/vectors`. */
export function vectorPath(...parts: string[]): string {
  return resolve(SHARED_DIR, 'vectors', ...parts);
}

/** Path of a file or folder under `../shared/data`. */
export function dataPath(...parts: string[]): string {
  return resolve(SHARED_DIR, 'data', ...parts);
}

/** True when `../shared/data` exists (tests on real data need it). */
export const HAS_SHARED_DATA = existsSync(resolve(SHARED_DIR, 'data'));

/**
 * A snapshot with one empty test dataset and no listings: enough to build and sign PSAs in tests that do not
 * screen real data. Typed structurally so the testkit needs no runtime dependency on `@jil/psa`.
 */
export function emptySnapshot() {
  return {
    datasets: [{ name: 'test-list', title: 'test', source: 'test', source_date: '2026-11-01', license: 'none', rows: 0, sha256: 'a'.repeat(64), files: [] }],
    sha256: 'b'.repeat(64),
    addresses: { lookup: () => [], size: 0 },
    sanctions: [],
    fatf: [],
    iban: new Map(),
    banks: new Map(),
  };
}
