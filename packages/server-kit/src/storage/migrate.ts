import { JilError } from '@jil/core';
import type { Db } from './Db.js';
import { int8ToNumber } from './int8ToNumber.js';
import { loadMigrations, type Migration } from './loadMigrations.js';

/** What {@link migrate} did. */
export interface MigrateResult {
  /** Migrations applied by this call, as `0001_init`. */
  applied: string[];
  /** Versions recorded in the database that this build has no file for (a newer build ran). */
  unknown: number[];
}

/** Serializes concurrent `migrate` calls of several processes (any constant bigint works). */
const LOCK_SQL = 'SELECT pg_advisory_xact_lock(7318245001)';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  sha256     text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

interface AppliedRow {
  version: unknown;
  name: string;
  sha256: string;
}

const label = (m: { version: number; name: string }): string => `${String(m.version).padStart(4, '0')}_${m.name}`;

function assertUnchanged(row: AppliedRow, file: Migration | undefined): void {
  if (file === undefined || (file.sha256 === row.sha256 && file.name === row.name)) return;
  throw new JilError('STORAGE_ERROR', 'an applied migration file was changed; add a new migration instead', {
    details: { version: file.version, name: file.name, applied_sha256: row.sha256, file_sha256: file.sha256 },
  });
}

/**
 * Brings the schema up to date with the numbered `.sql` files of `migrationsDir` (each shell passes its own folder:
 * `shells/preclearance/migrations/`, `shells/hq/migrations/`, …): applies each pending migration in its own transaction
 * together with its `schema_migrations(version, name, sha256, applied_at)` row. Idempotent and
 * safe when several processes start at once (advisory lock). Refuses to run when a migration that
 * is already applied no longer matches its file.
 *
 * @param db - An open database.
 * @param migrationsDir - Folder of numbered migration files (`0001_init.sql`, …); one schema, one folder.
 * @returns The migrations applied now and the unknown versions found.
 * @throws JilError `STORAGE_ERROR` when an applied file changed or a migration fails (that
 *   migration leaves nothing behind); `CONFIG_INVALID` for badly named files.
 *
 * @example
 * import { migrate, openPglite } from '@jil/server-kit';
 * const db = await openPglite();
 * const { applied } = await migrate(db, fileURLToPath(new URL('../migrations/', import.meta.url))); // ['0001_init', …]
 */
export async function migrate(db: Db, migrationsDir: string): Promise<MigrateResult> {
  const migrations = await loadMigrations(migrationsDir);
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  const appliedRows = await db.transaction(async (tx) => {
    await tx.query(LOCK_SQL);
    await tx.exec(CREATE_TABLE);
    return (await tx.query<AppliedRow>('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')).rows;
  });
  const appliedVersions = new Set<number>();
  const unknown: number[] = [];
  for (const row of appliedRows) {
    const version = int8ToNumber(row.version);
    appliedVersions.add(version);
    const file = byVersion.get(version);
    if (file === undefined) unknown.push(version);
    assertUnchanged(row, file);
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (appliedVersions.has(migration.version)) continue;
    const ran = await db.transaction(async (tx) => {
      await tx.query(LOCK_SQL);
      const existing = await tx.query<AppliedRow>('SELECT version, name, sha256 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      const row = existing.rows[0];
      if (row !== undefined) {
        assertUnchanged(row, migration); // another process applied it meanwhile
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.sha256,
      ]);
      return true;
    });
    if (ran) applied.push(label(migration));
  }
  return { applied, unknown };
}
