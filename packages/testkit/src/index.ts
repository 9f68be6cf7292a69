import { existsSync, readFileSync } from 'node:fs';
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
    datasets: [
      {
        name: 'test-list',
        title: 'test',
        source: 'test',
        source_date: '2026-11-01',
        license: 'none',
        rows: 0,
        sha256: 'a'.repeat(64),
        files: [],
      },
    ],
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

/**
 * The names an entry point's source exports, values and types apart (both sorted): `export { a, type B } from …`,
 * `export type { C } from …`, `export const|function|class d`, `export type|interface E`, and `export * from './x.js'`
 * followed into the file it names. For the export snapshots of every entry point (values and types).
 * @param entry - the entry file, e.g. `new URL('./index.ts', import.meta.url)`.
 */
export function sourceExportNames(entry: URL | string): { values: string[]; types: string[] } {
  const values = new Set<string>();
  const types = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
      for (const raw of m[2]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const isType = m[1] !== undefined || raw.startsWith('type ');
        (isType ? types : values).add(
          raw
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop()!,
        );
      }
    }
    for (const m of source.matchAll(
      /^export\s+(?:declare\s+)?(?:async\s+)?(const|let|function\*?|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm,
    )) {
      (m[1] === 'type' || m[1] === 'interface' ? types : values).add(m[2]!);
    }
    for (const m of source.matchAll(/export\s+\*\s+from\s+'(\.[^']+)'/g)) visit(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  };
  visit(entry instanceof URL ? fileURLToPath(entry) : entry);
  return { values: [...values].sort(), types: [...types].sort() };
}

/**
 * What `fn` throws, for asserting on an error's code and details: `expect(thrown(() => f(x))).toMatchObject({ code })`.
 * @throws Error `expected a throw` when `fn` returns normally (a test must not pass because nothing was thrown).
 */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/**
 * Wrong inputs for the wrong-input matrices (issue 12: no exported function lets anything but a JilError escape):
 * nullish, numbers (negative, NaN), strings, records (plain and prototype-less), arrays, booleans, byte arrays of
 * unexpected lengths, functions, symbols and bigints. Shared by every package's wrongInputs test and
 * scripts/find-escaping-errors.ts.
 */
export const GARBAGE_INPUTS: readonly unknown[] = Object.freeze([
  undefined,
  null,
  0,
  -1,
  Number.NaN,
  '',
  'x',
  {},
  [],
  true,
  new Uint8Array(0),
  new Uint8Array(33),
  () => 1,
  Symbol('s'),
  10n,
  Object.create(null),
]);
