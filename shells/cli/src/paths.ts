import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in shells/cli/src). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `--state-dir`, `JIL_STATE_DIR` or `<repo>/.jil`. */
export function stateDir(flag?: string): string {
  return resolve(flag ?? process.env['JIL_STATE_DIR'] ?? resolve(REPO_ROOT, '.jil'));
}

/** How to get the screening data, printed when it is missing. */
export const DATA_HELP = [
  'The screening data was not found.',
  'JIL screens against real public lists (OFAC, UN, FATF, ScamSniffer, MEW, Etherscan labels, Lazarus attributions, IBAN/BIC registries).',
  'Put the `shared/` folder beside this repository so that ../shared/data exists (it ships with the JIL workspace),',
  'or point to a folder with the same layout with --data-dir <dir> or JIL_DATA_DIR=<dir>.',
  "Each dataset folder's README.md names its official source; `jil ingest --data-dir <dir>` reads the official formats.",
].join('\n');

/** Resolve the data folder: `--data-dir`, `JIL_DATA_DIR`, or `../shared/data` beside the repository. */
export function dataDir(flag?: string): { dir: string; exists: boolean } {
  const dir = resolve(flag ?? process.env['JIL_DATA_DIR'] ?? resolve(REPO_ROOT, '../shared/data'));
  return { dir, exists: existsSync(dir) };
}
