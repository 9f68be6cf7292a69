import { fileURLToPath } from 'node:url';
import { migrate, type Db, type MigrateResult } from '@jil/server-kit';

/** `shells/preclearance/migrations/`, resolved from this file. */
export const PRECLEARANCE_MIGRATIONS_DIR: string = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Brings the pre-clearance node's schema up to date with its numbered migrations (`migrate` of `@jil/server-kit`: one
 * transaction per file, checksums, advisory lock).
 * @throws JilError `STORAGE_ERROR` when an applied file changed or a migration fails; `CONFIG_INVALID` for a badly
 *   named file.
 * @example
 * import { migratePreclearance } from '@jil/shell-preclearance';
 * const { applied } = await migratePreclearance(db); // ['0001_init', …] on an empty database
 */
export function migratePreclearance(db: Db): Promise<MigrateResult> {
  return migrate(db, PRECLEARANCE_MIGRATIONS_DIR);
}
