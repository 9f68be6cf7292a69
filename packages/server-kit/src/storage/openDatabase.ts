import type { Db } from './Db.js';
import { openPglite } from './openPglite.js';
import { openPostgres } from './openPostgres.js';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when set (and not empty) PostgreSQL is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory used when `databaseUrl` is not set (the CLI passes `.jil/pglite`). */
  dataDir: string;
}

/**
 * Opens the node's database: PostgreSQL when `databaseUrl` is set, else embedded PGlite under
 * `dataDir`. Run `migrate(db, migrationsDir)` next. Open once per process.
 *
 * @returns A {@link Db} of kind `postgres` or `pglite`.
 * @throws JilError `STORAGE_ERROR` when the database cannot be opened.
 *
 * @example
 * import { migrate, openDatabase } from '@jil/server-kit';
 * const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '.jil/pglite' });
 * await migrate(db, migrationsDir);
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  const { databaseUrl, dataDir } = options;
  if (databaseUrl !== undefined && databaseUrl !== '') return openPostgres(databaseUrl);
  return openPglite(dataDir);
}
