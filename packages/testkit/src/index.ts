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

/** A database handle with the two calls the schema harness needs (structurally the shells' `Db`). */
interface SchemaDb {
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Open/dispose hooks for a storage suite on a real PostgreSQL: each run works in its own random schema
 * (`<prefix>_<hex>`), dropped afterwards, so parallel runs never collide. The opener is a parameter so the
 * testkit needs no database driver.
 * @param openPostgres the shell's `openPostgres(url, { searchPath? })`.
 */
export function postgresSchemaHarness<D extends SchemaDb>(
  openPostgres: (url: string, options?: { searchPath?: string }) => Promise<D>,
  databaseUrl: string,
  prefix: string,
): { open(): Promise<D>; dispose(db: D): Promise<void> } {
  const schema = `${prefix}_${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  let admin: D | undefined;
  return {
    async open() {
      admin = await openPostgres(databaseUrl);
      await admin.exec(`CREATE SCHEMA ${schema}`);
      return openPostgres(databaseUrl, { searchPath: schema });
    },
    async dispose(db) {
      await db.close();
      await admin?.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin?.close();
    },
  };
}
